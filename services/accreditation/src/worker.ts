import { runMain, startSubgraphWorker } from '@leifeng/kit';
import { handleEvent } from './handle-event';
import { accreditationModule } from './module';
import { startReviewWorker } from './jobs/review-worker';
import { StatementMetrics } from './statement-metrics';

// Relays the outbox, keeps station_ref from station.* events, runs the re-review and its scheduler.
// SQL statements are counted on /metrics (db_statements_total, the re-review's under scope="review").
const statements = new StatementMetrics();
runMain(() =>
  startSubgraphWorker(accreditationModule, {
    handleSignals: true,
    handleEvent,
    queryLogger: statements,
    extraWorkers: async (deps) => {
      statements.register(deps.metrics.registry);
      return [await startReviewWorker(deps)];
    },
  }),
);
