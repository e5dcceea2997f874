import type { MigrationInterface, QueryRunner } from 'typeorm';
import seed from '../seed/holidays-cn.json';

/**
 * The seeded 2024–2026 arrangements were re-checked date by date against the State Council's notices:
 * the dates stand; their seeded versions now cite each notice by number (where it has one) and date.
 * Versions an admin published are left alone.
 */
export class CiteHolidayNotices1763800000311 implements MigrationInterface {
  name = 'CiteHolidayNotices1763800000311';

  async up(q: QueryRunner): Promise<void> {
    for (const [year, source] of Object.entries(seed.sources as Record<string, string>)) {
      await q.query(`UPDATE holiday_calendar_version SET source = $2 WHERE year = $1 AND published_by = 'seed'`, [
        Number(year),
        source,
      ]);
    }
  }

  async down(): Promise<void> {
    // The citations only got more precise: nothing to undo.
  }
}
