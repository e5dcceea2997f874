// Starting the platform from dist on loopback ports, machine facts, result files.
import { spawn, execSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SUBGRAPHS = ['stations', 'volunteers', 'accreditation', 'notifications'];

export function dbUrl(prefix, service) {
  const url = new URL(process.env.POSTGRES_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});

/** Starts a node script and resolves once `url` answers /readyz (bounded wait). */
export async function startProcess(name, script, env, readyUrl) {
  const child = spawn(process.execPath, [join(ROOT, script)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.on('exit', () => children.delete(child));
  const deadline = Date.now() + Number(process.env.BENCH_READY_MS || 30000); // longer on a loaded shared machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    try {
      const r = await fetch(readyUrl);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${name} not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name, child, pid: child.pid, stop: () => stopChild(child) };
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The four subgraph APIs (no workers) on the `<prefix>_<service>` databases, ports base+1 … base+4.
 * `only` starts a subset (ports and urls stay those of the four); `databaseUrls` points a service at
 * another database (e.g. a per-run copy); `env` adds variables to every API.
 */
export async function startSubgraphs({
  dbPrefix = 'bench',
  base = 14000,
  only = SUBGRAPHS,
  databaseUrls = {},
  env = {},
} = {}) {
  const procs = await Promise.all(
    SUBGRAPHS.map((s, i) => [s, i])
      .filter(([s]) => only.includes(s))
      .map(([s, i]) =>
        startProcess(
          s,
          `services/${s}/dist/index.js`,
          {
            NODE_ENV: 'development',
            HOST: '127.0.0.1',
            PORT: String(base + 1 + i),
            DATABASE_URL: databaseUrls[s] ?? dbUrl(dbPrefix, s),
            BULLMQ_PREFIX: `bench${process.pid}`,
            ...env,
          },
          `http://127.0.0.1:${base + 1 + i}/readyz`,
        ),
      ),
  );
  const urls = Object.fromEntries(SUBGRAPHS.map((s, i) => [s, `http://127.0.0.1:${base + 1 + i}/graphql`]));
  return { procs, urls, stop: () => Promise.all(procs.map((p) => p.stop())) };
}

export function gatewayEnv(urls, port) {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    STATIONS_URL: urls.stations,
    VOLUNTEERS_URL: urls.volunteers,
    ACCREDITATION_URL: urls.accreditation,
    NOTIFICATIONS_URL: urls.notifications,
  };
}

export function startOurGateway(urls, port) {
  return startProcess(
    'gateway',
    'services/gateway/dist/index.js',
    gatewayEnv(urls, port),
    `http://127.0.0.1:${port}/readyz`,
  );
}

export function startHiveGateway(urls, port) {
  return startProcess(
    'hive-gateway',
    'bench/lib/hive-server.mjs',
    { ...gatewayEnv(urls, port) },
    `http://127.0.0.1:${port}/healthz`,
  );
}

/** The supergraph with its subgraph URLs replaced. */
export function supergraphFor(urls) {
  let sdl = readFileSync(join(ROOT, 'services/gateway/supergraph.graphql'), 'utf8');
  for (const s of SUBGRAPHS) sdl = sdl.replace(new RegExp(`(name: "${s}", url: ")[^"]*"`), `$1${urls[s]}"`);
  return sdl;
}

/** utime + stime of a process in milliseconds (Linux /proc). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ = 100
}

export function machine() {
  const pkg = (p) => JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version;
  let pgVersion = '?';
  let redisVersion = '?';
  try {
    pgVersion = execSync(`psql "${dbUrl('bench', 'stations')}" -Atc 'show server_version'`, {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {}
  try {
    redisVersion =
      execSync(`redis-cli -u ${process.env.REDIS_URL || 'redis://127.0.0.1:6379'} INFO server`, {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .match(/redis_version:(\S+)/)?.[1] ?? '?';
  } catch {}
  let load = '?';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {}
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: pgVersion,
    redis: redisVersion,
    packages: Object.fromEntries(
      [
        '@apollo/gateway',
        '@apollo/server',
        'graphql',
        '@graphql-hive/gateway-runtime',
        'autocannon',
        'bullmq',
        'ioredis',
        'pg',
      ].map((p) => {
        try {
          return [p, pkg(p)];
        } catch {
          return [p, '?'];
        }
      }),
    ),
    loadavg: load,
    commit: (() => {
      try {
        const head = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
        // Uncommitted changes to the code measured make the commit alone an incomplete reference.
        const dirty =
          execSync('git status --porcelain -- services packages bench ":!bench/results"', { cwd: ROOT })
            .toString()
            .trim() !== '';
        return dirty ? `${head} + uncommitted changes` : head;
      } catch {
        return '?';
      }
    })(),
  };
}

export function machineMarkdown(m) {
  return [
    `- machine: ${m.nproc} × ${m.cpu}, ${m.memory} RAM, load average at start ${m.loadavg} (2 cores shared with other engineers' work)`,
    `- versions: Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}, ${Object.entries(m.packages)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `- commit ${m.commit}, run ${new Date().toISOString()}`,
  ].join('\n');
}

export async function dataSize(prefix = 'bench') {
  const pg = (await import('pg')).default;
  const out = {};
  const q = {
    stations: 'stations',
    volunteers: 'volunteers',
    accreditation: 'title',
    notifications: 'announcement',
  };
  for (const [s, t] of Object.entries(q)) {
    const c = new pg.Client({ connectionString: dbUrl(prefix, s) });
    await c.connect();
    out[`${s}.${t}`] = (await c.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
    if (s === 'volunteers')
      out['volunteers.service_records'] = (await c.query(`SELECT count(*)::int AS n FROM service_records`)).rows[0].n;
    await c.end();
  }
  return out;
}

export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    min: s[0],
    median: s[Math.floor(s.length / 2)],
    max: s[s.length - 1],
  };
};
export const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : String(n));
export const mmm = (xs, digits = 1) => {
  const { min, median, max } = stats(xs);
  return `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
};

export const HISTORY_HEADING = '## History (kept across runs)';

/** The new result with the "History" section of the current result file (hand-written before/after notes) kept. */
export function keepHistory(name, markdown) {
  const file = join(ROOT, 'bench/results', `${name}.md`);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    return markdown;
  }
  const at = old.indexOf(HISTORY_HEADING);
  return at < 0 ? markdown : `${markdown.trimEnd()}\n\n${old.slice(at)}`;
}

export function writeResult(name, markdown) {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.md`);
  writeFileSync(file, markdown);
  console.error(`wrote ${file}`);
}

/** Starts the canned subgraphs process for recorded exchanges; resolves with its urls and pid. */
export async function startCanned(exchangesFile) {
  const child = spawn(process.execPath, [join(ROOT, 'bench/lib/canned-server.mjs'), exchangesFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const line = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.split('\n')[0]);
    });
    child.on('exit', () => reject(new Error('canned server exited')));
  });
  return { ...JSON.parse(line), pid: child.pid, stop: () => stopChild(child) };
}
