import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { readVolunteersConfig } from './config';
import { handleEvent } from './handle-event';
import { volunteersModule } from './module';

// Relays this service's outbox and keeps the station replica from station.* events.
runMain(async () => {
  readVolunteersConfig();
  return startSubgraphWorker(volunteersModule, { handleSignals: true, handleEvent });
});
