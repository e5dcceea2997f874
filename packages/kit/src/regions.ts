/**
 * GB/T 2260 codes are hierarchical: 430000 province, 430100 city, 430102 county, 430102001 township.
 * A region covers another when the other's code starts with its significant prefix, so scope checks
 * need no database lookup and work the same in every service.
 */
export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP';

const CODE = /^(\d{6}|\d{9}|\d{12})$/;

export function isRegionCode(code: string): boolean {
  return CODE.test(code);
}

export function regionLevelOfCode(code: string): RegionLevel | undefined {
  if (!isRegionCode(code)) return undefined;
  if (code.length > 6) return 'TOWNSHIP';
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/** The significant digits that every descendant's code starts with. */
export function regionPrefix(code: string): string {
  switch (regionLevelOfCode(code)) {
    case 'PROVINCE':
      return code.slice(0, 2);
    case 'CITY':
      return code.slice(0, 4);
    case 'COUNTY':
      return code.slice(0, 6);
    case 'TOWNSHIP':
      return code;
    default:
      throw new Error(`not a GB/T 2260 region code: ${code}`);
  }
}

export function regionCovers(scopeCode: string, targetCode: string): boolean {
  if (!isRegionCode(scopeCode) || !isRegionCode(targetCode)) return false;
  return targetCode.startsWith(regionPrefix(scopeCode));
}

/**
 * SQL function region_ancestors(code) → the codes of every region covering it, itself included
 * (province, city, county, township): per-region summaries add a row's figures to each of them,
 * agreeing with regionPrefix (a region covers the codes starting with its prefix).
 */
export const REGION_ANCESTORS_FUNCTION = `
  CREATE FUNCTION region_ancestors(c text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_remove(ARRAY[
      substr(c, 1, 2) || '0000',
      CASE WHEN substr(c, 3, 2) <> '00' THEN substr(c, 1, 4) || '00' END,
      CASE WHEN substr(c, 5, 2) <> '00' THEN substr(c, 1, 6) END,
      CASE WHEN length(c) > 6 THEN substr(c, 1, 9) END,
      CASE WHEN length(c) > 9 THEN c END], NULL) $$`;
