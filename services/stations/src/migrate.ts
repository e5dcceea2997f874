import { migrateSubgraph, runMain } from '@leifeng/kit';
import { readStationsConfig } from './config';
import { stationsModule } from './module';

runMain(
  async () => {
    readStationsConfig(); // the leader-phone migration encrypts with PII_ENCRYPTION_KEY
    return migrateSubgraph(stationsModule);
  },
  { exitWhenDone: true },
);
