import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestSubgraph, type TestSubgraph } from '@leifeng/kit/testing';
import type { ServiceDeps } from '@leifeng/kit';
import pino from 'pino';
import { Client } from 'pg';
import { boardRoutes } from '../src/http/board';
import { readNotificationsConfig } from '../src/config';
import { createNotificationsModule } from '../src/module';

/**
 * The public board with the gateway down: it still renders, but says the duty roster could not be read
 * (not "nobody on duty") and logs why (issue 11, point 8).
 */
let svc: TestSubgraph;
let server: http.Server;
const STATION = '5a1e0000-0000-4000-8000-0000000000b1';
const logLines: string[] = [];

beforeAll(async () => {
  // Port 9 (discard) has no listener here: every gateway call fails to connect.
  svc = await startTestSubgraph(createNotificationsModule({ ...process.env, NODE_ENV: 'test' }), {
    env: { GATEWAY_URL: 'http://127.0.0.1:9/graphql' },
  });
  const db = new Client({ connectionString: svc.db.url });
  await db.connect();
  await db.query(
    `INSERT INTO station_ref (station_id, name, region_code, status) VALUES ($1, '东风站', '430102', 'ACTIVE')`,
    [STATION],
  );
  await db.end();
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
  const routes = boardRoutes({ ...(svc.api.deps as ServiceDeps), logger }, readNotificationsConfig(svc.env));
  server = http.createServer((req, res) => void routes.prefix['/board/stations/'](req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}, 60000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await svc?.stop();
});

it('says the roster is unavailable and logs the gateway failure', async () => {
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/board/stations/${STATION}`);
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(html).toContain('东风站');
  expect(html).toContain('值班信息暂时无法获取');
  expect(html).not.toContain('暂无值班信息');
  const logged = logLines.map((l) => JSON.parse(l) as { msg: string; stationId?: string });
  expect(logged).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        msg: 'board: duty roster unavailable from the gateway',
        stationId: STATION,
      }),
    ]),
  );
});
