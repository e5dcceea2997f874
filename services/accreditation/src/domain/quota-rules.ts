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
  if (quota === null)
    throw new DomainError('QUOTA_NOT_SET', `${cityCode} 未分配省级名额，不能推荐省级申报`, { cityCode });
  if (forwarded >= quota) {
    throw new DomainError('QUOTA_EXCEEDED', `${cityCode} 的省级申报名额为 ${quota} 个，已推荐 ${forwarded} 个`, {
      cityCode,
      quota,
      forwarded,
    });
  }
}

/** CITY titles a city names in the year against what its provincial quota asks (factor × quota). */
export interface CityTitleStanding {
  cityCode: string;
  named: number;
  required: number;
  met: boolean;
}
export function cityTitleStanding(
  cityCode: string,
  named: number,
  provincialQuota: number,
  factor: number,
): CityTitleStanding {
  const required = Math.ceil(factor * provincialQuota);
  return { cityCode, named, required, met: named >= required };
}

/** Hunan: CITY titles named in the city that year ≥ 2 × its provincial quota before provincial titles are conferred there. */
export function assertCityTitlesCoverQuota(
  cityTitlesNamed: number,
  provincialQuota: number,
  cityCode: string,
  factor = 2,
  source?: string,
): void {
  const s = cityTitleStanding(cityCode, cityTitlesNamed, provincialQuota, factor);
  if (!s.met) {
    throw new DomainError(
      'CITY_TITLES_INSUFFICIENT',
      `${cityCode} 本年度命名市级雷锋号 ${cityTitlesNamed} 个，少于省级名额的 ${factor} 倍（${s.required} 个），暂不能命名省级雷锋号`,
      {
        cityCode,
        cityTitlesNamed,
        needed: s.required,
        source,
      },
    );
  }
}

/**
 * Linyi: each county recommends 2–3 candidates; 事迹特别突出 ones are not counted when the profile says so.
 * `limit` null: the campaign sets no number per county (Hunan).
 */
export function assertCountyLimit(
  recommended: number,
  limit: number | null,
  exempt: boolean,
  countyCode: string,
  source?: string,
): void {
  if (exempt || limit === null) return;
  if (recommended >= limit) {
    throw new DomainError(
      'COUNTY_LIMIT_EXCEEDED',
      `${countyCode} 本年度已推荐 ${recommended} 个候选单位，达到上限 ${limit} 个（事迹特别突出的可标注并写明理由，不受名额限制）`,
      {
        countyCode,
        limit,
        recommended,
        source,
      },
    );
  }
}

/**
 * Linyi: "向团市委推荐2-3个候选单位或组织，事迹特别突出的，不受名额限制". The county's list goes up to the
 * city as a whole: the city signs none of a county's recommendations until the county has recommended at
 * least `min` (outstanding ones count: the exemption lifts the cap, not the floor), or all it could
 * (`candidates`: its applications for a level above the county that it has not rejected).
 */
export function assertCountyMinimum(
  recommended: number,
  min: number | null,
  candidates: number,
  countyCode: string,
  source?: string,
): void {
  if (min === null) return;
  const required = Math.min(min, candidates);
  if (recommended < required) {
    throw new DomainError(
      'COUNTY_RECOMMENDATIONS_TOO_FEW',
      `${countyCode} 已推荐 ${recommended} 个候选单位，每县（区）应推荐至少 ${min} 个；该县（区）推荐满 ${required} 个后，市级方可审核其推荐`,
      { countyCode, min, required, recommended, source },
    );
  }
}

/**
 * A quota is never set below what already counts against it (applicants the region's city group has
 * forwarded at that level, named ones included): lowering it then would leave the region over its quota.
 */
export function assertQuotaCoversUse(amount: number, used: number, regionCode: string): void {
  if (amount < used) {
    throw new DomainError('QUOTA_BELOW_USED', `${regionCode} 已推荐 ${used} 个申报，名额不能少于 ${used} 个`, {
      field: 'amount',
      regionCode,
      used,
      amount,
    });
  }
}
