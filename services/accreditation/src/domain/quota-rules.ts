import { DomainError } from '@leifeng/kit';

/** The city (市州 / 省直) a region belongs to: 430102 → 430100. */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}
export function countyOf(regionCode: string): string {
  return regionCode.slice(0, 6);
}

/** Hunan: a city forwards provincial applicants only within its provincial quota (申报名额). */
export function assertWithinProvincialQuota(forwarded: number, quota: number | null, cityCode: string): void {
  if (quota === null) throw new DomainError('QUOTA_NOT_SET', `${cityCode} 未分配省级名额，不能推荐省级申报`, { cityCode });
  if (forwarded >= quota) {
    throw new DomainError('QUOTA_EXCEEDED', `${cityCode} 的省级申报名额为 ${quota} 个，已推荐 ${forwarded} 个`, { cityCode, quota, forwarded });
  }
}

/** Hunan: CITY titles named in the city ≥ 2 × its provincial quota before provincial titles are conferred there. */
export function assertCityTitlesCoverQuota(cityTitlesNamed: number, provincialQuota: number, cityCode: string): void {
  const needed = 2 * provincialQuota;
  if (cityTitlesNamed < needed) {
    throw new DomainError('CITY_TITLES_INSUFFICIENT', `${cityCode} 本年度命名市级雷锋号 ${cityTitlesNamed} 个，少于省级名额的 2 倍（${needed} 个），暂不能命名省级雷锋号`, {
      cityCode,
      cityTitlesNamed,
      needed,
    });
  }
}

/** Linyi: each county recommends 2–3 candidates (configured); outstanding ones are not counted. */
export function assertCountyLimit(recommended: number, limit: number, outstanding: boolean, countyCode: string): void {
  if (outstanding) return;
  if (recommended >= limit) {
    throw new DomainError('COUNTY_LIMIT_EXCEEDED', `${countyCode} 本年度已推荐 ${recommended} 个候选单位，达到上限 ${limit} 个（事迹特别突出的可标注为优秀，不受名额限制）`, {
      countyCode,
      limit,
      recommended,
    });
  }
}
