import type { MigrationInterface } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createLogger, decryptPii, migrateDatabase, startSubgraphWorker, type RunningProcess } from '@leifeng/kit';
import {
  createTestDatabase,
  gql,
  TEST_REDIS_URL,
  startTestSubgraph,
  tokenFor,
  uniqueSuffix,
  waitFor,
  type TestSubgraph,
} from '@leifeng/kit/testing';
import { handleEvent } from '../src/handle-event';
import { createChannelWorkers } from '../src/jobs/channel-workers';
import { WEBHOOK_QUEUE } from '../src/jobs/dispatcher';
import { createNotificationsModule } from '../src/module';
import { verify } from '../src/domain/webhook-signing';
import { fakeReceiver } from './fakes';
import { queuesIdle } from './queues';

/** Webhook rules through the real worker (outbox → consumer → dispatcher → BullMQ → HTTP) with a controllable clock. */
let svc: TestSubgraph;
let worker: RunningProcess;
let db: Client;
let receiver: Awaited<ReturnType<typeof fakeReceiver>>;
let agency: string;
let clock = new Date();
const DAY = 86_400_000;

const env = {
  // Attempt 2 and later come 1.5 s apart in real time: room to move the worker's clock in between.
  WEBHOOK_RETRY_SCHEDULE_MS: '0,1500,1500,1500,1500',
  WEBHOOK_JITTER: '0',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  NOTIFY_DISPATCH_POLL_MS: '50',
};

beforeAll(async () => {
  receiver = await fakeReceiver();
  const bullPrefix = `t${uniqueSuffix()}`;
  svc = await startTestSubgraph(createNotificationsModule({ ...process.env, ...env, NODE_ENV: 'test' }), {
    bullPrefix,
    env,
  });
  const wenv = { ...svc.env, PORT: '0' };
  worker = await startSubgraphWorker(createNotificationsModule(wenv), {
    env: wenv,
    handleEvent,
    extraWorkers: (deps) => createChannelWorkers(deps, { env: wenv, now: () => clock }),
  });
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  agency = await tokenFor({ roles: ['AGENCY'], agencyId: 'hn-wmb' });
  // Webhooks lie within the agency's scope, set by an admin covering it.
  await db.query(
    `INSERT INTO agency_scope (agency_id, region_codes, region_prefixes, event_types, set_by, set_by_region, set_at) VALUES ('hn-wmb', '{430000}', '{43}', '{*}', 'test-province', '430000', now())`,
  );
}, 60000);

afterAll(async () => {
  await db?.end();
  await worker?.stop();
  await svc?.stop();
  await receiver?.close();
});

async function endpoint(path: string, extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const r = await gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
    svc.url,
    `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }`,
    {
      i: {
        url: `${receiver.url}/${path}`,
        eventTypes: [`${path}.happened`],
        regionCode: '430100',
        ...extra,
      },
    },
    { token: agency },
  );
  expect(r.errors).toBeUndefined();
  return {
    id: r.data!.createWebhookEndpoint.endpoint.id,
    secret: r.data!.createWebhookEndpoint.secret,
  };
}

/** A domain event through this service's own outbox and relay, like any other service's. */
async function emit(type: string): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO outbox (type, source, aggregate_type, aggregate_id, payload) VALUES ($1, 'accreditation', 'Inspection', 'i-1', $2) RETURNING id`,
    [type, JSON.stringify({ regionCode: '430102', inspectionId: 'i-1' })],
  );
  return rows[0].id;
}

const forPath = (path: string) => receiver.received.filter((r) => JSON.parse(r.body).type === `${path}.happened`);
const ep = async (id: string) =>
  (
    await gql<{ webhookEndpoints: ({ id: string; enabled: boolean } & Record<string, unknown>)[] }>(
      svc.url,
      `{ webhookEndpoints { id enabled disabledReason failingSince lastSuccessAt } }`,
      {},
      { token: agency },
    )
  ).data!.webhookEndpoints.find((e) => e.id === id);
/** Attempts the worker has recorded for an endpoint's deliveries. */
const attemptsRecorded = async (endpointId: string): Promise<number> =>
  (
    await gql<{ webhookDeliveries: { attemptCount: number }[] }>(
      svc.url,
      `query($e: ID!) { webhookDeliveries(endpointId: $e) { attemptCount } }`,
      { e: endpointId },
      { token: agency },
    )
  ).data!.webhookDeliveries.reduce((n, d) => n + d.attemptCount, 0);
const sig = (r: { headers: Record<string, unknown>; body: string }, secret: string, at: Date) =>
  verify(
    secret,
    {
      id: String(r.headers['webhook-id']),
      timestamp: String(r.headers['webhook-timestamp']),
      signature: String(r.headers['webhook-signature']),
    },
    r.body,
    Math.floor(at.getTime() / 1000),
  );

describe('webhook paths through the delivery worker', () => {
  it('a 410 disables the endpoint at once (no retry) and records webhook.endpoint.disabled', async () => {
    clock = new Date();
    const e = await endpoint('gone');
    receiver.statuses.push(410);
    const eventId = await emit('gone.happened');
    await waitFor(async () => (await ep(e.id))?.enabled === false, 15000, 'endpoint disabled');
    expect(await ep(e.id)).toMatchObject({
      enabled: false,
      disabledReason: 'GONE',
    });
    // Barrier for "no retry": every attempt is posted from a webhook job (our retry schedule or BullMQ's
    // own backoff); with none waiting, delayed or running, no further attempt can come.
    await queuesIdle(TEST_REDIS_URL, svc.env.BULLMQ_PREFIX!, [WEBHOOK_QUEUE]);
    expect(forPath('gone').map((r) => r.status)).toEqual([410]);
    const { rows } = await db.query(
      `SELECT payload FROM outbox WHERE type = 'webhook.endpoint.disabled' AND aggregate_id = $1`,
      [e.id],
    );
    expect(rows).toEqual([{ payload: { endpointId: e.id, agencyId: 'hn-wmb', reason: 'GONE' } }]);
    const missed = await gql<{ webhookDeliveries: unknown }>(
      svc.url,
      `query($e: ID!) { webhookDeliveries(endpointId: $e, missedOnly: true) { eventId status attempts { statusCode } } }`,
      { e: e.id },
      { token: agency },
    );
    expect(missed.data!.webhookDeliveries).toEqual([{ eventId, status: 'FAILED', attempts: [{ statusCode: 410 }] }]);
  });

  it('disables an endpoint failing with no success for 5 days; the agency re-enables it and deliveries resume', async () => {
    const t0 = new Date('2026-03-01T00:00:00Z');
    clock = t0;
    const e = await endpoint('flaky');
    receiver.statuses.push(500, 500, 500);
    await emit('flaky.happened');
    await waitFor(() => forPath('flaky').length === 1, 15000, 'first attempt');
    clock = new Date(t0.getTime() + 4 * DAY);
    await waitFor(() => forPath('flaky').length === 2, 15000, 'second attempt');
    // Barrier: the worker has recorded the second attempt's answer (it writes after the response).
    await waitFor(async () => (await attemptsRecorded(e.id)) === 2, 15000, 'second attempt recorded');
    expect(await ep(e.id)).toMatchObject({
      enabled: true,
      failingSince: t0.toISOString(),
    });
    clock = new Date(t0.getTime() + 5 * DAY);
    await waitFor(async () => (await ep(e.id))?.enabled === false, 15000, 'endpoint disabled after 5 days');
    expect(await ep(e.id)).toMatchObject({
      enabled: false,
      disabledReason: 'FAILING',
    });
    expect(forPath('flaky').map((r) => r.status)).toEqual([500, 500, 500]);

    // An event while disabled is not delivered (and is not planned for the endpoint).
    await endpoint('sentinel');
    const whileDisabled = await emit('flaky.happened');
    // Barriers: the event has been consumed (a delivery would have been planned in that transaction),
    // then a sentinel event emitted after it has gone through the dispatcher and out to its receiver.
    await waitFor(
      async () => (await db.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [whileDisabled])).rowCount === 1,
      15000,
      'event consumed',
    );
    await emit('sentinel.happened');
    await waitFor(() => forPath('sentinel').length === 1, 15000, 'sentinel delivered');
    expect(forPath('flaky')).toHaveLength(3);

    const re = await gql<{ enableWebhookEndpoint: unknown }>(
      svc.url,
      `mutation($id: ID!) { enableWebhookEndpoint(id: $id) { enabled disabledReason failingSince } }`,
      { id: e.id },
      { token: agency },
    );
    expect(re.data!.enableWebhookEndpoint).toEqual({
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });
    clock = new Date(t0.getTime() + 6 * DAY);
    const next = await emit('flaky.happened');
    await waitFor(() => forPath('flaky').some((r) => r.status === 200), 15000, 'delivery after re-enabling');
    expect(JSON.parse(forPath('flaky').at(-1)!.body).data.eventId).toBe(next);
    await waitFor(async () => (await ep(e.id))?.lastSuccessAt, 10000, 'success recorded');
    expect(await ep(e.id)).toMatchObject({
      enabled: true,
      lastSuccessAt: clock.toISOString(),
      failingSince: null,
    });
  });

  it('signs with both secrets for 24 h after a rotation, then only the new one; secrets are sealed at rest', async () => {
    clock = new Date();
    const own = `whsec_${randomBytes(32).toString('base64')}`;
    const e = await endpoint('rotated', { secret: own });
    expect(e.secret).toBe(own);
    const rot = await gql<{ rotateWebhookSecret: { secret: string; endpoint: { previousSecretValidUntil: string } } }>(
      svc.url,
      `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretValidUntil } } }`,
      { id: e.id },
      { token: agency },
    );
    const fresh: string = rot.data!.rotateWebhookSecret.secret;
    expect(fresh).not.toBe(own);
    const until = new Date(rot.data!.rotateWebhookSecret.endpoint.previousSecretValidUntil);
    expect(Math.abs(until.getTime() - Date.now() - DAY)).toBeLessThan(60_000);

    // At rest: AES-GCM tokens bound to the endpoint, never the secret itself.
    const { rows } = await db.query(`SELECT secret, previous_secret FROM webhook_endpoint WHERE id = $1`, [e.id]);
    expect(rows[0].secret).toMatch(/^v1\./);
    expect(JSON.stringify(rows[0])).not.toContain(own.slice(6, 20));
    expect(JSON.stringify(rows[0])).not.toContain(fresh.slice(6, 20));

    await emit('rotated.happened');
    await waitFor(() => forPath('rotated').length === 1, 15000, 'delivery during overlap');
    const during = forPath('rotated')[0];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(sig(during, fresh, clock)).toBe(true);
    expect(sig(during, own, clock)).toBe(true);

    clock = new Date(until.getTime() + 3600_000);
    await emit('rotated.happened');
    await waitFor(() => forPath('rotated').length === 2, 15000, 'delivery after overlap');
    const after = forPath('rotated')[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(sig(after, fresh, clock)).toBe(true);
    expect(sig(after, own, clock)).toBe(false);
  });

  it('replays a delivered event with the same webhook-id; missed events of 30 days are listed through GraphQL', async () => {
    clock = new Date();
    const e = await endpoint('replayed');
    receiver.statuses.push(500, 500, 500, 500, 500);
    const missedId = await emit('replayed.happened');
    await waitFor(
      async () => {
        const r = await gql<{ webhookDeliveries: unknown[] }>(
          svc.url,
          `query($e: ID!) { webhookDeliveries(endpointId: $e, missedOnly: true) { eventId } }`,
          { e: e.id },
          { token: agency },
        );
        return r.data!.webhookDeliveries.length === 1;
      },
      20000,
      'delivery failed for good',
    );
    expect(forPath('replayed').map((r) => r.status)).toEqual([500, 500, 500, 500, 500]);

    const replay = await gql<{ replayWebhookEvent: unknown }>(
      svc.url,
      `mutation($e: ID!, $ev: ID!) { replayWebhookEvent(endpointId: $e, eventId: $ev) { eventId replay status } }`,
      { e: e.id, ev: missedId },
      { token: agency },
    );
    expect(replay.data!.replayWebhookEvent).toEqual({
      eventId: missedId,
      replay: true,
      status: 'PENDING',
    });
    await waitFor(() => forPath('replayed').some((r) => r.status === 200), 15000, 'replayed delivery');
    // The receiver answered; the worker records the success right after.
    await waitFor(
      async () => {
        const r = await gql<{ webhookDeliveries: { status: string }[] }>(
          svc.url,
          `query($e: ID!) { webhookDeliveries(endpointId: $e) { status } }`,
          { e: e.id },
          { token: agency },
        );
        return r.data!.webhookDeliveries[0]?.status === 'SUCCEEDED';
      },
      10000,
      'replay recorded',
    );
    const all = forPath('replayed');
    expect(new Set(all.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(all.at(-1)!.body).toBe(all[0].body);

    const list = await gql<{ all: unknown; missed: unknown }>(
      svc.url,
      `query($e: ID!) { all: webhookDeliveries(endpointId: $e) { eventId replay status } missed: webhookDeliveries(endpointId: $e, missedOnly: true) { eventId replay status attemptCount } }`,
      { e: e.id },
      { token: agency },
    );
    expect(list.data!.all).toEqual([
      { eventId: missedId, replay: true, status: 'SUCCEEDED' },
      { eventId: missedId, replay: false, status: 'FAILED' },
    ]);
    expect(list.data!.missed).toEqual([{ eventId: missedId, replay: false, status: 'FAILED', attemptCount: 5 }]);
    // Older than 30 days: no longer listed as missed.
    await db.query(
      `UPDATE webhook_delivery SET created_at = now() - interval '31 days' WHERE endpoint_id = $1 AND NOT replay`,
      [e.id],
    );
    const later = await gql<{ webhookDeliveries: unknown }>(
      svc.url,
      `query($e: ID!) { webhookDeliveries(endpointId: $e, missedOnly: true) { eventId } }`,
      { e: e.id },
      { token: agency },
    );
    expect(later.data!.webhookDeliveries).toEqual([]);
  });
});

describe('migration of plaintext webhook secrets', () => {
  it('seals existing plaintext secrets (current and previous) ', async () => {
    const logger = createLogger('mig-test', 'silent');
    const mod = createNotificationsModule({ NODE_ENV: 'test' });
    const key = Buffer.from('leifeng-dev-pii-encryption-key-0', 'utf8');
    const tdb = await createTestDatabase('notif_mig');
    try {
      const before103 = (mod.migrations as (new () => MigrationInterface)[]).slice(0, 3);
      await migrateDatabase({
        url: tdb.url,
        entities: mod.entities,
        migrations: before103 as never,
        logger,
      });
      const c = new Client({ connectionString: tdb.url });
      await c.connect();
      try {
        const id = '00000000-0000-4000-8000-00000000abcd';
        const cur = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
        const prev = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;
        await c.query(
          `INSERT INTO webhook_endpoint (id, agency_id, url, event_types, secret, previous_secret) VALUES ($1, 'a', 'https://x.example.cn/h', '{*}', $2, $3)`,
          [id, cur, prev],
        );
        await migrateDatabase({
          url: tdb.url,
          entities: mod.entities,
          migrations: mod.migrations,
          logger,
        });
        const { rows } = await c.query(`SELECT secret, previous_secret FROM webhook_endpoint WHERE id = $1`, [id]);
        expect(rows[0].secret).toMatch(/^v1\./);
        expect(decryptPii(rows[0].secret, key, `webhook_endpoint.secret:${id}`)).toBe(cur);
        expect(decryptPii(rows[0].previous_secret, key, `webhook_endpoint.secret:${id}`)).toBe(prev);
        // Bound to its endpoint: the same token under another id does not open.
        expect(() =>
          decryptPii(rows[0].secret, key, 'webhook_endpoint.secret:00000000-0000-4000-8000-000000000000'),
        ).toThrow();
        // Plaintext can no longer be written.
        await expect(c.query(`UPDATE webhook_endpoint SET secret = $2 WHERE id = $1`, [id, cur])).rejects.toThrow(
          /webhook_endpoint_secret_sealed/,
        );
      } finally {
        await c.end();
      }
    } finally {
      await tdb.drop();
    }
  });
});
