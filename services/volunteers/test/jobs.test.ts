import { Queue } from 'bullmq';
import { startSubgraphWorker, type RunningProcess } from '@leifeng/kit';
import { waitFor } from '@leifeng/kit/testing';
import { readVolunteersConfig } from '../src/config';
import { EXPIRY_QUEUE, EXPIRY_SCHEDULER, startExpiryJob } from '../src/jobs/expiry-job';
import { createVolunteersModule } from '../src/module';
import {
  VERIFY,
  recordInput,
  registerMember,
  seedStation,
  startVolunteers,
  tokens,
  type VolunteersUnderTest,
} from './helpers';
import { gql } from '@leifeng/kit/testing';

let t: VolunteersUnderTest;
let worker: RunningProcess;

beforeAll(async () => {
  t = await startVolunteers();
  const config = readVolunteersConfig({ TIMEBANK_EXPIRY_YEARS: '1' });
  worker = await startSubgraphWorker(createVolunteersModule(), {
    env: t.svc.env,
    extraWorkers: (deps) => startExpiryJob(deps, config),
  });
});
afterAll(async () => {
  await worker?.stop();
  await t.stop();
});

it('schedules the nightly expiry and writes off points older than N years when it runs', async () => {
  const queue = new Queue(EXPIRY_QUEUE, {
    connection: worker.deps.redis,
    prefix: t.svc.env.BULLMQ_PREFIX,
  });
  try {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({
        key: EXPIRY_SCHEDULER,
        pattern: '0 30 2 * * *',
        tz: 'Asia/Shanghai',
      }),
    ]);

    const station = await seedStation(t);
    const manager = await tokens.manager(station);
    const v = await registerMember(t, station);
    const rec = await gql<{ recordService: { id: string } }>(
      t.svc.url,
      `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id } }`,
      {
        i: recordInput(v, station, '2026-01-05T09:00:00', '2026-01-05T11:00:00'),
      },
      { token: manager },
    );
    await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD' }, { token: manager });
    // Back-date the credit two years (the ledger refuses edits, so the guard is lifted for this fixture only).
    await t.db.query(`ALTER TABLE tb_entries DISABLE TRIGGER tb_entries_append_only`);
    await t.db.query(`UPDATE tb_entries SET created_at = now() - interval '2 years'`);
    await t.db.query(`ALTER TABLE tb_entries ENABLE TRIGGER tb_entries_append_only`);

    await queue.add('expire', {}); // what the scheduler enqueues at 02:30
    await waitFor(
      async () =>
        (await t.db.query(`SELECT 1 FROM tb_transactions WHERE kind = 'EXPIRY' AND volunteer_id = $1`, [v])).rowCount,
      10000,
      'expiry posting',
    );
    const { rows } = await t.db.query(
      `SELECT COALESCE(sum(e.amount), 0)::float8 AS b FROM tb_entries e JOIN tb_accounts a ON a.id = e.account_id WHERE a.volunteer_id = $1`,
      [v],
    );
    expect(rows[0].b).toBe(0);
  } finally {
    await queue.close();
  }
});
