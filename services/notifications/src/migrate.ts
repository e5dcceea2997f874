import { migrateSubgraph, runMain } from '@leifeng/kit';
import { notificationsModule } from './module';

runMain(() => migrateSubgraph(notificationsModule), { exitWhenDone: true });
