import { gql, startTestSubgraph, tokenFor, waitFor, type TestSubgraph } from '@leifeng/kit/testing';
import { Client } from 'pg';
import { createNotificationsModule } from '../src/module';

/**
 * Concurrent withdrawals of one announcement: exactly one succeeds and writes the outbox event, the
 * others answer ANNOUNCEMENT_WITHDRAWN (issue 11, point 9). A row lock held by the test lines them all
 * up behind the UPDATE after each passed the "not yet withdrawn" read, so the race happens every run.
 */
let svc: TestSubgraph;
let db: Client;
const STATION = '5a1e0000-0000-4000-8000-0000000000a1';

beforeAll(async () => {
  svc = await startTestSubgraph(createNotificationsModule({ ...process.env, NODE_ENV: 'test' }));
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  await db.query(
    `INSERT INTO station_ref (station_id, name, region_code, status) VALUES ($1, '东风站', '430102', 'ACTIVE')`,
    [STATION],
  );
}, 60000);

afterAll(async () => {
  await db?.end();
  await svc?.stop();
});

it('four concurrent withdrawals: one succeeds and writes the only outbox event', async () => {
  const manager = await tokenFor({
    roles: ['STATION_MANAGER'],
    stationId: STATION,
  });
  const created = await gql<{ createAnnouncement: { id: string } }>(
    svc.url,
    `mutation { createAnnouncement(input: { stationId: "${STATION}", title: "便民服务", body: "周六上午义诊", category: NOTICE }) { id } }`,
    {},
    { token: manager },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createAnnouncement.id;

  const blocker = new Client({ connectionString: svc.db.url });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM announcement WHERE id = $1 FOR UPDATE', [id]);
    const N = 4;
    const calls = Array.from({ length: N }, () =>
      gql(
        svc.url,
        `mutation($id: ID!) { withdrawAnnouncement(id: $id) { id withdrawnAt } }`,
        { id },
        { token: manager },
      ),
    );
    // Barrier: every withdrawal has read the row and waits on the lock in its UPDATE.
    await waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE announcement%'`,
        );
        return rows[0].n === N;
      },
      15000,
      'all withdrawals blocked on the row lock',
    );
    await blocker.query('ROLLBACK');
    const results = await Promise.all(calls);
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code)).toEqual(
      Array(N - 1).fill('ANNOUNCEMENT_WITHDRAWN'),
    );
  } finally {
    await blocker.end();
  }
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM outbox WHERE type = 'announcement.withdrawn' AND aggregate_id = $1`,
    [id],
  );
  expect(rows[0].n).toBe(1);
});
