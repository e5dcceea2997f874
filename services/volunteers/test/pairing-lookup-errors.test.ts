import { startTestSubgraph, type TestSubgraph } from '@leifeng/kit/testing';
import { createLogger, type ServiceDeps } from '@leifeng/kit';
import { DataSource } from 'typeorm';
import { readVolunteersConfig } from '../src/config';
import { createContext } from '../src/context';
import { volunteersModule } from '../src/module';
import { pairingVolunteers } from '../src/resolvers/teams';

/**
 * A pairing's volunteers: one the reader may not see is null, a missing one is null, but a database that
 * fails is an error, not a list of nulls (issue 11, point 8).
 */
let svc: TestSubgraph;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  svc = await startTestSubgraph(volunteersModule);
}, 60000);

afterAll(async () => {
  await svc?.stop();
});

it('Pairing.volunteers surfaces a database failure', async () => {
  const config = readVolunteersConfig(svc.env);
  const base = {
    user: {
      sub: 'admin',
      roles: ['PROVINCE_ADMIN' as const],
      regionCode: '430000',
    },
    requestId: 'r',
    logger: createLogger('test', 'silent'),
  };
  const pairing = { volunteerIds: [MISSING] } as never;

  const live = createContext(base, svc.api.deps as ServiceDeps, config);
  expect(await pairingVolunteers(live, pairing)).toEqual([null]);

  const closed = new DataSource({ type: 'postgres', url: svc.db.url });
  await closed.initialize();
  await closed.destroy();
  const broken = createContext(base, { ...(svc.api.deps as ServiceDeps), ds: closed }, config);
  await expect(pairingVolunteers(broken, pairing)).rejects.toThrow();
});
