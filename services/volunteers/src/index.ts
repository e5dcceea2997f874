import { runMain, startSubgraphApi } from '@leifeng/kit';
import { readVolunteersConfig } from './config';
import { volunteersModule } from './module';

runMain(async () => {
  readVolunteersConfig(); // fail fast on bad PII keys or policy
  return startSubgraphApi(volunteersModule, { handleSignals: true });
});
