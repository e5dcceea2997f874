import { DomainError } from '@leifeng/kit';

/** The years announcement figures are kept for. */
export function checkStatsYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new DomainError('INVALID_YEAR', '年份应在 2000–2100 之间', {
      field: 'year',
    });
}
