import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';
import { readVolunteersConfig, type VolunteersConfig } from './config';
import { createContext, type VolunteersContext } from './context';
import { CreateStationRef1763800000201 } from './db/migrations/1763800000201-CreateStationRef';
import { CreateVolunteers1763800000202 } from './db/migrations/1763800000202-CreateVolunteers';
import { CreateActivitiesAndRecords1763800000203 } from './db/migrations/1763800000203-CreateActivitiesAndRecords';
import { CreateTimeBank1763800000204 } from './db/migrations/1763800000204-CreateTimeBank';
import { CreateDutyTrainingsPairings1763800000205 } from './db/migrations/1763800000205-CreateDutyTrainingsPairings';
import { CreateCertificatesDemands1763800000206 } from './db/migrations/1763800000206-CreateCertificatesDemands';
import { VolunteerStatusAndBatchIndexes1763800000207 } from './db/migrations/1763800000207-VolunteerStatusAndBatchIndexes';
import { VerifiedHoursYearly1763800000208 } from './db/migrations/1763800000208-VerifiedHoursYearly';
import { CurrentMembersCoveringIndex1763800000209 } from './db/migrations/1763800000209-CurrentMembersCoveringIndex';
import { MonthlySummaries1763800000210 } from './db/migrations/1763800000210-MonthlySummaries';
import { RegionSummaries1763800000211 } from './db/migrations/1763800000211-RegionSummaries';
import { MembershipRoleChanges1763800000220 } from './db/migrations/1763800000220-MembershipRoleChanges';
import { TimeBankKindWidth1763800000225 } from './db/migrations/1763800000225-TimeBankKindWidth';
import { certificatesRoute, verifyPageRoute } from './http/certificates';
import { ledgerExportRoute } from './http/ledger-export';
import { resolvers } from './resolvers';

type Env = Record<string, string | undefined>;

/**
 * The module reads its own settings (PII keys, star thresholds, time-bank policy) lazily from `env`, so
 * importing it never throws; the entry points call readVolunteersConfig first to fail fast.
 */
export function createVolunteersModule(env: Env = process.env): SubgraphModule<VolunteersContext> {
  let config: VolunteersConfig | undefined;
  const settings = () => (config ??= readVolunteersConfig(env));
  return {
    name: 'volunteers',
    defaultPort: 4002,
    typeDefs: loadSchema(join(__dirname, '..')),
    resolvers,
    entities: [],
    migrations: [
      CreateOutbox1763800000000,
      CreateStationRef1763800000201,
      CreateVolunteers1763800000202,
      CreateActivitiesAndRecords1763800000203,
      CreateTimeBank1763800000204,
      CreateDutyTrainingsPairings1763800000205,
      CreateCertificatesDemands1763800000206,
      VolunteerStatusAndBatchIndexes1763800000207,
      VerifiedHoursYearly1763800000208,
      CurrentMembersCoveringIndex1763800000209,
      MonthlySummaries1763800000210,
      RegionSummaries1763800000211,
      MembershipRoleChanges1763800000220,
      TimeBankKindWidth1763800000225,
    ],
    context: (base, deps) => createContext(base, deps, settings()),
    routes: (deps) => ({
      prefix: {
        '/export/stations/': ledgerExportRoute(deps, settings),
        '/certificates/': certificatesRoute(deps, settings),
        '/verify/': verifyPageRoute(deps, settings),
      },
    }),
  };
}

export const volunteersModule = createVolunteersModule();
