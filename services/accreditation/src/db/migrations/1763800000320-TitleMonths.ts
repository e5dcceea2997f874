import { REGION_ANCESTORS_FUNCTION } from '@leifeng/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Titles in a region's monthly series (issue 15) from a summary kept up to date, never a scan of the
 * title table per request: per (region, Asia/Shanghai month of the date, level) the titles named,
 * revoked and reinstated in the month and the change in titles in force (active). A region's active
 * titles at the end of a month are the running sum of `active` up to it (one row per region, month and
 * level however many titles). Every ancestor of the title's region gets the row (province … township).
 * A title counts +1 active when named; when REVOKED −1 at revoked_on; when reinstated (ACTIVE with
 * reinstated_on) −1 at revoked_on and +1 at reinstated_on. Statement-level triggers apply the net change.
 */
const side = (t: string, sign: string) => `
  SELECT region_code, date_trunc('month', conferred_on)::date AS month, level, ${sign}1 AS named, 0 AS revoked, 0 AS reinstated, ${sign}1 AS active FROM ${t}
  UNION ALL
  SELECT region_code, date_trunc('month', revoked_on)::date, level, 0, ${sign}1, 0, ${sign === '-' ? '1' : '-1'} FROM ${t}
   WHERE revoked_on IS NOT NULL AND (status = 'REVOKED' OR reinstated_on IS NOT NULL)
  UNION ALL
  SELECT region_code, date_trunc('month', reinstated_on)::date, level, 0, 0, ${sign}1, ${sign}1 FROM ${t}
   WHERE reinstated_on IS NOT NULL AND revoked_on IS NOT NULL AND status = 'ACTIVE'`;

const VALUES = ['named', 'revoked', 'reinstated', 'active'];
const apply = (parts: string) => `
  INSERT INTO title_months AS t (region_code, month, level, ${VALUES.join(', ')})
  SELECT r.code, d.month, d.level, ${VALUES.map((v) => `sum(d.${v})`).join(', ')}
    FROM (${parts}) d, unnest(region_ancestors(d.region_code)) r(code)
   GROUP BY 1, 2, 3 HAVING ${VALUES.map((v) => `sum(d.${v}) <> 0`).join(' OR ')} ORDER BY 1, 2, 3
  ON CONFLICT (region_code, month, level) DO UPDATE SET ${VALUES.map((v) => `${v} = t.${v} + EXCLUDED.${v}`).join(', ')}`;

export const BACKFILL_TITLE_MONTHS = apply(side('title', ''));

const OPS = [
  {
    op: 'ins',
    event: 'INSERT',
    refs: 'NEW TABLE AS new_rows',
    parts: side('new_rows', ''),
  },
  {
    op: 'upd',
    event: 'UPDATE',
    refs: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    parts: `${side('new_rows', '')} UNION ALL ${side('old_rows', '-')}`,
  },
  {
    op: 'del',
    event: 'DELETE',
    refs: 'OLD TABLE AS old_rows',
    parts: side('old_rows', '-'),
  },
];

export class TitleMonths1763800000320 implements MigrationInterface {
  name = 'TitleMonths1763800000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE title IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(REGION_ANCESTORS_FUNCTION);
    await q.query(`
      CREATE TABLE title_months (
        region_code varchar(12) NOT NULL,
        month       date NOT NULL,
        level       varchar(10) NOT NULL,
        named       integer NOT NULL DEFAULT 0,
        revoked     integer NOT NULL DEFAULT 0,
        reinstated  integer NOT NULL DEFAULT 0,
        active      integer NOT NULL DEFAULT 0,
        PRIMARY KEY (region_code, month, level) INCLUDE (named, revoked, reinstated, active)
      )`);
    for (const o of OPS) {
      await q.query(
        `CREATE FUNCTION tm_${o.op}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${apply(o.parts)}; RETURN NULL; END $$`,
      );
      await q.query(
        `CREATE TRIGGER tm_${o.op} AFTER ${o.event} ON title REFERENCING ${o.refs} FOR EACH STATEMENT EXECUTE FUNCTION tm_${o.op}()`,
      );
    }
    await q.query(BACKFILL_TITLE_MONTHS);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const o of OPS) {
      await q.query(`DROP TRIGGER tm_${o.op} ON title`);
      await q.query(`DROP FUNCTION tm_${o.op}()`);
    }
    await q.query(`DROP TABLE title_months`);
    await q.query(`DROP FUNCTION region_ancestors(text)`);
  }
}
