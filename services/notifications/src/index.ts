import { runMain, startSubgraphApi } from '@leifeng/kit';
import { notificationsModule } from './module';

runMain(() => startSubgraphApi(notificationsModule, { handleSignals: true }));
