import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { stationsModule } from './module';

// Relays the stations outbox to the consumers' queues.
runMain(() => startSubgraphWorker(stationsModule, { handleSignals: true }));
