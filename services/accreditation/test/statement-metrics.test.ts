import { createDataSource, createLogger, Metrics } from '@leifeng/kit';
import { createTestDatabase, type TestDatabase } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import { StatementMetrics, withStatementScope } from '../src/statement-metrics';

let db: TestDatabase;
let ds: DataSource;
const statements = new StatementMetrics();

beforeAll(async () => {
  db = await createTestDatabase('accreditation_statements');
  ds = createDataSource({
    url: db.url,
    entities: [],
    migrations: [],
    logger: createLogger('t', 'silent'),
    queryLogger: statements,
  });
  await ds.initialize();
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

it('counts the statements sent inside a scope (through awaits and transactions) apart from the rest, on /metrics', async () => {
  await ds.query('SELECT 1'); // before registration: carried over into the counter
  const metrics = new Metrics('accreditation-worker');
  statements.register(metrics.registry);
  await withStatementScope('review', async () => {
    await ds.query('SELECT 1');
    // A macrotask hop (not a wait): the scope must survive the event loop turning, as it does across I/O.
    await new Promise((r) => setImmediate(r));
    await ds.transaction(async (m) => {
      await m.query('SELECT 2');
      await m.query('SELECT 3');
    });
  });
  await ds.query('SELECT 4');
  const values = (await metrics.registry.getSingleMetric('db_statements_total')!.get()).values;
  const of = (scope: string, kind: string) =>
    values.find((v) => v.labels.scope === scope && v.labels.kind === kind)?.value ?? 0;
  expect(of('review', 'statement')).toBe(3);
  expect(of('review', 'transaction')).toBe(2); // START TRANSACTION, COMMIT
  expect(of('other', 'statement')).toBeGreaterThanOrEqual(2); // SELECT 1 before, SELECT 4 after (+ TypeORM's start-up queries)
  const text = await metrics.registry.metrics();
  expect(text).toMatch(/db_statements_total\{scope="review",kind="statement",process="accreditation-worker"\} 3/);
  await metrics.close();
});
