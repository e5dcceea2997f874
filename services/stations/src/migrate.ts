import { migrateSubgraph, runMain } from '@leifeng/kit';
import { stationsModule } from './module';

runMain(() => migrateSubgraph(stationsModule), { exitWhenDone: true });
