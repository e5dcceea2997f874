/**
 * The compose file is the reference environment of every process. Here each process runs from
 * compiled dist/ in production mode with exactly its compose environment (hosts swapped for this
 * machine's Postgres and Redis, ports for free ones): a variable the code needs but compose does
 * not set fails start-up, and a variable compose sets but no code reads fails the static check.
 * Like production there is no shared secret (issue 14): people sign in at identity (the first province
 * admin bootstrapped by the documented command), jobs get SERVICE tokens by client credentials, and
 * every process verifies through identity's JWKS, so an HMAC-signed token is refused everywhere.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { Client, type QueryResultRow } from 'pg';
import { DEV_JWT_SECRET, signDevToken, SMS_CODE_EVENT, unsealSmsCode } from '@leifeng/kit';
import {
  createTestDatabase,
  uniqueSuffix,
  reservePort,
  waitFor,
  type GqlResponse,
  type TestDatabase,
  type TypedQuery,
} from '@leifeng/kit/testing';
import { CREATE, stationInput } from '../../services/stations/test/fixtures';
import { appServices, loadCompose } from './compose';
import { REPO_ROOT, SUBGRAPHS } from './contract';

jest.setTimeout(300_000);

/** `${VAR:-default}` → default (this test never inherits the caller's variables). */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_m, _name, def) => def ?? '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|json)$/.test(path) ? [path] : [];
  });
}

/** Every variable name production code reads (the kit's env reader calls and direct env access). */
function namesReadByCode(): Set<string> {
  const roots = ['packages/kit/src', ...['gateway', ...SUBGRAPHS.map((s) => s.name)].map((s) => `services/${s}/src`)];
  const names = new Set<string>();
  for (const file of roots.flatMap((r) => sourceFiles(join(REPO_ROOT, r)))) {
    if (file.includes('/testing/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\br\s*\.(?:string|optionalString|int|url|list|oneOf|bool)\(\s*'([A-Z][A-Z0-9_]*)'/g))
      names.add(m[1]);
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(m[1]);
    for (const m of text.matchAll(/\benv\[\s*['`]([A-Z][A-Z0-9_]*)['`]\s*\]/g)) names.add(m[1]);
    // Names handed to a reader indirectly: `{ env: 'STATIONS_URL' }` tables and `readKey(r, 'PII_…')`.
    for (const m of text.matchAll(/\benv:\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]);
    // …and the same tables kept as JSON (services/gateway/src/subgraphs.json).
    for (const m of text.matchAll(/"env":\s*"([A-Z][A-Z0-9_]*)"/g)) names.add(m[1]);
    for (const m of text.matchAll(/\(\s*r,\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]);
  }
  return names;
}

const compose = loadCompose();
const processes = appServices(compose);

describe('compose environment against the code', () => {
  const read = namesReadByCode();

  it.each(processes.map((p) => [p.key, p]))('%s sets only variables the code reads', (_key, p) => {
    const unknown = Object.keys(p.def.environment ?? {}).filter((name) => !read.has(name));
    expect(unknown).toEqual([]);
  });
});

interface Proc {
  key: string;
  output(): string;
  child: ChildProcess;
  port: Promise<number>;
  exit: Promise<number | null>;
}

describe('every process starts in production mode with its compose environment', () => {
  const procs: Proc[] = [];
  const dbs = new Map<string, TestDatabase>();
  const prefix = `t${uniqueSuffix()}`;
  let gatewayPort = 0;
  const apiPorts = new Map<string, number>();

  /** The compose environment, pointed at this machine. */
  async function localEnv(p: (typeof processes)[number]): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.def.environment ?? {})) env[k] = interpolate(v);
    if (env.DATABASE_URL) {
      if (!dbs.has(p.service)) dbs.set(p.service, await createTestDatabase(`prod_${p.service}`));
      env.DATABASE_URL = dbs.get(p.service)!.url;
    }
    if (env.REDIS_URL) env.REDIS_URL = 'redis://127.0.0.1:6379';
    if (env.BULLMQ_PREFIX) env.BULLMQ_PREFIX = prefix;
    env.HOST = '127.0.0.1';
    if (p.role === 'api') env.PORT = String(apiPorts.get(p.service));
    else if (p.role === 'gateway') env.PORT = String(gatewayPort);
    else env.PORT = '0';
    for (const s of SUBGRAPHS)
      if (env[`${s.name.toUpperCase()}_URL`])
        env[`${s.name.toUpperCase()}_URL`] = `http://127.0.0.1:${apiPorts.get(s.name)}/graphql`;
    if (env.GATEWAY_URL) env.GATEWAY_URL = `http://127.0.0.1:${gatewayPort}/graphql`;
    // Identity's JWKS and token endpoint, at the port its API got here.
    for (const k of ['JWT_JWKS_URL', 'SERVICE_TOKEN_URL'])
      if (env[k]) env[k] = env[k].replace('//identity:4005', `//127.0.0.1:${apiPorts.get('identity')}`);
    if (env.PUBLIC_BASE_URL) env.PUBLIC_BASE_URL = `http://127.0.0.1:${gatewayPort}`;
    return env;
  }

  function start(key: string, command: string[], env: Record<string, string>): Proc {
    // Only the compose environment plus what node itself needs: nothing leaks from this shell.
    const child = spawn(process.execPath, [join(REPO_ROOT, command[1])], {
      env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /"port":(\d+)/.exec(output);
        if (m) resolve(Number(m[1]));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) =>
        reject(new Error(`${key} exited (${code}) before listening:\n${output.slice(-3000)}`)),
      );
    });
    port.catch(() => undefined);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const proc = { key, child, port, exit, output: () => output };
    procs.push(proc);
    return proc;
  }

  beforeAll(async () => {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    gatewayPort = await reservePort();
    for (const s of SUBGRAPHS) apiPorts.set(s.name, await reservePort());
  });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all([...dbs.values()].map((d) => d.drop()));
  });

  /** A process's compose environment with only its `${VAR:-default}` fallbacks applied. */
  function composeEnv(key: string): Record<string, string> {
    const p = processes.find((x) => x.key === key)!;
    return Object.fromEntries(Object.entries(p.def.environment ?? {}).map(([k, v]) => [k, interpolate(v)]));
  }

  async function post<T>(
    url: string,
    token: string | undefined,
    query: TypedQuery<T>,
    variables: Record<string, unknown> = {},
  ) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
    };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      ...((await res.json()) as Omit<GqlResponse<T>, 'status'>),
    };
  }

  /** A GraphQL call to the gateway with a bearer token. */
  const call = <T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown> = {}) =>
    post(`http://127.0.0.1:${gatewayPort}/graphql`, token, query, variables);

  /**
   * The first province admin of a fresh deployment (docs/operating.md: identity's bootstrap command with
   * identity-migrate's environment), signed in by SMS code read where notifications reads it: the sealed
   * code event in identity's outbox, opened with the compose SMS_CODE_SEAL_KEY.
   */
  async function signInFirstProvinceAdmin(): Promise<string> {
    const phone = '13800138000';
    const migrate = processes.find((x) => x.key === 'identity-migrate')!;
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'services/identity/dist/bootstrap.js'), '--phone', phone, '--province', '430000'],
      {
        env: { PATH: process.env.PATH ?? '', ...(await localEnv(migrate)) },
        stdio: 'pipe',
      },
    );
    const requested = await call('', `mutation($p: String!) { requestSignInCode(phone: $p) { phoneMasked } }`, {
      p: phone,
    });
    expect(requested.errors).toBeUndefined();
    const sealKey = Buffer.from(composeEnv('identity').SMS_CODE_SEAL_KEY, 'base64');
    const rows: { payload: { sealed: string } }[] = await sql(
      'identity',
      `SELECT payload FROM outbox WHERE type = $1 ORDER BY seq DESC LIMIT 1`,
      [SMS_CODE_EVENT],
    );
    const sealed = unsealSmsCode(rows[0].payload.sealed, sealKey);
    expect(sealed).toMatchObject({ phone, template: 'VERIFICATION_CODE' });
    const signedIn = await call<{ signInWithCode: { accessToken: string; activeGrant: unknown } }>(
      '',
      `mutation($p: String!, $c: String!) { signInWithCode(phone: $p, code: $c) { accessToken activeGrant { role regionCode } } }`,
      { p: phone, c: sealed.params.code },
    );
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.signInWithCode.activeGrant).toEqual({
      role: 'PROVINCE_ADMIN',
      regionCode: '430000',
    });
    const token: string = signedIn.data!.signInWithCode.accessToken;
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    return token;
  }

  /** The client-credentials grant at identity, with the id and secret compose gives a process. */
  async function clientCredentials(clientId: string, secret: string): Promise<Response> {
    return fetch(`http://127.0.0.1:${apiPorts.get('identity')}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: secret,
      }).toString(),
    });
  }

  async function sql<T extends QueryResultRow = QueryResultRow>(
    service: string,
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    const c = new Client({ connectionString: dbs.get(service)!.url });
    await c.connect();
    try {
      return (await c.query(text, params)).rows;
    } finally {
      await c.end();
    }
  }

  /**
   * Jobs that read the graph (issue 11, 12a) with SERVICE tokens they got from identity by client
   * credentials (their compose environment holds no other credential): a re-review, a notice board
   * and an SMS send complete.
   */
  async function jobsReadTheGraph(admin: string): Promise<void> {
    const created = await call(admin, CREATE, {
      input: stationInput({ name: '生产环境复核测试站', regionCode: '430102' }),
    });
    expect(created.errors).toBeUndefined();
    const stationId: string = created.data!.createStation.id;

    // The board page reads the station's facts (region name) through the gateway.
    const notificationsPort = apiPorts.get('notifications')!;
    const board = await fetch(`http://127.0.0.1:${notificationsPort}/board/stations/${stationId}`);
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('湖南省 长沙市 芙蓉区');

    // A re-review of a titled station: the worker reads the station's facts through the gateway.
    await waitFor(
      async () => (await sql('accreditation', `SELECT 1 FROM station_ref WHERE id = $1`, [stationId])).length > 0,
      30000,
      'station in accreditation',
    );
    const [cycle] = await sql(
      'accreditation',
      `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by) VALUES ('430000', 2024, 'hunan-2012-eight-haves@1', '["CITY"]', '[]', 'test') RETURNING id`,
    );
    await sql(
      'accreditation',
      `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history) VALUES ($1, '430102', 'CITY', $2, '2024-11-20', 'LF-PROD-0001', '[]')`,
      [stationId, cycle.id],
    );
    const started = await call<{ startReview: { id: string } }>(
      admin,
      `mutation { startReview(input: { regionCode: "430102", dryRun: true }) { id } }`,
    );
    expect(started.errors).toBeUndefined();
    const runId: string = started.data!.startReview.id;
    let last: unknown;
    const run = await waitFor(
      async () => {
        const r = await call<{
          reviewRun: { status: string; reviews: { edges: { node: { facts: { found: boolean } } }[] } } | null;
        }>(admin, `query($id: ID!) { reviewRun(id: $id) { status reviewed reviews { edges { node { facts } } } } }`, {
          id: runId,
        });
        last = r;
        return r.data?.reviewRun?.status === 'COMPLETED' ? r.data.reviewRun : undefined;
      },
      60000,
      're-review completed',
    ).catch((err) => {
      throw new Error(
        `${(err as Error).message}: ${JSON.stringify(last)}\n${procs
          .find((p) => p.key.includes('accreditation-worker'))
          ?.output()
          .slice(-3000)}`,
      );
    });
    expect(run).toMatchObject({ status: 'COMPLETED', reviewed: 1 });
    expect(run.reviews.edges[0].node.facts.found).toBe(true);

    // An SMS send: the recipients are listed and the leader's phone read through the gateway.
    const bulk = await call<{ sendBulkSms: { id: string } }>(
      admin,
      `mutation($i: BulkSmsInput!) { sendBulkSms(input: $i) { id } }`,
      {
        i: {
          regionCode: '430102',
          audience: 'STATION_LEADERS',
          template: 'REGION_NOTICE',
          params: { region: '芙蓉区', title: '生产环境测试' },
        },
      },
    );
    expect(bulk.errors).toBeUndefined();
    const bulkId: string = bulk.data!.sendBulkSms.id;
    const sent = await waitFor(
      async () => {
        const rows = await sql('notifications', `SELECT status FROM sms_message WHERE bulk_id = $1`, [bulkId]);
        // Outside quiet hours the message goes out (its phone read at send time); inside them it waits.
        const hour = Number(
          new Intl.DateTimeFormat('en-GB', {
            hour: '2-digit',
            hour12: false,
            timeZone: 'Asia/Shanghai',
          }).format(new Date()),
        );
        const quiet = hour >= 21 || hour < 8;
        return rows.length === 1 &&
          (['SENT', 'DELIVERED'].includes(rows[0].status) || (quiet && rows[0].status === 'DEFERRED'))
          ? rows
          : undefined;
      },
      60000,
      'the bulk SMS sent',
    );
    expect(sent).toHaveLength(1);
    const [bulkRow] = await sql('notifications', `SELECT status, recipient_count FROM sms_bulk WHERE id = $1`, [
      bulkId,
    ]);
    expect(bulkRow).toEqual({ status: 'EXPANDED', recipient_count: 1 });
  }

  /**
   * Each graph-reading service's compose client gets an ES256 SERVICE token the gateway accepts; a wrong
   * secret gets none. A token signed with an HMAC secret (the old compose one) is refused by the gateway
   * and by every subgraph, and changes nothing.
   */
  async function machineClientsAndNoSharedSecret(admin: string): Promise<void> {
    for (const key of ['accreditation-worker', 'notifications-worker']) {
      const env = composeEnv(key);
      const res = await clientCredentials(env.SERVICE_CLIENT_ID, env.SERVICE_CLIENT_SECRET);
      expect([key, res.status]).toEqual([key, 200]);
      const token = ((await res.json()) as { access_token: string }).access_token;
      expect(decodeProtectedHeader(token).alg).toBe('ES256');
      expect(decodeJwt(token)).toMatchObject({
        sub: `service:${env.SERVICE_CLIENT_ID}`,
        roles: ['SERVICE'],
        iss: env.JWT_ISSUER,
        aud: env.JWT_AUDIENCE,
      });
      const read = await call(
        token,
        `{ region(code: "430102") { name } bulkSms(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      );
      expect([key, read.errors]).toEqual([key, undefined]);
      expect(read.data).toEqual({ region: { name: '芙蓉区' }, bulkSms: null });
      const wrong = await clientCredentials(env.SERVICE_CLIENT_ID, `${env.SERVICE_CLIENT_SECRET}x`);
      expect([key, wrong.status, await wrong.json()]).toEqual([key, 401, { error: 'invalid_client' }]);
    }

    const gw = composeEnv('gateway');
    expect(gw.JWT_SECRET).toBeUndefined();
    const claims = {
      sub: 'hmac-forger',
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    } as const;
    const opts = { issuer: gw.JWT_ISSUER, audience: gw.JWT_AUDIENCE };
    for (const secret of ['compose-dev-only-secret-CHANGE_ME-0123456789', DEV_JWT_SECRET]) {
      const forged = await signDevToken({ ...claims, roles: [...claims.roles] }, secret, '10m', opts);
      const before = await sql('accreditation', `SELECT count(*)::int AS n FROM review_run`);
      const refused = await call(
        forged,
        `mutation { startReview(input: { regionCode: "430102", dryRun: true }) { id } }`,
      );
      expect([refused.status, refused.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await sql('accreditation', `SELECT count(*)::int AS n FROM review_run`)).toEqual(before);
      for (const s of SUBGRAPHS) {
        const direct = await post(`http://127.0.0.1:${apiPorts.get(s.name)}/graphql`, forged, '{ __typename }');
        expect([s.name, direct.status, direct.errors?.[0]?.extensions?.code]).toEqual([s.name, 401, 'UNAUTHENTICATED']);
      }
    }
    // The same kind of call with the admin's identity token passes: the refusal is the signature's.
    const allowed = await call(admin, `mutation { startReview(input: { regionCode: "430102", dryRun: true }) { id } }`);
    expect(allowed.errors).toBeUndefined();
  }

  it('migrates, serves /readyz and /metrics, answers a federated query, and exits 0 on SIGTERM', async () => {
    for (const p of processes.filter((x) => x.role === 'migrate')) {
      const env = await localEnv(p);
      try {
        execFileSync(process.execPath, [join(REPO_ROOT, p.def.command![1])], {
          env: { PATH: process.env.PATH ?? '', ...env },
          stdio: 'pipe',
        });
      } catch (err) {
        throw new Error(`${p.key} failed:\n${String((err as { stderr?: Buffer }).stderr ?? err).slice(-3000)}`, {
          cause: err,
        });
      }
    }
    for (const p of processes.filter((x) => x.role !== 'migrate')) start(p.key, p.def.command!, await localEnv(p));

    for (const p of procs) {
      const port = await p.port;
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect([p.key, ready.status]).toEqual([p.key, 200]);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(/process_cpu_user_seconds_total/);
    }

    const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ region(code: "430100") { name } }' }),
    });
    expect(await res.json()).toEqual({ data: { region: { name: '长沙市' } } });

    const admin = await signInFirstProvinceAdmin();
    await jobsReadTheGraph(admin);
    await machineClientsAndNoSharedSecret(admin);

    for (const p of procs) p.child.kill('SIGTERM');
    const codes = await Promise.all(procs.map(async (p) => [p.key, await p.exit]));
    expect(codes).toEqual(procs.map((p) => [p.key, 0]));
  });
});
