import { migrateSubgraph, runMain } from '@leifeng/kit';
import { accreditationModule } from './module';

runMain(() => migrateSubgraph(accreditationModule), { exitWhenDone: true });
