import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';
import { contextFactory, type AccreditationContext, type ModuleOptions } from './context';
import { CreateAccreditation1763800000301 } from './db/migrations/1763800000301-CreateAccreditation';
import { SeedStandardsAndQuotas1763800000302 } from './db/migrations/1763800000302-SeedStandardsAndQuotas';
import { ReviewItemSeqIndex1763800000303 } from './db/migrations/1763800000303-ReviewItemSeqIndex';
import { OneOpenReviewOrder1763800000304 } from './db/migrations/1763800000304-OneOpenReviewOrder';
import { RuleProfiles1763800000305 } from './db/migrations/1763800000305-RuleProfiles';
import { CycleCalendarChanges1763800000306 } from './db/migrations/1763800000306-CycleCalendarChanges';
import { ReviewTitleDecisions1763800000307 } from './db/migrations/1763800000307-ReviewTitleDecisions';
import { HolidayCalendarVersions1763800000308 } from './db/migrations/1763800000308-HolidayCalendarVersions';
import { SandboxClock1763800000309 } from './db/migrations/1763800000309-SandboxClock';
import { encryptFormLeaderPhonesMigration } from './db/migrations/1763800000310-EncryptFormLeaderPhones';
import { CiteHolidayNotices1763800000311 } from './db/migrations/1763800000311-CiteHolidayNotices';
import { readAccreditationPii } from './config';
import { TitleMonths1763800000320 } from './db/migrations/1763800000320-TitleMonths';
import { PublicObjections1763800000340 } from './db/migrations/1763800000340-PublicObjections';
import { resolvers } from './resolvers';

/** Tests build the module with their own clock and facts source; processes use the defaults. */
export function createAccreditationModule(opts: ModuleOptions = {}): SubgraphModule<AccreditationContext> {
  return {
    name: 'accreditation',
    defaultPort: 4003,
    typeDefs: loadSchema(join(__dirname, '..')),
    resolvers,
    // Raw SQL over TypeORM's data source (rows mapped in services/rows.ts); schema only via migrations.
    entities: [],
    migrations: [
      CreateOutbox1763800000000,
      CreateAccreditation1763800000301,
      SeedStandardsAndQuotas1763800000302,
      ReviewItemSeqIndex1763800000303,
      OneOpenReviewOrder1763800000304,
      RuleProfiles1763800000305,
      CycleCalendarChanges1763800000306,
      ReviewTitleDecisions1763800000307,
      HolidayCalendarVersions1763800000308,
      SandboxClock1763800000309,
      encryptFormLeaderPhonesMigration(() => readAccreditationPii(opts.env ?? process.env)),
      CiteHolidayNotices1763800000311,
      TitleMonths1763800000320,
      PublicObjections1763800000340,
    ],
    context: contextFactory(opts),
  };
}

export const accreditationModule = createAccreditationModule();
