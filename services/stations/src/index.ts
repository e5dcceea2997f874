import { runMain, startSubgraphApi } from '@leifeng/kit';
import { stationsModule } from './module';

runMain(() => startSubgraphApi(stationsModule, { handleSignals: true }));
