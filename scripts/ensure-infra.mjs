#!/usr/bin/env node
// Make sure the Postgres and Redis that tests and `npm run dev` use are answering.
//
//   node scripts/ensure-infra.mjs          (run by `npm test` and `npm run dev`)
//   import { ensureInfra } from './ensure-infra.mjs'
//
// Settings (with local defaults):
//   POSTGRES_URL  server base URL   default postgres://postgres:postgres@127.0.0.1:5432/postgres
//   REDIS_URL                       default redis://127.0.0.1:6379
//
// For each one that doesn't answer, and only when its URL points at this machine:
//   1. server installed locally → start it (Debian: pg_ctlcluster; redis-server --daemonize)
//   2. else root on Debian/Ubuntu → apt-get install postgresql redis-server, then 1.
//   3. else a Docker engine answers → docker compose up -d <service>
//   4. else fail with a message saying what to install / which variable to set.
// Remote URLs are only checked, never acted on. Passwords are never printed.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, sleep, tail, which } from './lib/run.mjs';
import { describeEndpoint, hostOf, infraUrls, isLocalHost, parseUrl, portOf } from './lib/urls.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CHECK_TIMEOUT_MS = 3000;
const DEFAULT_WAIT_MS = { postgres: 60_000, redis: 20_000, docker: 120_000 };

export class InfraError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InfraError';
  }
}

const defaultLog = {
  info: (msg) => console.log(`[infra] ${msg}`),
  warn: (msg) => console.warn(`[infra] warning: ${msg}`),
};

/**
 * Ensure Postgres and Redis answer. Resolves to the URLs in use; rejects with an
 * InfraError whose message explains what to do.
 *
 * @param {{ env?: NodeJS.ProcessEnv, log?: { info(msg: string): void, warn(msg: string): void } }} [options]
 * @returns {Promise<{ postgresUrl: string, redisUrl: string }>}
 */
export async function ensureInfra(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const { postgresUrl, redisUrl } = infraUrls(env);

  let pgUrl;
  let redisParsed;
  try {
    pgUrl = parseUrl(postgresUrl, 'POSTGRES_URL', ['postgres:', 'postgresql:']);
    redisParsed = parseUrl(redisUrl, 'REDIS_URL', ['redis:', 'rediss:']);
  } catch (err) {
    throw new InfraError(err.message);
  }

  const services = [
    {
      name: 'postgres',
      setting: 'POSTGRES_URL',
      url: pgUrl,
      port: portOf(pgUrl, 5432),
      endpoint: describeEndpoint(pgUrl, 5432),
      local: isLocalHost(pgUrl),
      check: () => checkPostgres(postgresUrl),
      aptPackage: 'postgresql',
      composeService: 'postgres',
    },
    {
      name: 'redis',
      setting: 'REDIS_URL',
      url: redisParsed,
      port: portOf(redisParsed, 6379),
      endpoint: describeEndpoint(redisParsed, 6379),
      local: isLocalHost(redisParsed),
      check: () => checkRedis(redisUrl),
      aptPackage: 'redis-server',
      composeService: 'redis',
    },
  ];
  const [pg, redis] = services;

  const results = await Promise.all(services.map((s) => s.check()));
  services.forEach((s, i) => (s.result = results[i]));

  // Something answers but refuses us: explain (or, for a local Debian Postgres whose
  // role has no password yet, set it) instead of trying to start a second server.
  if (pg.result.kind === 'auth' && pg.local) {
    pg.result = await repairPostgresAuth(pg, env, log);
  }
  for (const s of services) {
    if (s.result.kind !== 'ok' && s.result.kind !== 'down') throw new InfraError(explainRefusal(s));
    if (s.result.kind === 'down' && !s.local) {
      throw new InfraError(
        `${s.name} is unreachable at ${s.endpoint} (${s.result.detail}). ${s.setting} points at a remote host, ` +
          `so nothing is started automatically: check that server, or unset ${s.setting} to use a local ${s.name}.`,
      );
    }
  }

  const down = services.filter((s) => s.result.kind === 'down');
  if (down.length > 0) {
    for (const s of down) log.info(`${s.name} not answering at ${s.endpoint} (${s.result.detail}); trying to start it`);
    await startServices(down, env, log);
  }

  for (const s of services) {
    if (s.result.kind !== 'ok') throw new InfraError(explainRefusal(s)); // defensive; startServices verifies
    const version = s.result.version ? ` (${s.name === 'postgres' ? 'PostgreSQL' : 'Redis'} ${s.result.version})` : '';
    log.info(`${s.name} ok at ${s.endpoint}${version}`);
  }
  const policy = redis.result.policy;
  if (policy && policy !== 'noeviction') {
    log.warn(
      `redis maxmemory-policy is "${policy}" but BullMQ needs "noeviction" (jobs may silently disappear). ` +
        `Fix: redis-cli -h ${hostOf(redis.url)} -p ${redis.port} config set maxmemory-policy noeviction`,
    );
  }
  return { postgresUrl, redisUrl };
}

// ---------------------------------------------------------------------------
// Starting things

async function startServices(down, env, log) {
  const skipped = new Map(down.map((s) => [s, []])); // why each strategy didn't apply
  let pending = [...down];

  // 1. Locally installed servers.
  for (const s of [...pending]) {
    const starter = s.name === 'postgres' ? localPostgresStarter() : localRedisStarter();
    if (!starter) {
      skipped
        .get(s)
        .push(
          s.name === 'postgres'
            ? 'no Debian PostgreSQL server (pg_ctlcluster) installed'
            : 'redis-server not installed',
        );
      continue;
    }
    await starter(s, log);
    await waitUntilUp(s, DEFAULT_WAIT_MS[s.name], env, log);
    pending = pending.filter((p) => p !== s);
  }
  if (pending.length === 0) return;

  // 2. apt-get as root on Debian/Ubuntu, then start as in 1.
  const apt = aptAvailability();
  if (apt.ok) {
    const packages = pending.map((s) => s.aptPackage);
    await aptInstall(packages, log);
    for (const s of [...pending]) {
      // The package's postinst may already have started it (systemd hosts).
      s.result = await s.check();
      if (s.result.kind === 'down') {
        const starter = s.name === 'postgres' ? localPostgresStarter() : localRedisStarter();
        if (!starter)
          throw new InfraError(`apt-get installed ${s.aptPackage}, but no way to start ${s.name} was found afterwards`);
        await starter(s, log);
      }
      await waitUntilUp(s, DEFAULT_WAIT_MS[s.name], env, log);
      pending = pending.filter((p) => p !== s);
    }
    return;
  }
  for (const s of pending) skipped.get(s).push(apt.reason);

  // 3. Docker.
  const docker = await dockerAvailability();
  if (docker.ok) {
    const names = pending.map((s) => s.composeService);
    log.info(
      `starting ${names.join(' + ')} with ${docker.command.join(' ')} (compose file: ${path.basename(docker.composeFile)})`,
    );
    // docker-compose.yml publishes on 127.0.0.1:${POSTGRES_HOST_PORT:-5432} / ${REDIS_HOST_PORT:-6379}.
    // The URL's port wins, so we wait where compose actually publishes.
    const composeEnv = { ...env };
    for (const s of pending)
      composeEnv[s.name === 'postgres' ? 'POSTGRES_HOST_PORT' : 'REDIS_HOST_PORT'] = String(s.port);
    const res = await run(docker.command[0], [...docker.command.slice(1), 'up', '-d', ...names], {
      cwd: ROOT,
      env: composeEnv,
      stdio: 'inherit',
      timeoutMs: 15 * 60_000,
    });
    if (res.code !== 0)
      throw new InfraError(
        `${docker.command.join(' ')} up -d ${names.join(' ')} failed (exit ${res.code}); see its output above`,
      );
    for (const s of pending)
      await waitUntilUp(s, DEFAULT_WAIT_MS.docker, env, log, 'check `docker compose logs ' + s.composeService + '`');
    return;
  }
  for (const s of pending) skipped.get(s).push(docker.reason);

  // 4. Give up with instructions.
  throw new InfraError(pending.map((s) => cannotStartMessage(s, skipped.get(s))).join('\n\n'));
}

async function waitUntilUp(s, timeoutMs, env, log, hint) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    s.result = await s.check();
    if (s.result.kind !== 'down') break;
    if (Date.now() > deadline) {
      const more = hint ?? s.logHint;
      throw new InfraError(
        `${s.name} did not answer at ${s.endpoint} within ${Math.round(timeoutMs / 1000)}s after starting ` +
          `(last error: ${s.result.detail}).${more ? ' ' + more : ''}`,
      );
    }
    await sleep(500);
  }
  if (s.result.kind === 'auth' && s.name === 'postgres') s.result = await repairPostgresAuth(s, env, log);
  if (s.result.kind !== 'ok') throw new InfraError(explainRefusal(s));
  log.info(`started ${s.name} at ${s.endpoint}`);
}

// --- Postgres on Debian (postgresql-common) --------------------------------------

function numericDesc(a, b) {
  return Number(b) - Number(a);
}

/** Installed server versions, newest first (a version counts if its server binary exists). */
function debianPostgresVersions() {
  const versions = new Set();
  for (const dir of ['/usr/lib/postgresql', '/etc/postgresql']) {
    let entries = [];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const v of entries) {
      if (/^\d+(\.\d+)?$/.test(v) && existsSync(`/usr/lib/postgresql/${v}/bin/postgres`)) versions.add(v);
    }
  }
  return [...versions].sort(numericDesc);
}

async function listClusters() {
  const res = await run('pg_lsclusters', ['-h'], { timeoutMs: 15_000 });
  if (res.code !== 0) return [];
  return res.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 6)
    .map(([version, cluster, port, status, owner, datadir, logfile]) => ({
      version,
      cluster,
      port: Number(port),
      status,
      owner,
      datadir,
      logfile,
    }));
}

function localPostgresStarter() {
  if (!which('pg_ctlcluster') || !which('pg_lsclusters')) return null;
  if (debianPostgresVersions().length === 0) return null;
  return startDebianPostgres;
}

async function startDebianPostgres(s, log) {
  const versions = debianPostgresVersions();
  const clusters = (await listClusters()).filter((c) => versions.includes(c.version));
  let target = clusters.filter((c) => c.port === s.port).sort((a, b) => numericDesc(a.version, b.version))[0];

  if (!target) {
    const version = versions[0];
    const main = clusters.find((c) => c.version === version && c.cluster === 'main');
    if (main) {
      throw new InfraError(
        `the local PostgreSQL cluster ${version}/main is configured for port ${main.port}, but ${s.setting} uses port ${s.port}. ` +
          `Use port ${main.port} in ${s.setting}, or change "port" in /etc/postgresql/${version}/main/postgresql.conf.`,
      );
    }
    log.info(`creating PostgreSQL cluster ${version}/main on port ${s.port} (pg_createcluster)`);
    const created = await privileged('pg_createcluster', ['-p', String(s.port), version, 'main'], {
      timeoutMs: 120_000,
    });
    if (created.code !== 0) {
      throw new InfraError(
        `pg_createcluster ${version} main failed (exit ${created.code}):\n${tail(created.stdout + created.stderr)}` +
          rootHint('pg_createcluster', [version, 'main']),
      );
    }
    target = (await listClusters()).find((c) => c.version === version && c.cluster === 'main') ?? {
      version,
      cluster: 'main',
      status: 'down',
      logfile: `/var/log/postgresql/postgresql-${version}-main.log`,
    };
  }

  s.logHint = target.logfile ? `See ${target.logfile}.` : undefined;
  if (target.status.startsWith('online')) {
    log.info(`PostgreSQL ${target.version}/${target.cluster} already reports online; waiting for it`);
    return;
  }
  log.info(`starting PostgreSQL ${target.version}/${target.cluster} (pg_ctlcluster)`);
  const args = ['--skip-systemctl-redirect', target.version, target.cluster, 'start'];
  const res = await privileged('pg_ctlcluster', args, { timeoutMs: 120_000 });
  const out = res.stdout + res.stderr;
  if (res.code !== 0 && !/already running/i.test(out)) {
    throw new InfraError(
      `pg_ctlcluster ${target.version} ${target.cluster} start failed (exit ${res.code}):\n${tail(out)}` +
        (s.logHint ? `\n${s.logHint}` : '') +
        rootHint('pg_ctlcluster', args),
    );
  }
}

/**
 * Postgres answered but rejected the credentials. On a local Debian cluster whose role
 * has no password yet (fresh install: scram on 127.0.0.1, no password set) set it to
 * the one in the URL, the same as `ALTER USER postgres PASSWORD '…'` via psql on the
 * local socket. A role that already has some other password is left alone.
 */
async function repairPostgresAuth(s, env, log) {
  const original = s.result;
  const user = decodeURIComponent(s.url.username || '') || env.PGUSER || os.userInfo().username;
  const password = decodeURIComponent(s.url.password || '');
  const why = [];
  if (!password) why.push(`${s.setting} has no password`);
  else if (!which('psql') || !which('pg_ctlcluster')) why.push('no local Debian PostgreSQL tools to fix it with');
  if (why.length === 0) {
    const state = await psqlAsPostgres(
      s.port,
      `SELECT CASE WHEN rolpassword IS NULL THEN 'none' ELSE 'set' END FROM pg_authid WHERE rolname = ${sqlLiteral(user)};\n`,
    );
    if (!state) why.push('cannot run psql as the postgres OS user (needs root or passwordless sudo)');
    else if (state.code !== 0) why.push(`psql as postgres failed: ${tail(state.stderr, 3)}`);
    else if (state.stdout.trim() === '') why.push(`role "${user}" does not exist`);
    else if (state.stdout.trim() === 'set')
      why.push(`role "${user}" already has a password, different from the one in ${s.setting}`);
    else {
      const altered = await psqlAsPostgres(s.port, `ALTER ROLE ${sqlIdent(user)} PASSWORD ${sqlLiteral(password)};\n`);
      if (altered?.code === 0) {
        log.info(`set the password of role "${user}" to the one in ${s.setting} (it had none)`);
        const again = await s.check();
        if (again.kind === 'ok') return again;
        why.push(`still rejected after setting the password: ${again.detail}`);
      } else {
        why.push(`ALTER ROLE failed: ${tail(altered?.stderr ?? '', 3)}`);
      }
    }
  }
  return { ...original, repairNote: why.join('; ') };
}

async function psqlAsPostgres(port, sql) {
  const psqlArgs = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres'];
  const opts = { input: sql, cwd: '/', timeoutMs: 30_000 };
  if (os.userInfo().username === 'postgres') return run('psql', psqlArgs, opts);
  if (isRoot()) {
    // `su postgres -c psql …` on the local socket (peer auth).
    return run(which('su') ?? 'su', ['postgres', '-s', '/bin/sh', '-c', `psql ${psqlArgs.join(' ')}`], opts);
  }
  if (await canSudo()) return run('sudo', ['-n', '-u', 'postgres', 'psql', ...psqlArgs], opts);
  return null;
}

function sqlLiteral(v) {
  return `'${String(v).replace(/'/g, "''")}'`;
}
function sqlIdent(v) {
  return `"${String(v).replace(/"/g, '""')}"`;
}

// --- Redis -------------------------------------------------------------------------

function localRedisStarter() {
  return which('redis-server') ? startLocalRedis : null;
}

async function startLocalRedis(s, log) {
  const bin = which('redis-server');
  const versionOut = (await run(bin, ['--version'], { timeoutMs: 10_000 })).stdout;
  const [major, minor] = (/v=(\d+)\.(\d+)/.exec(versionOut) ?? [0, '0', '0']).slice(1).map(Number);
  // "-::1" (bind IPv6 loopback if available) needs Redis >= 6.2; it lets "localhost" URLs work either way.
  const bind = major > 6 || (major === 6 && minor >= 2) ? ['127.0.0.1', '-::1'] : ['127.0.0.1'];
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'x';
  const logfile = path.join(os.tmpdir(), `leifeng-redis-${s.port}-${uid}.log`);
  s.logHint = `See ${logfile}.`;
  log.info(`starting redis-server on 127.0.0.1:${s.port} (no persistence; log: ${logfile})`);
  const args = [
    '--daemonize',
    'yes',
    '--bind',
    ...bind,
    '--port',
    String(s.port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    os.tmpdir(),
    '--logfile',
    logfile,
  ];
  const res = await run(bin, args, { cwd: os.tmpdir(), timeoutMs: 30_000 });
  if (res.code !== 0) {
    throw new InfraError(
      `redis-server failed to start (exit ${res.code}):\n${tail(res.stdout + res.stderr) || tailFile(logfile)}`,
    );
  }
}

function tailFile(file) {
  try {
    return tail(readFileSync(file, 'utf8'), 10);
  } catch {
    return '';
  }
}

// --- apt-get / Docker ------------------------------------------------------------

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let sudoCache;
async function canSudo() {
  if (sudoCache === undefined) {
    sudoCache = false;
    if (!isRoot() && which('sudo')) {
      try {
        sudoCache = (await run('sudo', ['-n', 'true'], { timeoutMs: 5000 })).code === 0;
      } catch {
        sudoCache = false;
      }
    }
  }
  return sudoCache;
}

/** Run as root: directly if we are root, through passwordless sudo if possible, else as-is (may fail). */
async function privileged(cmd, args, opts) {
  if (!isRoot() && (await canSudo())) return run('sudo', ['-n', cmd, ...args], opts);
  return run(cmd, args, opts);
}

function rootHint(cmd, args) {
  return isRoot() ? '' : `\nIf this is a permissions problem, run it yourself: sudo ${cmd} ${args.join(' ')}`;
}

function aptAvailability() {
  if (process.platform !== 'linux')
    return {
      ok: false,
      reason: `not Linux (${process.platform}), so not using apt-get`,
    };
  if (!which('apt-get') || !existsSync('/etc/debian_version'))
    return { ok: false, reason: 'not a Debian/Ubuntu system with apt-get' };
  if (!isRoot())
    return {
      ok: false,
      reason: 'not running as root, so not installing with apt-get',
    };
  return { ok: true };
}

async function aptInstall(packages, log) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log.info(`installing ${packages.join(' ')} with apt-get (can take a few minutes)`);
  const steps = [
    ['update', '-q'],
    ['install', '-y', '-q', '--no-install-recommends', ...packages],
  ];
  for (const args of steps) {
    const res = await run('apt-get', args, {
      env,
      stdio: 'inherit',
      timeoutMs: 15 * 60_000,
    });
    if (res.code !== 0)
      throw new InfraError(`apt-get ${args.join(' ')} failed (exit ${res.code}); see its output above`);
  }
}

async function dockerAvailability() {
  const composeFile = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml']
    .map((f) => path.join(ROOT, f))
    .find((f) => existsSync(f));
  if (!which('docker')) return { ok: false, reason: 'Docker is not installed' };
  let info;
  try {
    info = await run('docker', ['info'], { timeoutMs: 20_000 });
  } catch {
    return {
      ok: false,
      reason: '`docker info` did not answer (is the Docker engine running?)',
    };
  }
  if (info.code !== 0)
    return {
      ok: false,
      reason: '`docker info` failed (is the Docker engine running, and may this user use it?)',
    };
  if (!composeFile)
    return {
      ok: false,
      reason: `Docker is running but there is no docker-compose.yml in ${ROOT}`,
    };
  const plugin = await run('docker', ['compose', 'version'], {
    timeoutMs: 20_000,
  }).catch(() => ({ code: 1 }));
  if (plugin.code === 0) return { ok: true, command: ['docker', 'compose'], composeFile };
  if (which('docker-compose')) return { ok: true, command: ['docker-compose'], composeFile };
  return {
    ok: false,
    reason: 'Docker is running but neither `docker compose` nor `docker-compose` is available',
  };
}

// --- Messages --------------------------------------------------------------------

function cannotStartMessage(s, reasons) {
  const lines = [
    `${s.name} is not running at ${s.endpoint}, and it could not be started automatically:`,
    ...reasons.map((r) => `  - ${r}`),
    'Do one of:',
  ];
  if (s.name === 'postgres') {
    lines.push(
      '  - Debian/Ubuntu: sudo apt-get install -y postgresql   (then re-run; or run this script as root to do it for you)',
      '  - macOS: brew install postgresql@16 && brew services start postgresql@16',
    );
  } else {
    lines.push(
      '  - Debian/Ubuntu: sudo apt-get install -y redis-server   (then re-run; or run this script as root to do it for you)',
      '  - macOS: brew install redis   (then re-run; this script starts redis-server itself)',
    );
  }
  lines.push(
    `  - Docker: start Docker, then re-run (or: docker compose up -d ${s.composeService})`,
    s.name === 'postgres'
      ? `  - or set ${s.setting}=postgres://USER:PASSWORD@HOST:5432/postgres to a server you can use (a role that may CREATE DATABASE)`
      : `  - or set ${s.setting}=redis://HOST:6379 to a Redis you can use (maxmemory-policy noeviction)`,
  );
  return lines.join('\n');
}

function explainRefusal(s) {
  const r = s.result;
  const note = r.repairNote ? ` (${r.repairNote})` : '';
  if (r.kind === 'auth') {
    return s.name === 'postgres'
      ? `postgres at ${s.endpoint} rejected the credentials in ${s.setting}: ${r.detail}${note}. ` +
          `Put the right user/password in ${s.setting}, or set the role's password, e.g. ` +
          `sudo -u postgres psql -c "ALTER USER postgres PASSWORD 'postgres'" for the default URL.`
      : `redis at ${s.endpoint} rejected the connection: ${r.detail}. Put the right password in ${s.setting} (redis://:PASSWORD@host:port).`;
  }
  if (r.kind === 'nodb') {
    return (
      `postgres at ${s.endpoint} answered, but the database named in ${s.setting} does not exist: ${r.detail}. ` +
      `${s.setting} should name an existing database, usually /postgres.`
    );
  }
  return `${s.name} at ${s.endpoint} answered but the check failed: ${r.detail}${note}`;
}

// --- Checks --------------------------------------------------------------------

async function loadModule(name) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new InfraError(`the "${name}" package is not installed; run \`npm ci\` in ${ROOT} first`);
    }
    throw err;
  }
}

function errCode(err) {
  return err?.code ?? err?.errors?.find((e) => e?.code)?.code;
}

function errDetail(err) {
  const code = errCode(err);
  const msg =
    err?.message ||
    (err?.errors ?? [])
      .map((e) => e?.message)
      .filter(Boolean)
      .join('; ') ||
    String(err);
  return code && !msg.includes(code) ? `${code}: ${msg}` : msg;
}

const DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'ECONNABORTED',
]);

/** @returns {Promise<{kind: 'ok'|'down'|'auth'|'nodb'|'error', detail?: string, version?: string}>} */
export async function checkPostgres(connectionString) {
  const pg = await loadModule('pg');
  const Client = pg.default?.Client ?? pg.Client;
  const client = new Client({
    connectionString,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    query_timeout: CHECK_TIMEOUT_MS,
    application_name: 'ensure-infra',
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const res = await client.query("SELECT 1 AS ok, current_setting('server_version') AS version");
    return { kind: 'ok', version: String(res.rows[0].version).split(' ')[0] };
  } catch (err) {
    const code = errCode(err);
    const detail = errDetail(err);
    if (code === '28P01' || code === '28000' || /SASL|SCRAM|password/i.test(detail)) return { kind: 'auth', detail };
    if (code === '3D000') return { kind: 'nodb', detail };
    if (code === '57P03') return { kind: 'down', detail: 'the database system is starting up' };
    if (DOWN_CODES.has(code) || /timeout|terminated|closed|ECONNREFUSED/i.test(detail)) return { kind: 'down', detail };
    return { kind: 'error', detail };
  } finally {
    await Promise.race([client.end().catch(() => {}), unrefSleep(1000)]);
  }
}

/** @returns {Promise<{kind: 'ok'|'down'|'auth'|'error', detail?: string, version?: string, policy?: string}>} */
export async function checkRedis(url) {
  const mod = await loadModule('ioredis');
  const Redis = mod.Redis ?? mod.default;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    commandTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    connectionName: 'ensure-infra',
  });
  let lastError;
  client.on('error', (err) => (lastError = err));
  try {
    await client.connect();
    await client.ping();
    let version;
    let policy;
    try {
      version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1];
    } catch {
      /* optional */
    }
    try {
      const reply = await client.config('GET', 'maxmemory-policy');
      policy = Array.isArray(reply) ? reply[1] : undefined;
    } catch {
      /* CONFIG may be disabled on managed Redis */
    }
    return { kind: 'ok', version, policy };
  } catch (caught) {
    // ioredis reports a failed connect as "Connection is closed."; the 'error' event has the cause.
    const err = lastError && /Connection is closed/.test(caught?.message ?? '') ? lastError : caught;
    const detail = errDetail(err);
    if (/NOAUTH|WRONGPASS|invalid password|invalid username|AUTH/i.test(detail)) return { kind: 'auth', detail };
    if (/^LOADING/.test(detail)) return { kind: 'down', detail: 'redis is loading its dataset' };
    if (DOWN_CODES.has(errCode(err)) || /connect|closed|timed? ?out|ECONNREFUSED/i.test(detail))
      return { kind: 'down', detail };
    return { kind: 'error', detail };
  } finally {
    client.disconnect();
  }
}

function unrefSleep(ms) {
  return new Promise((r) => setTimeout(r, ms).unref());
}

// ---------------------------------------------------------------------------
// CLI

function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  ensureInfra().then(
    () => process.exit(0),
    (err) => {
      if (err instanceof InfraError) {
        for (const line of err.message.split('\n')) console.error(`[infra] ${line}`);
      } else {
        console.error('[infra] unexpected error:', err);
      }
      process.exit(1);
    },
  );
}
