import { isRegionCode, regionLevelOfCode } from '@leifeng/kit';
import { In, IsNull, type DataSource } from 'typeorm';
import { RegionEntity } from '../db/region.entity';

/** The codes of a region's ancestors and itself, province first (430102 → 430000, 430100, 430102). */
export function lineageCodes(code: string): string[] {
  const level = regionLevelOfCode(code);
  if (!level) return [];
  const codes = [`${code.slice(0, 2)}0000`];
  if (level !== 'PROVINCE') codes.push(`${code.slice(0, 4)}00`);
  if (level === 'COUNTY' || level === 'TOWNSHIP') codes.push(code.slice(0, 6));
  if (level === 'TOWNSHIP') codes.push(code);
  return codes;
}

export class RegionService {
  constructor(private readonly ds: DataSource) {}

  async byCodes(codes: readonly string[]): Promise<RegionEntity[]> {
    const valid = codes.filter(isRegionCode);
    if (valid.length === 0) return [];
    return this.ds.getRepository(RegionEntity).findBy({ code: In(valid) });
  }

  /** Children of many parents in one statement; `null` asks for the provinces. */
  async childrenOf(parentCodes: readonly (string | null)[]): Promise<RegionEntity[]> {
    const codes = parentCodes.filter((c): c is string => c !== null && isRegionCode(c));
    const repo = this.ds.getRepository(RegionEntity);
    const where = [];
    if (codes.length) where.push({ parentCode: In(codes) });
    if (parentCodes.includes(null)) where.push({ parentCode: IsNull() });
    if (where.length === 0) return [];
    return repo.find({ where, order: { code: 'ASC' } });
  }
}
