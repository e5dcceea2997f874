import { migrateSubgraph, runMain } from '@leifeng/kit';
import { readAccreditationPii } from './config';
import { accreditationModule } from './module';

runMain(
  async () => {
    readAccreditationPii(); // the 附件2 leader-phone migration encrypts with PII_ENCRYPTION_KEY
    return migrateSubgraph(accreditationModule);
  },
  { exitWhenDone: true },
);
