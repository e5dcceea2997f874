import type { MigrationInterface, QueryRunner } from 'typeorm';
import profiles from '../seed/rule-profiles.json';

/**
 * A campaign's rules as data (rule_profile), chosen when a cycle is opened; seeds Hunan 2012 and Linyi
 * 2012 true to their texts, each setting quoting its sentence.
 *
 * Existing cycles keep today's behaviour: they get `platform-2024@1`, the rules every cycle followed
 * before profiles (county ≤ 3 unless outstanding, universities and enterprises straight to CITY, provincial
 * quota, 2 × quota, one-year CITY title), and keep their own county limit and direct-entry categories
 * as overrides. Moving a running cycle to another profile would change the rules under applications
 * already endorsed, so that stays a decision for the next cycle. Raw inserts without a profile (bench
 * seeds) get the same defaults.
 */
export class RuleProfiles1763800000305 implements MigrationInterface {
  name = 'RuleProfiles1763800000305';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rule_profile (
        id         varchar(60) PRIMARY KEY,
        code       varchar(50) NOT NULL,
        version    integer NOT NULL,
        name       varchar(200) NOT NULL,
        issuer     varchar(200) NOT NULL,
        year       integer NOT NULL,
        source     text NOT NULL,
        rules      jsonb NOT NULL,
        created_by varchar(100) NOT NULL DEFAULT 'seed',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      )`);
    for (const p of profiles) {
      await q.query(
        `INSERT INTO rule_profile (id, code, version, name, issuer, year, source, rules) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [p.id, p.code, p.version, p.name, p.issuer, p.year, p.source, JSON.stringify(p.rules)],
      );
    }
    await q.query(
      `ALTER TABLE cycle ADD COLUMN profile_id varchar(60) NOT NULL DEFAULT 'platform-2024@1' REFERENCES rule_profile (id)`,
    );
    // Overrides of the profile; NULL = as the profile says.
    await q.query(
      `ALTER TABLE cycle ALTER COLUMN county_recommendation_limit DROP NOT NULL, ALTER COLUMN county_recommendation_limit DROP DEFAULT`,
    );
    await q.query(
      `ALTER TABLE cycle ALTER COLUMN direct_to_city_categories DROP NOT NULL, ALTER COLUMN direct_to_city_categories DROP DEFAULT`,
    );
    // 事迹特别突出: why a recommendation is outside the county's count.
    await q.query(`ALTER TABLE endorsement ADD COLUMN outstanding_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE endorsement DROP COLUMN outstanding_reason`);
    await q.query(
      `UPDATE cycle SET county_recommendation_limit = COALESCE(county_recommendation_limit, 3), direct_to_city_categories = COALESCE(direct_to_city_categories, '["UNIVERSITY","ENTERPRISE"]')`,
    );
    await q.query(
      `ALTER TABLE cycle ALTER COLUMN county_recommendation_limit SET NOT NULL, ALTER COLUMN county_recommendation_limit SET DEFAULT 3`,
    );
    await q.query(
      `ALTER TABLE cycle ALTER COLUMN direct_to_city_categories SET NOT NULL, ALTER COLUMN direct_to_city_categories SET DEFAULT '["UNIVERSITY","ENTERPRISE"]'`,
    );
    await q.query(`ALTER TABLE cycle DROP COLUMN profile_id`);
    await q.query(`DROP TABLE rule_profile`);
  }
}
