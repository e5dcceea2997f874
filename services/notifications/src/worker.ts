import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { handleEvent } from './handle-event';
import { createChannelWorkers } from './jobs/channel-workers';
import { notificationsModule } from './module';

// Relays this service's outbox, consumes every domain event (event log + fan-out rows), and sends:
// SMS and webhook jobs in BullMQ, live events on Redis pub/sub.
runMain(() =>
  startSubgraphWorker(notificationsModule, {
    handleSignals: true,
    handleEvent,
    extraWorkers: (deps) => createChannelWorkers(deps),
  }),
);
