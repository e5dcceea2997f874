/**
 * Production shape: every process runs from compiled dist/ (no ts-node), answers /readyz, serves
 * /metrics, and exits 0 on SIGTERM.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, testEnv, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import { REPO_ROOT, SUBGRAPHS } from './contract';

jest.setTimeout(240_000);

interface Proc {
  name: string;
  child: ChildProcess;
  port: Promise<number>;
  exit: Promise<number | null>;
}

const procs: Proc[] = [];
const dbs: TestDatabase[] = [];
const prefix = `t${uniqueSuffix()}`;

function start(name: string, script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [join(REPO_ROOT, script)], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"port":(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const proc = { name, child, port, exit };
  procs.push(proc);
  return proc;
}

function run(script: string, env: Record<string, string>): void {
  execFileSync(process.execPath, [join(REPO_ROOT, script)], { env: { ...process.env, ...env }, stdio: 'pipe' });
}

beforeAll(() => {
  // Up to date after `npm run build` (CI builds first); compiles when run on its own.
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'pipe' });
});

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await Promise.all(dbs.map((d) => d.drop()));
});

it('migrates, starts every API, worker and the gateway from dist, all ready; SIGTERM stops each cleanly', async () => {
  const urls: Record<string, string> = {};
  const apis: Proc[] = [];
  for (const s of SUBGRAPHS) {
    const db = await createTestDatabase(`dist_${s.name}`);
    dbs.push(db);
    const env = testEnv(db.url, prefix, { LOG_LEVEL: 'warn' });
    run(`services/${s.name}/dist/migrate.js`, env);
    const api = start(s.name, `services/${s.name}/dist/index.js`, env);
    start(`${s.name}-worker`, `services/${s.name}/dist/worker.js`, env);
    apis.push(api);
  }
  for (const [i, s] of SUBGRAPHS.entries()) urls[`${s.name.toUpperCase()}_URL`] = `http://127.0.0.1:${await apis[i].port}/graphql`;
  start('gateway', 'services/gateway/dist/index.js', { ...testEnv('', prefix), ...urls });

  for (const p of procs) {
    const port = await p.port;
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect([p.name, ready.status]).toEqual([p.name, 200]);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
  }

  const gatewayPort = await procs.find((p) => p.name === 'gateway')!.port;
  const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ region(code: "430100") { name } }' }),
  });
  expect(await res.json()).toEqual({ data: { region: { name: '长沙市' } } });

  for (const p of procs) p.child.kill('SIGTERM');
  const codes = await Promise.all(procs.map(async (p) => [p.name, await p.exit]));
  expect(codes).toEqual(procs.map((p) => [p.name, 0]));
});
