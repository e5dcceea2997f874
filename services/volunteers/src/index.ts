import { runMain, startSubgraphApi } from '@leifeng/kit';
import { volunteersModule } from './module';

runMain(() => startSubgraphApi(volunteersModule, { handleSignals: true }));
