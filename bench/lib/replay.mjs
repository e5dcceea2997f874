// Recording the gateway's subgraph requests for one query, replaying them directly, and a canned subgraph.
import { createServer, request, Agent } from 'node:http';

/**
 * A loopback proxy per subgraph that forwards to the real one and records each exchange in order:
 * point a gateway at `proxyUrls`, send one query, read `exchanges`.
 */
export async function recordingProxies(targets) {
  const exchanges = [];
  const servers = [];
  const proxyUrls = {};
  for (const [name, target] of Object.entries(targets)) {
    const server = createServer(async (req, res) => {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'content-type': 'application/json' };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      const started = exchanges.length;
      const r = await fetch(target, { method: 'POST', headers, body });
      const text = await r.text();
      exchanges.push({
        name,
        url: target,
        body,
        headers,
        response: text,
        order: started,
      });
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    proxyUrls[name] = `http://127.0.0.1:${server.address().port}/graphql`;
  }
  return {
    proxyUrls,
    exchanges,
    close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))),
  };
}

/** Groups recorded exchanges into the plan's stages: the root fetch first, then the entity fetches in parallel. */
export function planStages(exchanges) {
  const root = exchanges.filter((e) => !e.body.includes('_entities'));
  const entities = exchanges.filter((e) => e.body.includes('_entities'));
  return [root, entities].filter((s) => s.length);
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function post(url, body, headers) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
          const json = JSON.parse(text); // a client would parse what it receives
          if (json.errors) return reject(new Error(JSON.stringify(json.errors).slice(0, 300)));
          resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Closed-loop load: `connections` workers, each repeating `iteration` until `seconds` pass.
 * Returns dashboards/s and latency percentiles (ms) of whole iterations.
 */
export async function closedLoop(iteration, { connections, seconds }) {
  const latencies = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const s = performance.now();
        try {
          await iteration();
          latencies.push(performance.now() - s);
        } catch (e) {
          errors++;
          if (errors === 1) console.error(`replay error: ${e.message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: latencies.length / elapsed,
    p50: p(0.5),
    p99: p(0.99),
    count: latencies.length,
    errors,
    cpuMsPerIteration: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
  };
}

/**
 * Open-loop load: request k starts at t0 + k / rate on a fixed schedule, whether or not earlier ones
 * have finished, for `seconds`; each latency counts from the scheduled start (a late start is the
 * generator's or the machine's delay and counts too). Unlike autocannon's rate limit, which lets each
 * connection fire its share at the start of every second (a burst, not a rate), arrivals are even.
 */
export async function openLoop(iteration, { rate, seconds }) {
  const latencies = [];
  let errors = 0;
  const pending = [];
  const t0 = performance.now();
  const total = Math.max(1, Math.round(rate * seconds));
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      iteration().then(
        () => latencies.push(performance.now() - due),
        (e) => {
          errors++;
          if (errors === 1) console.error(`open-loop error: ${e.message}`);
        },
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: latencies.length / elapsed,
    p50: p(0.5),
    p99: p(0.99),
    count: latencies.length,
    errors,
  };
}

/** One dashboard the way the gateway's plan does it, straight at the subgraphs. */
export function directIteration(stages) {
  return async () => {
    for (const stage of stages) await Promise.all(stage.map((e) => post(e.url, e.body, e.headers)));
  };
}

export function gatewayIteration(url, body, headers) {
  return () => post(url, body, headers);
}

/** Canned subgraphs: one listener per subgraph answering each recorded request body with its recorded response at once. */
export async function cannedSubgraphs(exchanges) {
  const byName = {};
  for (const e of exchanges) (byName[e.name] ??= new Map()).set(e.body, e.response);
  const servers = [];
  const urls = {};
  for (const name of ['stations', 'volunteers', 'accreditation', 'notifications']) {
    const answers = byName[name] ?? new Map();
    const server = createServer(async (req, res) => {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = answers.get(body);
      if (!answer) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            errors: [{ message: `no canned answer for ${body.slice(0, 120)}` }],
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
    server.keepAliveTimeout = 60000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${server.address().port}/graphql`;
  }
  return {
    urls,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise((r) => {
              s.closeAllConnections?.();
              s.close(r);
            }),
        ),
      ),
  };
}
