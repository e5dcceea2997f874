import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { readVolunteersConfig } from './config';
import { handleEvent } from './handle-event';
import { startExpiryJob } from './jobs/expiry-job';
import { volunteersModule } from './module';

// Relays this service's outbox, keeps the station replica from station.* events, expires time-bank points nightly.
runMain(async () => {
  const config = readVolunteersConfig();
  return startSubgraphWorker(volunteersModule, {
    handleSignals: true,
    handleEvent,
    extraWorkers: (deps) => startExpiryJob(deps, config),
  });
});
