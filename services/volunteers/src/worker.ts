import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { volunteersModule } from './module';

// Relays this service's outbox; consumers and jobs arrive with the service's own issue.
runMain(() => startSubgraphWorker(volunteersModule, { handleSignals: true }));
