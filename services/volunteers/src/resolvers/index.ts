import { DateScalar, DateTimeScalar } from '@leifeng/kit';
import type { Resolvers } from '../generated/resolvers';
import { recordResolvers } from './records';
import { statsResolvers } from './stats';
import { teamResolvers } from './teams';
import { timeBankResolvers } from './timebank';
import { volunteerResolvers } from './volunteers';

/** Merges the per-concern resolver maps type by type. */
function merge(...maps: Resolvers[]): Resolvers {
  const out: Record<string, object> = {};
  for (const map of maps)
    for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...(fields as object) };
  return out as Resolvers;
}

export const resolvers: Resolvers = merge(
  { Date: DateScalar, DateTime: DateTimeScalar },
  volunteerResolvers,
  recordResolvers,
  statsResolvers,
  timeBankResolvers,
  teamResolvers,
);
