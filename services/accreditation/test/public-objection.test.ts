/**
 * Issue 17: anyone objects to a 公示 during its window without an account. The phone proof is an ES256
 * JWT as identity's verifyPhone signs it (here signed with a local key standing in for identity's JWKS;
 * the whole chain through identity is proven in test/web/publicity.test.ts). Real Postgres.
 */
import { createHash } from 'node:crypto';
import {
  createDataSource,
  createLogger,
  createPhoneProofVerifier,
  DEV_PII_ENCRYPTION_KEY,
  DEV_PII_HASH_KEY,
  migrateSubgraph,
  PHONE_PROOF_TYP,
} from '@leifeng/kit';
import { createTestDatabase, testEnv, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import { generateKeyPair, SignJWT, type KeyLike } from 'jose';
import type { DataSource } from 'typeorm';
import { loadHolidayCalendar } from '../src/services/holiday-calendar-file';
import { ObjectorPhoneCipher } from '../src/domain/objector-privacy';
import { OBJECTION_LIMITS } from '../src/domain/public-objection';
import { accreditationModule } from '../src/module';
import { NoticeService } from '../src/services/notice-service';
import { PublicObjectionService } from '../src/services/public-objection-service';

const keys = {
  encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'),
  hashKey: Buffer.from(DEV_PII_HASH_KEY, 'base64'),
};
const ISSUER = 'leifeng-identity-test';
let now = new Date('2024-10-11T10:00:00+08:00');
const clock = { now: () => now };
let db: TestDatabase;
let ds: DataSource;
let identityKey: { publicKey: KeyLike; privateKey: KeyLike };
let service: PublicObjectionService;
let noticeId: string;
let appIds: string[];
const cipher = new ObjectorPhoneCipher(keys);

async function proof(
  phone: string,
  opts: {
    purpose?: string;
    ttlSec?: number;
    typ?: string;
    key?: KeyLike;
    sub?: string;
  } = {},
) {
  const iat = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({ purpose: opts.purpose ?? 'OBJECTION', phone })
    .setProtectedHeader({
      alg: 'ES256',
      kid: 'k1',
      typ: opts.typ ?? PHONE_PROOF_TYP,
    })
    .setSubject(opts.sub ?? phoneHash(phone))
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (opts.ttlSec ?? 900))
    .sign(opts.key ?? identityKey.privateKey);
}

/** Stands in for identity's keyed hash (which never contains the number). */
const phoneHash = (phone: string) => createHash('sha256').update(`t:${phone}`).digest('hex');
const count = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM objection`))[0].n);
const input = async (
  over: Partial<{
    name: string;
    reason: string;
    phoneProof: string;
    noticeId: string;
    applicationId: string;
  }> = {},
) => ({
  noticeId,
  applicationId: appIds[0],
  name: '张三',
  reason: '该站点去年未开展志愿服务活动，台账有虚报。',
  phoneProof: await proof('13812345678'),
  ...over,
});
async function refused(p: Promise<unknown>, code: string) {
  const before = await count();
  await expect(p).rejects.toMatchObject({ code });
  expect(await count()).toBe(before);
}

beforeAll(async () => {
  db = await createTestDatabase('acc_public_objection');
  await migrateSubgraph(accreditationModule, testEnv(db.url, `t${uniqueSuffix()}`));
  ds = createDataSource({
    url: db.url,
    entities: [],
    migrations: [],
    logger: createLogger('test', 'silent'),
  });
  await ds.initialize();
  identityKey = await generateKeyPair('ES256');
  const proofs = createPhoneProofVerifier({ issuer: ISSUER }, clock, identityKey.publicKey);
  const notices = new NoticeService(ds, clock, loadHolidayCalendar());
  service = new PublicObjectionService(ds, clock, notices, proofs, cipher);
  const [{ id: cycleId }] = await ds.query(
    `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by)
     VALUES ('430100', 2024, 'hunan-2012-eight-haves@1', '["CITY"]', '[]', 't') RETURNING id`,
  );
  const apps: { id: string }[] = await ds.query(
    `INSERT INTO application (cycle_id, station_id, region_code, level, status, stages, form, submitted_by, submitted_on)
     VALUES ($1, gen_random_uuid(), '430102', 'CITY', 'CANDIDATE', '[]', '{}', 'm1', '2024-07-05'),
            ($1, gen_random_uuid(), '430103', 'CITY', 'CANDIDATE', '[]', '{}', 'm2', '2024-07-05') RETURNING id`,
    [cycleId],
  );
  appIds = apps.map((a) => a.id);
  [{ id: noticeId }] = await ds.query(
    `INSERT INTO public_notice (cycle_id, level, region_code, starts_on, ends_on, application_ids, published_by)
     VALUES ($1, 'CITY', '430100', '2024-10-10', '2024-10-15', $2, 'city') RETURNING id`,
    [cycleId, JSON.stringify(appIds)],
  );
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});
beforeEach(() => {
  now = new Date('2024-10-11T10:00:00+08:00');
});

it('files an objection with name, encrypted phone, identity phone hash and client address', async () => {
  const r = await service.file(await input(), '203.0.113.5');
  const [row] = await ds.query(`SELECT o.*, o::text AS raw FROM objection o WHERE id = $1`, [r.id]);
  expect(row).toMatchObject({
    notice_id: noticeId,
    application_id: appIds[0],
    objector_name: '张三',
    objector_phone_hash: phoneHash('13812345678'),
    client_ip: '203.0.113.5',
    filed_by: 'public',
    status: 'OPEN',
  });
  expect(row.raw).not.toContain('13812345678'.slice(3)); // never in clear
  expect(cipher.open(row.objector_phone_enc)).toBe('13812345678');
  expect(new Date(row.created_at).getTime()).toBe(now.getTime()); // business time
});

it('shows the phone whole to the group that resolves, masked to other officers, nothing to others', async () => {
  const [row] = await ds.query(`SELECT objector_phone_enc FROM objection LIMIT 1`);
  const notice = { level: 'CITY' as const, regionCode: '430100' };
  expect(
    cipher.phoneFor({ sub: 'c', roles: ['CITY_ADMIN'], regionCode: '430100' }, notice, row.objector_phone_enc),
  ).toBe('13812345678');
  expect(
    cipher.phoneFor({ sub: 'k', roles: ['COUNTY_ADMIN'], regionCode: '430102' }, notice, row.objector_phone_enc),
  ).toBe('138****5678');
  expect(
    cipher.phoneFor({ sub: 'o', roles: ['CITY_ADMIN'], regionCode: '430200' }, notice, row.objector_phone_enc),
  ).toBeNull();
  expect(cipher.phoneFor({ sub: 'v', roles: ['VOLUNTEER'] }, notice, row.objector_phone_enc)).toBeNull();
  expect(cipher.phoneFor(undefined, notice, row.objector_phone_enc)).toBeNull();
});

it('refuses outside the window (business time) and after naming, writing nothing', async () => {
  now = new Date('2024-10-16T09:00:00+08:00');
  await refused(service.file(await input(), '203.0.113.6'), 'NOTICE_CLOSED');
  now = new Date('2024-10-09T23:59:00+08:00');
  await refused(service.file(await input(), '203.0.113.6'), 'NOTICE_CLOSED');
  now = new Date('2024-10-15T23:30:00+08:00'); // last day, Shanghai time (15:30 UTC)
  await expect(
    service.file(await input({ phoneProof: await proof('13900000001') }), '203.0.113.6'),
  ).resolves.toHaveProperty('id');
  await ds.query(`UPDATE public_notice SET named_at = now() WHERE id = $1`, [noticeId]);
  try {
    await refused(
      service.file(await input({ phoneProof: await proof('13900000003') }), '203.0.113.6'),
      'NOTICE_CLOSED',
    );
  } finally {
    await ds.query(`UPDATE public_notice SET named_at = NULL WHERE id = $1`, [noticeId]);
  }
});

it('refuses a reason over 500 characters, an empty one, a bad name, a candidate not on the notice', async () => {
  await refused(service.file(await input({ reason: '虚'.repeat(501) }), null), 'INVALID_LENGTH');
  await refused(service.file(await input({ reason: '   ' }), null), 'INVALID_LENGTH');
  await refused(service.file(await input({ name: ' ' }), null), 'INVALID_NAME');
  await refused(service.file(await input({ name: '名'.repeat(31) }), null), 'INVALID_NAME');
  await refused(
    service.file(await input({ applicationId: '00000000-0000-0000-0000-000000000000' }), null),
    'NOT_ON_NOTICE',
  );
  await refused(service.file(await input({ noticeId: 'not-a-uuid' }), null), 'NOT_FOUND');
  // 500 characters exactly (汉字 counted as one each) passes.
  await expect(
    service.file(
      await input({
        reason: '虚'.repeat(500),
        phoneProof: await proof('13900000002'),
      }),
      null,
    ),
  ).resolves.toHaveProperty('id');
});

it('refuses a bad, expired, wrong-purpose, foreign-key or access-token-typed proof', async () => {
  const other = await generateKeyPair('ES256');
  await refused(service.file(await input({ phoneProof: 'garbage' }), null), 'PHONE_PROOF_INVALID');
  await refused(
    service.file(
      await input({
        phoneProof: await proof('13812345678', { purpose: 'SIGN_IN' }),
      }),
      null,
    ),
    'PHONE_PROOF_INVALID',
  );
  await refused(
    service.file(
      await input({
        phoneProof: await proof('13812345678', { key: other.privateKey }),
      }),
      null,
    ),
    'PHONE_PROOF_INVALID',
  );
  await refused(
    service.file(await input({ phoneProof: await proof('13812345678', { typ: 'JWT' }) }), null),
    'PHONE_PROOF_INVALID',
  );
  // Longer than 15 minutes is not a proof identity issues.
  await refused(
    service.file(await input({ phoneProof: await proof('13812345678', { ttlSec: 3600 }) }), null),
    'PHONE_PROOF_INVALID',
  );
  const token = await proof('13812345678', { ttlSec: 600 });
  now = new Date(now.getTime() + 601_000); // expired in business time
  await refused(service.file(await input({ phoneProof: token }), null), 'PHONE_PROOF_INVALID');
  const tampered = token.split('.');
  tampered[1] = Buffer.from(JSON.stringify({ purpose: 'OBJECTION', phone: '13999999999', sub: 'x' })).toString(
    'base64url',
  );
  await refused(service.file(await input({ phoneProof: tampered.join('.') }), null), 'PHONE_PROOF_INVALID');
});

it('limits objections per phone on a notice and per client address per day', async () => {
  const phone = '13700000000';
  for (let i = 0; i < OBJECTION_LIMITS.perPhonePerNotice; i++) {
    await service.file(
      await input({
        phoneProof: await proof(phone),
        applicationId: appIds[i % 2],
      }),
      `198.51.100.${i}`,
    );
  }
  await refused(
    service.file(await input({ phoneProof: await proof(phone) }), '198.51.100.99'),
    'OBJECTION_LIMIT_PHONE',
  );

  const ip = '192.0.2.77';
  for (let i = 0; i < OBJECTION_LIMITS.perAddressPerDay; i++) {
    await service.file(
      await input({
        phoneProof: await proof(`1360000${String(i).padStart(4, '0')}`),
      }),
      ip,
    );
  }
  await refused(service.file(await input({ phoneProof: await proof('13500000000') }), ip), 'OBJECTION_LIMIT_ADDRESS');
  now = new Date(now.getTime() + 86400_000 + 1000); // a day later (business time) the address may file again
  await expect(service.file(await input({ phoneProof: await proof('13500000000') }), ip)).resolves.toHaveProperty('id');
});

it('counts concurrent filings of one phone: never more than the limit', async () => {
  const phone = '13600099999';
  const results = await Promise.allSettled(
    Array.from({ length: 6 }, async (_, i) =>
      service.file(await input({ phoneProof: await proof(phone) }), `10.0.0.${i}`),
    ),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(OBJECTION_LIMITS.perPhonePerNotice);
  expect(
    Number(
      (await ds.query(`SELECT count(*)::int AS n FROM objection WHERE objector_phone_hash = $1`, [phoneHash(phone)]))[0]
        .n,
    ),
  ).toBe(OBJECTION_LIMITS.perPhonePerNotice);
});
