/**
 * The station leader's phone is personal data (issue 11.2): never stored in plain text. Reads the raw
 * columns, the outbox and a migrated legacy row; the API keeps the masking rules.
 */
import type { MigrationInterface } from 'typeorm';
import { Client } from 'pg';
import { createLogger, DEV_PII_ENCRYPTION_KEY, DEV_PII_HASH_KEY, migrateDatabase, migrateSubgraph } from '@leifeng/kit';
import {
  createTestDatabase,
  gql,
  startTestSubgraph,
  testEnv,
  tokenFor,
  uniqueSuffix,
  typedQuery,
  type TestSubgraph,
} from '@leifeng/kit/testing';
import { LeaderPhoneCipher } from '../src/domain/leader-phone';
import { stationsModule } from '../src/module';
import { CREATE, stationInput } from './fixtures';

const cipher = new LeaderPhoneCipher({
  encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'),
  hashKey: Buffer.from(DEV_PII_HASH_KEY, 'base64'),
});
const READ = typedQuery<{ station: { leader: { name: string; phone: string }; hotline: string } }>(
  `query($id: ID!) { station(id: $id) { leader { name phone } hotline } }`,
);
const UPDATE = typedQuery<{ updateStation: { leader: { phone: string } } }>(
  `mutation($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { leader { phone } } }`,
);

let svc: TestSubgraph;
let db: Client;

beforeAll(async () => {
  svc = await startTestSubgraph(stationsModule);
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await svc.stop();
});

/** Every stored byte of the station's row and its outbox events, as text. */
async function storedText(id: string): Promise<string> {
  const { rows } = await db.query(
    `SELECT (SELECT row_to_json(s)::text FROM stations s WHERE s.id = $1) AS station,
            (SELECT coalesce(string_agg(row_to_json(o)::text, ' '), '') FROM outbox o WHERE o.aggregate_id = $1::text) AS events`,
    [id],
  );
  return `${rows[0].station} ${rows[0].events}`;
}

it('stores the leader phone encrypted only (no digits in any column or event), shows it to managers and masks it for others', async () => {
  const admin = await tokenFor({
    roles: ['COUNTY_ADMIN'],
    regionCode: '430102',
  });
  const res = await gql(
    svc.url,
    CREATE,
    {
      input: stationInput({
        name: '密文测试站',
        leader: { name: '张雷', phone: '13876543210' },
        hotline: '0731-84561234',
      }),
    },
    { token: admin },
  );
  expect(res.errors).toBeUndefined();
  const id = res.data!.createStation.id;

  const stored = await storedText(id);
  expect(stored).not.toMatch(/13876543210|76543210|3210"/);
  const { rows } = await db.query(`SELECT leader_phone_enc, hotline FROM stations WHERE id = $1`, [id]);
  expect(rows[0].leader_phone_enc).toMatch(/^v1\./);
  expect(cipher.open(rows[0].leader_phone_enc)).toBe('13876543210');
  // The public hotline stays public.
  expect(rows[0].hotline).toBe('0731-84561234');
  const { rows: columns } = await db.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'stations' AND column_name LIKE 'leader%' ORDER BY 1`,
  );
  expect(columns.map((c) => c.column_name)).toEqual(['leader_name', 'leader_phone_enc']);

  const manager = await tokenFor({ roles: ['STATION_MANAGER'], stationId: id });
  expect((await gql(svc.url, READ, { id }, { token: manager })).data!.station).toEqual({
    leader: { name: '张雷', phone: '13876543210' },
    hotline: '0731-84561234',
  });
  expect((await gql(svc.url, READ, { id })).data!.station).toEqual({
    leader: { name: '张雷', phone: '138****3210' },
    hotline: '0731-84561234',
  });
  const otherCity = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430200',
  });
  expect((await gql(svc.url, READ, { id }, { token: otherCity })).data!.station.leader.phone).toBe('138****3210');

  // A changed number is re-encrypted; the same number again changes nothing (no event).
  const before = (await db.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n;
  const same = await gql(
    svc.url,
    UPDATE,
    { id, input: { leader: { name: '张雷', phone: '13876543210' } } },
    { token: manager },
  );
  expect(same.data!.updateStation.leader.phone).toBe('13876543210');
  expect((await db.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n).toBe(before);
  const changed = await gql(
    svc.url,
    UPDATE,
    { id, input: { leader: { name: '张雷', phone: '0731-88889999' } } },
    { token: manager },
  );
  expect(changed.data!.updateStation.leader.phone).toBe('0731-88889999');
  expect(await storedText(id)).not.toMatch(/88889999|13876543210/);
});

it('migration 1763800000003 encrypts the phones of existing stations and drops the plain column', async () => {
  const legacy = await createTestDatabase('stations_legacy');
  try {
    const env = testEnv(legacy.url, `t${uniqueSuffix()}`);
    // The schema as it was before: migrations up to 1763800000002, and a station with a plain phone.
    await migrateDatabase({
      url: legacy.url,
      entities: [],
      migrations: (stationsModule.migrations as (new () => MigrationInterface)[]).slice(0, 3),
      logger: createLogger('test', 'silent'),
    });
    const old = new Client({ connectionString: legacy.url });
    await old.connect();
    try {
      const { rows } = await old.query(
        `INSERT INTO stations (name, category, host_unit, region_code, address, leader_name, leader_phone)
         VALUES ('旧站', 'COMMUNITY', '街道', '430102', '地址', '李', '13911112222'), ('旧站二', 'COMMUNITY', '街道', '430102', '地址', '王', '0731-12345678') RETURNING id`,
      );
      expect((await migrateSubgraph(stationsModule, env))[0]).toBe('EncryptLeaderPhones1763800000003');
      const { rows: after } = await old.query(
        `SELECT id, row_to_json(s)::text AS raw, leader_phone_enc FROM stations s ORDER BY name`,
      );
      expect(after.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
      for (const r of after) expect(r.raw).not.toMatch(/13911112222|11112222|12345678/);
      expect(after.map((r) => cipher.open(r.leader_phone_enc))).toEqual(['13911112222', '0731-12345678']);
    } finally {
      await old.end();
    }
  } finally {
    await legacy.drop();
  }
});
