import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { accreditationModule } from './module';

// Relays this service's outbox; consumers and jobs arrive with the service's own issue.
runMain(() => startSubgraphWorker(accreditationModule, { handleSignals: true }));
