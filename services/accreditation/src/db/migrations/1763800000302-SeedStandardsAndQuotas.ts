import type { MigrationInterface, QueryRunner } from 'typeorm';
import standardSets from '../seed/standard-sets.json';
import quotaTemplates from '../seed/quota-templates.json';

/** Seeds the standard sets and quota tables of the sources as data; later sets are added as data too. */
export class SeedStandardsAndQuotas1763800000302 implements MigrationInterface {
  name = 'SeedStandardsAndQuotas1763800000302';

  async up(q: QueryRunner): Promise<void> {
    for (const s of standardSets) {
      await q.query(
        `INSERT INTO standard_set (id, code, version, name, issuer, year, levels, criteria, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          s.id,
          s.code,
          s.version,
          s.name,
          s.issuer,
          s.year,
          JSON.stringify(s.levels),
          JSON.stringify(s.criteria),
          s.source,
        ],
      );
    }
    for (const t of quotaTemplates) {
      for (const [regionCode, amount] of Object.entries(t.quotas)) {
        await q.query(
          `INSERT INTO quota_template (template_code, region_code, level, amount) VALUES ($1, $2, $3, $4)`,
          [t.templateCode, regionCode, t.level, amount],
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM quota_template`);
    await q.query(`DELETE FROM standard_set`);
  }
}
