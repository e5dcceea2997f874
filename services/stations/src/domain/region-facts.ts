/**
 * Region facts the sources measure (issue 15) as plain rules: community coverage, population figures
 * and monthly series. No GraphQL, no SQL.
 */
import { isRegionCode, regionLevelOfCode, regionPrefix, ValidationErrors } from '@leifeng/kit';

export { monthsBetween } from '@leifeng/kit';

export type CommunityKind = 'URBAN' | 'RURAL';

/** The 12-digit community code range under a region (every community code has 12 digits). */
export function communityRange(regionCode: string): [string, string] {
  const prefix = regionPrefix(regionCode);
  return [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];
}

export const isCommunityCode = (code: string) => /^\d{12}$/.test(code);

/** Whether a community lies inside a region (a county's or township's code is the prefix). */
export function communityInRegion(communityCode: string, regionCode: string): boolean {
  return isRegionCode(regionCode) && communityCode.startsWith(regionPrefix(regionCode));
}

/** Share rounded to 4 decimals; null when the denominator is unknown or 0 (never a guess). */
function ratio(part: number, whole: number | null | undefined): number | null {
  return whole && whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null;
}

export interface CoverageFigure {
  communities: number;
  covered: number;
  uncovered: number;
  rate: number | null;
}

export function coverageFigure(communities: number, covered: number): CoverageFigure {
  return {
    communities,
    covered,
    uncovered: communities - covered,
    rate: ratio(covered, communities),
  };
}

const MAX_COMMUNITIES_PER_STATION = 100;

/** Shape of a station's community list (existence and region are checked against the data by the service). */
export function checkCommunityCodes(errors: ValidationErrors, codes: string[] | null | undefined): void {
  if (!codes) return;
  if (codes.length > MAX_COMMUNITIES_PER_STATION)
    errors.add('INVALID_LENGTH', 'communityCodes', `服务社区最多 ${MAX_COMMUNITIES_PER_STATION} 个`);
  if (new Set(codes).size !== codes.length) errors.add('DUPLICATE_VALUE', 'communityCodes', '服务社区有重复项');
  codes.forEach((c, i) => {
    if (!isCommunityCode(c))
      errors.add('INVALID_COMMUNITY_CODE', `communityCodes.${i}`, `社区（村）代码应为 12 位数字：${c}`);
  });
}

// ---- Population ------------------------------------------------------------------------------------

export interface PopulationInput {
  regionCode: string;
  population: number;
  year: number;
  source: string;
}

const MAX_POPULATION_ROWS = 8000;

/** Checks figures an officer enters or imports; `row` numbers the lines of an imported file (header = 1). */
export function validatePopulations(
  inputs: PopulationInput[],
  thisYear: number,
  rowOf: (i: number) => string = (i) => `input.${i}`,
): PopulationInput[] {
  const errors = new ValidationErrors();
  if (inputs.length === 0) errors.add('REQUIRED', 'input', '没有人口数据');
  if (inputs.length > MAX_POPULATION_ROWS)
    errors.add('INVALID_LENGTH', 'input', `一次最多 ${MAX_POPULATION_ROWS} 条人口数据`);
  const seen = new Set<string>();
  const out = inputs.map((x, i) => {
    const at = rowOf(i);
    const regionCode = String(x.regionCode ?? '').trim();
    const source = String(x.source ?? '').trim();
    if (!isRegionCode(regionCode) || !regionLevelOfCode(regionCode))
      errors.add('INVALID_REGION_CODE', `${at}.regionCode`, `行政区划代码格式不正确：${regionCode}`);
    else if (seen.has(regionCode)) errors.add('DUPLICATE_VALUE', `${at}.regionCode`, `行政区划 ${regionCode} 重复`);
    seen.add(regionCode);
    if (!Number.isInteger(x.population) || x.population < 1 || x.population > 200_000_000)
      errors.add('INVALID_NUMBER', `${at}.population`, '人口应为 1–200000000 的整数');
    if (!Number.isInteger(x.year) || x.year < 1949 || x.year > thisYear)
      errors.add('INVALID_YEAR', `${at}.year`, `统计年份应在 1949–${thisYear} 之间`);
    const len = [...source].length;
    if (len < 2 || len > 200)
      errors.add('INVALID_LENGTH', `${at}.source`, '数据来源应为 2–200 个字符（如：第七次全国人口普查）');
    return { regionCode, population: x.population, year: x.year, source };
  });
  errors.throwIfAny();
  return out;
}

const HEADERS: Record<string, keyof PopulationInput> = {
  regioncode: 'regionCode',
  code: 'regionCode',
  行政区划代码: 'regionCode',
  区划代码: 'regionCode',
  population: 'population',
  人口: 'population',
  常住人口: 'population',
  总人口: 'population',
  year: 'year',
  年份: 'year',
  统计年份: 'year',
  source: 'source',
  来源: 'source',
  数据来源: 'source',
};

/**
 * Rows of an imported sheet (first row = header, columns in any order, Chinese or English names;
 * other columns, e.g. 名称, ignored) → inputs. Numbers may come as text (CSV) or numbers (XLSX).
 */
export function populationRowsFromSheet(sheet: unknown[][]): {
  inputs: PopulationInput[];
  rowOf: (i: number) => string;
} {
  const errors = new ValidationErrors();
  const [header = [], ...body] = sheet;
  const col: Partial<Record<keyof PopulationInput, number>> = {};
  header.forEach((h, i) => {
    const key =
      HEADERS[
        String(h ?? '')
          .trim()
          .replace(/\s+/g, '')
          .toLowerCase()
      ];
    if (key && col[key] === undefined) col[key] = i;
  });
  for (const [key, label] of [
    ['regionCode', '行政区划代码'],
    ['population', '人口'],
    ['year', '年份'],
    ['source', '数据来源'],
  ] as const) {
    if (col[key] === undefined) errors.add('MISSING_COLUMN', `file.${key}`, `导入文件缺少「${label}」列`);
  }
  errors.throwIfAny();
  const lines: number[] = [];
  const inputs: PopulationInput[] = [];
  body.forEach((row, i) => {
    if (!row || row.every((v) => v === null || v === undefined || String(v).trim() === '')) return;
    const num = (v: unknown) =>
      typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v ?? '')) ? Number(String(v).trim()) : NaN;
    inputs.push({
      regionCode: String(row[col.regionCode!] ?? '').trim(),
      population: num(row[col.population!]),
      year: num(row[col.year!]),
      source: String(row[col.source!] ?? '').trim(),
    });
    lines.push(i + 2);
  });
  return { inputs, rowOf: (i) => `row${lines[i]}` };
}

// ---- Monthly series --------------------------------------------------------------------------------

export interface StationMonth {
  month: string;
  opened: number;
  closed: number;
  /** Stations registered and not closed at the end of the month. */
  stationCount: number;
}

/**
 * Station series from per-month changes: `before` is the net (opened − closed) of every month before
 * the period, `changes` the months inside it ('YYYY-MM' → opened/closed).
 */
export function stationSeries(
  months: string[],
  before: number,
  changes: Map<string, { opened: number; closed: number }>,
): StationMonth[] {
  let running = before;
  return months.map((month) => {
    const c = changes.get(month) ?? { opened: 0, closed: 0 };
    running += c.opened - c.closed;
    return { month, opened: c.opened, closed: c.closed, stationCount: running };
  });
}
