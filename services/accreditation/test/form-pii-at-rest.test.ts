/**
 * The 附件2 form's leader phone is personal data (issue 11.2): stored only as `form.leaderPhoneEnc`.
 * A database with plain forms (the schema before 1763800000310) is migrated and read back raw.
 * The graph answers (whole to the applicant and officers over it, masked to others) are proven in
 * rules-gateway.test.ts, on forms sealed at submit.
 */
import type { MigrationInterface } from 'typeorm';
import { Client } from 'pg';
import { createLogger, DEV_PII_ENCRYPTION_KEY, DEV_PII_HASH_KEY, migrateDatabase, migrateSubgraph } from '@leifeng/kit';
import { createTestDatabase, testEnv, uniqueSuffix } from '@leifeng/kit/testing';
import { FormPhoneCipher } from '../src/domain/application-privacy';
import { accreditationModule } from '../src/module';

const keys = {
  encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'),
  hashKey: Buffer.from(DEV_PII_HASH_KEY, 'base64'),
};
const cipher = new FormPhoneCipher(keys);
const PLAIN = /13911112222|11112222|0731-12345678|12345678/;

it('migration 1763800000310 encrypts the leader phone of existing application forms', async () => {
  const legacy = await createTestDatabase('acc_form_legacy');
  try {
    const env = testEnv(legacy.url, `t${uniqueSuffix()}`);
    const migrations = accreditationModule.migrations as { name: string }[];
    const before = migrations.findIndex((m) => m.name.startsWith('EncryptFormLeaderPhones'));
    expect(before).toBeGreaterThan(0);
    await migrateDatabase({
      url: legacy.url,
      entities: [],
      migrations: migrations.slice(0, before) as (new () => MigrationInterface)[],
      logger: createLogger('test', 'silent'),
    });
    const old = new Client({ connectionString: legacy.url });
    await old.connect();
    try {
      const [{ id: cycleId }] = (
        await old.query(
          `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by)
         VALUES ('430100', 2024, 'hunan-2012-eight-haves@1', '["CITY"]', '[]', 'legacy') RETURNING id`,
        )
      ).rows;
      const plainForm = (phone: string) =>
        JSON.stringify({
          unitName: '旧站',
          leaderName: '李',
          leaderPhone: phone,
          unitOpinion: '同意',
        });
      const { rows } = await old.query(
        `INSERT INTO application (cycle_id, station_id, region_code, level, status, stages, form, submitted_by, submitted_on)
         VALUES ($1, gen_random_uuid(), '430102', 'CITY', 'NAMED', '[]', $2, 'm1', '2024-07-05'),
                ($1, gen_random_uuid(), '430102', 'CITY', 'NAMED', '[]', $3, 'm2', '2024-07-05') RETURNING id`,
        [cycleId, plainForm('13911112222'), plainForm('0731-12345678')],
      );
      expect((await old.query(`SELECT string_agg(a::text, ' ') AS raw FROM application a`)).rows[0].raw).toMatch(PLAIN);

      expect((await migrateSubgraph(accreditationModule, env))[0]).toBe('EncryptFormLeaderPhones1763800000310');

      const { rows: after } = await old.query(
        `SELECT id, a::text AS raw, form FROM application a ORDER BY submitted_by`,
      );
      expect(after.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
      for (const r of after) {
        expect(r.raw).not.toMatch(PLAIN);
        expect(r.form).not.toHaveProperty('leaderPhone');
        expect(r.form).toMatchObject({
          unitName: '旧站',
          leaderName: '李',
          unitOpinion: '同意',
        });
      }
      expect(after.map((r) => cipher.open(r.form.leaderPhoneEnc))).toEqual(['13911112222', '0731-12345678']);
      // Read back through the form reader: whole for the officer over the station, masked for others.
      const app = { stationId: 'x', regionCode: '430102', form: after[0].form };
      expect(cipher.formFor({ sub: 'c', roles: ['COUNTY_ADMIN'], regionCode: '430102' }, app).leaderPhone).toBe(
        '13911112222',
      );
      expect(cipher.formFor({ sub: 'v', roles: ['VOLUNTEER'] }, app)).toEqual({
        unitName: '旧站',
        leaderName: '李',
        unitOpinion: '同意',
        leaderPhone: '139****2222',
      });
    } finally {
      await old.end();
    }
  } finally {
    await legacy.drop();
  }
}, 60000);

it('a ciphertext opens only for this field (bound to it) and never holds the digits', () => {
  const sealed = cipher.seal({ leaderPhone: '13911112222', unitName: '站' });
  expect(JSON.stringify(sealed)).not.toMatch(PLAIN);
  expect(sealed).toEqual({
    unitName: '站',
    leaderPhoneEnc: expect.stringMatching(/^v1\./),
  });
  expect(cipher.open(sealed.leaderPhoneEnc)).toBe('13911112222');
});
