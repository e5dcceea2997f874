#!/usr/bin/env node
// `npm run dev`: start the whole platform locally.
//
//   1. make sure Postgres + Redis answer (scripts/ensure-infra.mjs)
//   2. compile every workspace (tsc -b tsconfig.build.json) and build the web console
//      (scripts/build-web.mjs: skipped when apps/web/dist is up to date), served by the gateway at /
//   3. migrate each subgraph's database (leifeng_<name> on POSTGRES_URL's server)
//   4. start the subgraph APIs (4001-4005) and workers (4101-4105), wait for their
//      /readyz, then start the gateway (4000) and wait for it too
//   4b. create the demo accounts (identity, one per role) and print how to sign in with each
//   5. Ctrl-C / SIGTERM stops everything (gateway first); if any process dies on its
//      own, the rest are stopped and we exit non-zero.
//
// Every line a process prints is prefixed with its name ([stations], [stations-worker], …).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureInfra, InfraError } from './ensure-infra.mjs';
import { withDatabase } from './lib/urls.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Terminal colours of the subgraphs' output, in list order. */
const COLORS = [36, 32, 33, 35, 34, 31, 96];
// The one list of subgraphs and their local ports, shared with the gateway and the tests.
const SUBGRAPHS = JSON.parse(readFileSync(path.join(ROOT, 'services/gateway/src/subgraphs.json'), 'utf8')).map(
  (s, i) => ({
    ...s,
    urlEnv: s.env,
    color: COLORS[i % COLORS.length],
  }),
);
const GATEWAY = { name: 'gateway', port: 4000, color: '1;34' };

const READY_TIMEOUT_MS = 60_000;
const MIGRATE_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 10_000;
const GATEWAY_STOP_SHARE_MS = 5_000; // of STOP_TIMEOUT_MS, before the APIs/workers get SIGTERM
const FORCE_AFTER_MS = 1_500; // a 2nd Ctrl-C later than this force-kills (npm forwards the 1st one again)

// ---------------------------------------------------------------------------
// Output

const useColor = process.env.FORCE_COLOR
  ? process.env.FORCE_COLOR !== '0'
  : Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

const PREFIX_WIDTH = Math.max(
  ...SUBGRAPHS.flatMap((s) => [`[${s.name}]`.length, `[${s.name}-worker]`.length]),
  `[${GATEWAY.name}]`.length,
);

function prefixFor(name, color) {
  return paint(color, `[${name}]`.padEnd(PREFIX_WIDTH)) + ' ';
}

const devPrefix = paint('1', '[dev]'.padEnd(PREFIX_WIDTH)) + ' ';
const say = (msg) => process.stdout.write(devPrefix + msg + '\n');
const shout = (msg) => {
  for (const line of String(msg).split('\n')) process.stderr.write(devPrefix + paint('31', line) + '\n');
};

// A closed terminal/pipe must not crash the supervisor while it is stopping children.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

class DevError extends Error {}
class Stopping extends Error {}

// ---------------------------------------------------------------------------
// Process supervision

/** @type {Set<Proc>} */
const procs = new Set();
let stopping = null; // Promise once shutdown has begun
let firstSignalAt = 0;

class Proc {
  /**
   * @param {object} o
   * @param {string} o.name
   * @param {string|number} [o.color]
   * @param {string[]} o.args arguments for `node`
   * @param {NodeJS.ProcessEnv} [o.env]
   * @param {boolean} [o.oneShot] expected to exit by itself (build, migration)
   * @param {boolean} [o.inheritOutput] write straight to our stdout/stderr, no prefix
   */
  constructor({ name, color = '0', args, env = process.env, oneShot = false, inheritOutput = false }) {
    this.name = name;
    this.oneShot = oneShot;
    this.exit = null; // { code, signal } once exited
    // Own process group: a terminal Ctrl-C reaches only us, so we decide the stop order,
    // and we can signal the whole group (anything the service itself spawned).
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', inheritOutput ? 'inherit' : 'pipe', inheritOutput ? 'inherit' : 'pipe'],
    });
    procs.add(this);
    const prefix = prefixFor(name, color);
    let closed = false;
    if (!inheritOutput) {
      pipeLines(this.child.stdout, process.stdout, prefix);
      pipeLines(this.child.stderr, process.stderr, prefix);
    }
    this.done = new Promise((resolve) => {
      const finish = () => {
        if (closed) return;
        closed = true;
        procs.delete(this);
        resolve(this.exit);
      };
      this.child.on('error', (err) => {
        this.exit ??= { code: null, signal: null, error: err };
        finish();
      });
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        // Let the last lines of output drain before reporting; don't wait on a grandchild holding the pipe.
        setTimeout(finish, 500).unref();
      });
      this.child.on('close', finish);
    });
    this.done.then(() => {
      if (!this.oneShot && !stopping) {
        shout(`${name} exited unexpectedly (${describeExit(this.exit)}); stopping everything else`);
        stopAll(1);
      }
    });
  }

  get alive() {
    return this.exit === null;
  }

  signal(sig) {
    if (!this.alive || !this.child.pid) return;
    try {
      process.kill(-this.child.pid, sig); // the whole process group
    } catch {
      try {
        this.child.kill(sig);
      } catch {
        /* already gone */
      }
    }
  }
}

function pipeLines(stream, out, prefix) {
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  rl.on('line', (line) => out.write(prefix + line + '\n'));
}

function describeExit(exit) {
  if (!exit) return 'unknown status';
  if (exit.error) return `could not start: ${exit.error.message}`;
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code}`;
}

async function waitForExit(list, deadline) {
  const remaining = Math.max(0, deadline - Date.now());
  let timer;
  await Promise.race([Promise.all(list.map((p) => p.done)), new Promise((r) => (timer = setTimeout(r, remaining)))]);
  clearTimeout(timer);
}

/** Stop every child (gateway first), SIGKILL stragglers after ~10 s, then exit. */
function stopAll(exitCode) {
  if (stopping) return stopping;
  stopping = (async () => {
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    const running = () =>
      [...procs].filter((p) => p.alive).sort((a, b) => (b.name === GATEWAY.name) - (a.name === GATEWAY.name));
    const hadChildren = running().length > 0;
    if (hadChildren)
      say(
        `stopping ${running()
          .map((p) => p.name)
          .join(', ')}…`,
      );

    const gateway = running().filter((p) => p.name === GATEWAY.name);
    gateway.forEach((p) => p.signal('SIGTERM'));
    await waitForExit(gateway, Math.min(deadline, Date.now() + GATEWAY_STOP_SHARE_MS));

    const rest = running();
    rest.forEach((p) => p.signal('SIGTERM'));
    await waitForExit(rest, deadline);

    const stubborn = running();
    if (stubborn.length > 0) {
      shout(`still running after ${STOP_TIMEOUT_MS / 1000}s, killing: ${stubborn.map((p) => p.name).join(', ')}`);
      stubborn.forEach((p) => p.signal('SIGKILL'));
      await waitForExit(stubborn, Date.now() + 3_000);
    }
    if (hadChildren) say(exitCode === 0 ? 'all stopped' : `all stopped (exiting with ${exitCode})`);
    process.exit(exitCode);
  })();
  return stopping;
}

function onSignal(sig) {
  if (!stopping) {
    firstSignalAt = Date.now();
    process.stdout.write('\n');
    say(`${sig} received, shutting down (Ctrl-C again to force)`);
    stopAll(0);
  } else if (Date.now() - firstSignalAt > FORCE_AFTER_MS) {
    shout('forced: killing all processes now');
    for (const p of procs) p.signal('SIGKILL');
    process.exit(130);
  }
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));
// Last resort (e.g. a bug in this script): never leave orphans holding the ports.
process.on('exit', () => {
  for (const p of procs) p.signal('SIGKILL');
});

// ---------------------------------------------------------------------------
// Steps

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (inUse) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function checkPortsFree() {
  const wanted = [
    ...SUBGRAPHS.flatMap((s) => [
      [s.port, s.name],
      [s.workerPort, `${s.name}-worker`],
    ]),
    [GATEWAY.port, GATEWAY.name],
  ];
  const busy = [];
  await Promise.all(
    wanted.map(async ([port, name]) => {
      if (await portAnswers(port)) busy.push(`${port} (${name})`);
    }),
  );
  if (busy.length > 0) {
    throw new DevError(
      `port${busy.length > 1 ? 's' : ''} already in use: ${busy.sort().join(', ')}.\n` +
        'Is another `npm run dev` still running? Find it with: lsof -i :4000  (or ss -ltnp)',
    );
  }
}

async function runStep(proc, what, timeoutMs) {
  let timer;
  const exit = await Promise.race([
    proc.done,
    new Promise((resolve) => {
      if (timeoutMs) timer = setTimeout(() => resolve('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (stopping) throw new Stopping();
  if (exit === 'timeout') {
    proc.signal('SIGKILL');
    throw new DevError(
      `${what} did not finish within ${timeoutMs / 1000}s (killed). Is it waiting on a connection it never closes?`,
    );
  }
  if (exit.code !== 0) throw new DevError(`${what} failed (${describeExit(exit)}); see the output above`);
}

async function build() {
  let tscArgs;
  try {
    tscArgs = [createRequire(import.meta.url).resolve('typescript/bin/tsc')];
  } catch {
    throw new DevError('TypeScript is not installed; run `npm ci` (or `npm install`) first');
  }
  say('compiling all workspaces: tsc -b tsconfig.build.json (the first build can take a minute)…');
  const started = Date.now();
  const proc = new Proc({
    name: 'tsc',
    args: [...tscArgs, '-b', 'tsconfig.build.json'],
    oneShot: true,
    inheritOutput: true,
  });
  await runStep(proc, 'the TypeScript build (tsc -b tsconfig.build.json)');
  say(`build done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const web = new Proc({
    name: 'web',
    args: [path.join(ROOT, 'scripts/build-web.mjs')],
    oneShot: true,
    inheritOutput: true,
  });
  await runStep(web, 'the web console build (node scripts/build-web.mjs)');
}

function entry(service, file) {
  const rel = path.join('services', service, 'dist', file);
  if (!existsSync(path.join(ROOT, rel))) {
    throw new DevError(
      `${rel} does not exist after the build; does services/${service}/src/${file.replace(/\.js$/, '.ts')} exist and build?`,
    );
  }
  return rel;
}

async function migrate(sg, env) {
  const script = entry(sg.name, 'migrate.js');
  say(`migrating ${sg.name} (database ${new URL(env.DATABASE_URL).pathname.slice(1)})`);
  const proc = new Proc({
    name: `${sg.name}-migrate`,
    color: '2',
    args: [script],
    env,
    oneShot: true,
  });
  await runStep(proc, `the ${sg.name} migration (node ${script})`, MIGRATE_TIMEOUT_MS);
}

async function waitReady(proc, port, timeoutMs = READY_TIMEOUT_MS) {
  const url = `http://127.0.0.1:${port}/readyz`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (stopping || !proc.alive) throw new Stopping();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel().catch(() => {});
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err?.cause?.code ?? err?.name ?? String(err);
    }
    if (Date.now() > deadline) {
      throw new DevError(`${proc.name} did not become ready within ${timeoutMs / 1000}s: GET ${url} → ${last}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function banner() {
  const lines = [
    '',
    paint('1;32', 'Lei Feng Station Platform is running'),
    '',
    `  Web console       ${paint('1', `http://localhost:${GATEWAY.port}/`)}  (sign in with a demo phone; GraphiQL at /explorer)`,
    `  GraphQL gateway   ${paint('1', `http://localhost:${GATEWAY.port}/graphql`)}`,
    `  Subgraphs         ${SUBGRAPHS.map((s) => `${s.name} :${s.port}`).join(', ')}`,
    `  Workers           ${SUBGRAPHS.map((s) => `:${s.workerPort}`).join(', ')}  (/healthz, /readyz)`,
    '',
    '  Sign in as a demo account (listed above): on the console page enter its phone, press 获取验证码,',
    `  and read the 6-digit code in ${paint('1', 'tail test-results/sms-sink.log')} (or the [notifications-worker] line`,
    '  "SMS (development sink, not sent)"). The 开发环境 tab still signs a token for any grant.',
    '  Or mint a development token (in another terminal):',
    `    ${paint('1', 'npm run token -- --role PROVINCE_ADMIN --region 430000')}`,
    '  and send it as the header  Authorization: Bearer <token>',
    '',
    '  Press Ctrl-C to stop everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

// ---------------------------------------------------------------------------

async function main() {
  await checkPortsFree();

  say('checking Postgres and Redis…');
  const { postgresUrl, redisUrl } = await ensureInfra({
    log: {
      info: (m) => say(`infra: ${m}`),
      warn: (m) => say(paint('33', `infra warning: ${m}`)),
    },
  });

  await build();

  const common = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    REDIS_URL: redisUrl,
    // Rehearsal mode: a province admin can advance the platform clock (advanceSandboxClock); SANDBOX=false to turn off.
    SANDBOX: process.env.SANDBOX || 'true',
    // Every service accepts identity's ES256 tokens (JWKS) and, in development, HS256 dev tokens too.
    JWT_JWKS_URL: process.env.JWT_JWKS_URL || 'http://127.0.0.1:4005/.well-known/jwks.json',
    // The development SMS sink also appends every text (sign-in codes included) here: tail it to sign in.
    SMS_SINK_FILE: process.env.SMS_SINK_FILE || path.join(ROOT, 'test-results', 'sms-sink.log'),
  };
  const envFor = (sg) => ({
    ...common,
    DATABASE_URL: withDatabase(postgresUrl, `leifeng_${sg.name}`),
  });

  // Resolve every entry point before starting anything, so a missing file fails fast.
  const entries = SUBGRAPHS.map((sg) => ({
    sg,
    api: entry(sg.name, 'index.js'),
    worker: entry(sg.name, 'worker.js'),
  }));
  const gatewayEntry = entry(GATEWAY.name, 'index.js');
  entries.forEach(({ sg }) => entry(sg.name, 'migrate.js'));

  // One at a time: concurrent CREATE DATABASE from template1 can fail.
  for (const sg of SUBGRAPHS) await migrate(sg, envFor(sg));

  if (stopping) return;
  say('starting subgraph APIs and workers…');
  const apis = entries.map(({ sg, api, worker }) => {
    const proc = new Proc({
      name: sg.name,
      color: sg.color,
      args: [api],
      env: { ...envFor(sg), PORT: String(sg.port) },
    });
    new Proc({
      name: `${sg.name}-worker`,
      color: `1;${sg.color}`,
      args: [worker],
      env: { ...envFor(sg), PORT: String(sg.workerPort) },
    });
    return { sg, proc };
  });
  const readiness = await Promise.allSettled(apis.map(({ sg, proc }) => waitReady(proc, sg.port)));
  if (stopping) return;
  const notReady = readiness.filter((r) => r.status === 'rejected').map((r) => r.reason);
  if (notReady.length > 0)
    throw notReady.find((e) => !(e instanceof DevError)) ?? new DevError(notReady.map((e) => e.message).join('\n'));
  say(`subgraphs ready: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);

  if (stopping) return;
  const gatewayEnv = { ...common, PORT: String(GATEWAY.port) };
  for (const sg of SUBGRAPHS) gatewayEnv[sg.urlEnv] = `http://127.0.0.1:${sg.port}/graphql`;
  const gateway = new Proc({
    name: GATEWAY.name,
    color: GATEWAY.color,
    args: [gatewayEntry],
    env: gatewayEnv,
  });
  await waitReady(gateway, GATEWAY.port);
  const demo = new Proc({
    name: 'identity-demo',
    color: '2',
    args: [entry('identity', 'demo-accounts.js')],
    env: {
      ...envFor(SUBGRAPHS.find((s) => s.name === 'identity')),
      GATEWAY_URL: `http://127.0.0.1:${GATEWAY.port}/graphql`,
    },
    oneShot: true,
  });
  await runStep(demo, 'creating the demo accounts (node services/identity/dist/demo-accounts.js)', MIGRATE_TIMEOUT_MS);
  banner();
}

main().catch((err) => {
  if (stopping || err instanceof Stopping) return; // shutdown already under way and reported
  if (err instanceof DevError || err instanceof InfraError) shout(err.message);
  else shout(`unexpected error: ${err?.stack ?? err}`);
  stopAll(1);
});
