import type { MigrationInterface, QueryRunner } from 'typeorm';
import seed from '../seed/holidays-cn.json';

/**
 * The PRC holiday calendar as data a province admin publishes through the graph (publishHolidayCalendar),
 * each year's arrangement kept as versions with who and when (the newest counts), seeded with the
 * 2024–2026 arrangements of the State Council's notices. A notice whose period runs into a year not
 * published yet counts Monday–Friday and says so (public_notice.calendar_warning) instead of refusing.
 */
export class HolidayCalendarVersions1763800000308 implements MigrationInterface {
  name = 'HolidayCalendarVersions1763800000308';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_calendar_version (
        id           bigserial PRIMARY KEY,
        year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        holidays     jsonb NOT NULL,
        workdays     jsonb NOT NULL,
        source       text NOT NULL,
        published_by varchar(100) NOT NULL,
        published_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX holiday_calendar_version_year_idx ON holiday_calendar_version (year, id DESC)`);
    const sources = seed.sources as Record<string, string>;
    for (const [year, y] of Object.entries(seed.years)) {
      await q.query(
        `INSERT INTO holiday_calendar_version (year, holidays, workdays, source, published_by, published_at) VALUES ($1,$2,$3,$4,'seed',now())`,
        [Number(year), JSON.stringify(y.holidays), JSON.stringify(y.workdays), sources[year]],
      );
    }
    await q.query(`ALTER TABLE public_notice ADD COLUMN calendar_warning text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public_notice DROP COLUMN calendar_warning`);
    await q.query(`DROP TABLE holiday_calendar_version`);
  }
}
