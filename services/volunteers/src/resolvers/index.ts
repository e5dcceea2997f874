import { DateScalar, DateTimeScalar } from '@leifeng/kit';
import { recordResolvers } from './records';
import { statsResolvers } from './stats';
import { teamResolvers } from './teams';
import { timeBankResolvers } from './timebank';
import { volunteerResolvers } from './volunteers';

type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges the per-concern resolver maps type by type. */
function merge(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...fields };
  return out;
}

export const resolvers = merge({ Date: DateScalar as never, DateTime: DateTimeScalar as never }, volunteerResolvers, recordResolvers, statsResolvers, timeBankResolvers, teamResolvers);
