import { DomainError } from '@leifeng/kit';
import { addYears } from './dates';
import type { TitleLevel } from './standards';

export interface HeldTitle {
  level: TitleLevel;
  status: string;
  conferredOn: string;
}

export interface TitleAgeRule {
  level: TitleLevel;
  requires: TitleLevel;
  years: number;
}

/** Hunan: PROVINCE needs a CITY title, not revoked, held for at least one year on the naming date. */
export function assertCityTitleHeldOneYear(titles: HeldTitle[], namingDate: string): void {
  assertTitleHeld(titles, { level: 'PROVINCE', requires: 'CITY', years: 1 }, namingDate);
}

/** The profile's title age: a `requires` title, not revoked, held `years` on the naming date. */
export function assertTitleHeld(titles: HeldTitle[], rule: TitleAgeRule, namingDate: string, source?: string): void {
  const held = titles.filter((t) => t.level === rule.requires && t.status === 'ACTIVE');
  const name = LEVEL_NAME[rule.requires];
  if (held.length === 0)
    throw new DomainError(
      `${rule.requires}_TITLE_REQUIRED`,
      `申报${LEVEL_NAME[rule.level]}雷锋号须先获得${name}雷锋号`,
      { source },
    );
  const earliest = held.map((t) => t.conferredOn).sort()[0];
  const heldFrom = addYears(earliest, rule.years);
  if (heldFrom > namingDate) {
    throw new DomainError(
      `${rule.requires}_TITLE_TOO_RECENT`,
      `${name}雷锋号于 ${earliest} 命名，到命名日 ${namingDate} 不满${rule.years}年（须在 ${heldFrom} 或以后）`,
      {
        conferredOn: earliest,
        namingDate,
        source,
      },
    );
  }
}

const LEVEL_NAME: Record<TitleLevel, string> = {
  COUNTY: '县级',
  CITY: '市级',
  PROVINCE: '省级',
};
const LEVEL_LETTER: Record<TitleLevel, string> = {
  COUNTY: 'X',
  CITY: 'S',
  PROVINCE: 'P',
};

/** e.g. LF-430000-2025-P-0001: issuing region, year, level, sequence within (cycle, level). */
export function certificateNumber(issuingRegion: string, year: number, level: TitleLevel, seq: number): string {
  return `LF-${issuingRegion}-${year}-${LEVEL_LETTER[level]}-${String(seq).padStart(4, '0')}`;
}
