import { runMain, startSubgraphApi } from '@leifeng/kit';
import { readStationsConfig } from './config';
import { stationsModule } from './module';

runMain(async () => {
  readStationsConfig(); // fail fast on missing or bad PII keys
  return startSubgraphApi(stationsModule, { handleSignals: true });
});
