/**
 * The compose file is the reference environment of every process. Here each process runs from
 * compiled dist/ in production mode with exactly its compose environment (hosts swapped for this
 * machine's Postgres and Redis, ports for free ones): a variable the code needs but compose does
 * not set fails start-up, and a variable compose sets but no code reads fails the static check.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, uniqueSuffix, type TestDatabase, reservePort } from '@leifeng/kit/testing';
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
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every variable name production code reads (the kit's env reader calls and direct env access). */
function namesReadByCode(): Set<string> {
  const roots = ['packages/kit/src', ...['gateway', ...SUBGRAPHS.map((s) => s.name)].map((s) => `services/${s}/src`)];
  const names = new Set<string>();
  for (const file of roots.flatMap((r) => sourceFiles(join(REPO_ROOT, r)))) {
    if (file.includes('/testing/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\br\.(?:string|optionalString|int|url|list|oneOf|bool)\(\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]);
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(m[1]);
    for (const m of text.matchAll(/\benv\[\s*['`]([A-Z][A-Z0-9_]*)['`]\s*\]/g)) names.add(m[1]);
    // Names handed to a reader indirectly: `{ env: 'STATIONS_URL' }` tables and `readKey(r, 'PII_…')`.
    for (const m of text.matchAll(/\benv:\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]);
    for (const m of text.matchAll(/\(r,\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]);
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
    for (const s of SUBGRAPHS) if (env[`${s.name.toUpperCase()}_URL`]) env[`${s.name.toUpperCase()}_URL`] = `http://127.0.0.1:${apiPorts.get(s.name)}/graphql`;
    if (env.GATEWAY_URL) env.GATEWAY_URL = `http://127.0.0.1:${gatewayPort}/graphql`;
    if (env.PUBLIC_BASE_URL) env.PUBLIC_BASE_URL = `http://127.0.0.1:${gatewayPort}`;
    return env;
  }

  function start(key: string, command: string[], env: Record<string, string>): Proc {
    // Only the compose environment plus what node itself needs: nothing leaks from this shell.
    const child = spawn(process.execPath, [join(REPO_ROOT, command[1])], { env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const port = new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /"port":(\d+)/.exec(output);
        if (m) resolve(Number(m[1]));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`${key} exited (${code}) before listening:\n${output.slice(-3000)}`)));
    });
    port.catch(() => undefined);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const proc = { key, child, port, exit };
    procs.push(proc);
    return proc;
  }

  beforeAll(async () => {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'pipe' });
    gatewayPort = await reservePort();
    for (const s of SUBGRAPHS) apiPorts.set(s.name, await reservePort());
  });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all([...dbs.values()].map((d) => d.drop()));
  });

  it('migrates, serves /readyz and /metrics, answers a federated query, and exits 0 on SIGTERM', async () => {
    for (const p of processes.filter((x) => x.role === 'migrate')) {
      const env = await localEnv(p);
      try {
        execFileSync(process.execPath, [join(REPO_ROOT, p.def.command![1])], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
      } catch (err) {
        throw new Error(`${p.key} failed:\n${String((err as { stderr?: Buffer }).stderr ?? err).slice(-3000)}`);
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

    for (const p of procs) p.child.kill('SIGTERM');
    const codes = await Promise.all(procs.map(async (p) => [p.key, await p.exit]));
    expect(codes).toEqual(procs.map((p) => [p.key, 0]));
  });
});
