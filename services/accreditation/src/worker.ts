import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { handleEvent } from './handle-event';
import { accreditationModule } from './module';
import { startReviewWorker } from './review-worker';

// Relays the outbox, keeps station_ref from station.* events, runs the re-review and its scheduler.
runMain(() => startSubgraphWorker(accreditationModule, { handleSignals: true, handleEvent, extraWorkers: async (deps) => [await startReviewWorker(deps)] }));
