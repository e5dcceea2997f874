import { runMain, startSubgraphApi } from '@leifeng/kit';
import { identityModule } from './module';

runMain(() => startSubgraphApi(identityModule, { handleSignals: true }));
