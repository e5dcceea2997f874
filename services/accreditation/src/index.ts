import { runMain, startSubgraphApi } from '@leifeng/kit';
import { accreditationModule } from './module';

runMain(() => startSubgraphApi(accreditationModule, { handleSignals: true }));
