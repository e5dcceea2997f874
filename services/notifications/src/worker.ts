import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { handleEvent } from './handle-event';
import { notificationsModule } from './module';

// Relays this service's outbox and consumes every domain event into the event log.
runMain(() => startSubgraphWorker(notificationsModule, { handleSignals: true, handleEvent }));
