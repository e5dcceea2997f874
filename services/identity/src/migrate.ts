import { migrateSubgraph, runMain } from '@leifeng/kit';
import { identityModule } from './module';

runMain(() => migrateSubgraph(identityModule), { exitWhenDone: true });
