import { DomainError } from '@leifeng/kit';
import { addYears } from './dates';
import type { TitleLevel } from './standards';

export interface HeldTitle {
  level: TitleLevel;
  status: string;
  conferredOn: string;
}

/** PROVINCE needs a CITY title, not revoked, held for at least one year on the naming date. */
export function assertCityTitleHeldOneYear(titles: HeldTitle[], namingDate: string): void {
  const city = titles.filter((t) => t.level === 'CITY' && t.status === 'ACTIVE');
  if (city.length === 0) throw new DomainError('CITY_TITLE_REQUIRED', '申报省级雷锋号须先获得市级雷锋号');
  const earliest = city.map((t) => t.conferredOn).sort()[0];
  const heldFrom = addYears(earliest, 1);
  if (heldFrom > namingDate) {
    throw new DomainError('CITY_TITLE_TOO_RECENT', `市级雷锋号于 ${earliest} 命名，到命名日 ${namingDate} 不满一年（须在 ${heldFrom} 或以后）`, {
      conferredOn: earliest,
      namingDate,
    });
  }
}

const LEVEL_LETTER: Record<TitleLevel, string> = { COUNTY: 'X', CITY: 'S', PROVINCE: 'P' };

/** e.g. LF-430000-2025-P-0001: issuing region, year, level, sequence within (cycle, level). */
export function certificateNumber(issuingRegion: string, year: number, level: TitleLevel, seq: number): string {
  return `LF-${issuingRegion}-${year}-${LEVEL_LETTER[level]}-${String(seq).padStart(4, '0')}`;
}
