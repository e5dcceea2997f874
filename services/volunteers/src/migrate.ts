import { migrateSubgraph, runMain } from '@leifeng/kit';
import { volunteersModule } from './module';

runMain(() => migrateSubgraph(volunteersModule), { exitWhenDone: true });
