import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from './config';
import { ActivityService } from './domain/activity-service';
import { CertificateService } from './domain/certificate-service';
import { DemandService } from './domain/demand-service';
import { DutyService } from './domain/duty-service';
import { PairingService } from './domain/pairing-service';
import { TrainingService } from './domain/training-service';
import { MembershipService } from './domain/membership-service';
import { RecordService } from './domain/record-service';
import { StatsService } from './domain/stats-service';
import { RegionTrendsService } from './domain/region-trends';
import { TimeBankService } from './domain/timebank-service';
import { VolunteerPii } from './domain/pii';
import { StationRefs } from './domain/station-ref';
import { VolunteerImportService } from './domain/volunteer-import';
import { VolunteerService } from './domain/volunteer-service';
import { VolunteerSearchService } from './domain/volunteer-search';
import { createListLoaders } from './resolvers/list-loaders';
import { createAttendanceLoader, createCoreLoaders, createLedgerLoaders, createRegionLoaders } from './resolvers/loaders';
import { VolunteerProfileService } from './domain/volunteer-profile';

export function createServices(deps: ServiceDeps, config: VolunteersConfig) {
  const stationRefs = new StationRefs(deps.ds);
  const pii = new VolunteerPii(config.pii);
  const volunteers = new VolunteerService(deps.ds, pii);
  const volunteerImport = new VolunteerImportService(deps.ds, volunteers);
  const profiles = new VolunteerProfileService(deps.ds, pii);
  const memberships = new MembershipService(deps.ds);
  const timeBank = new TimeBankService(deps.ds, config.timeBank, config.starThresholds);
  const activities = new ActivityService(deps.ds);
  const records = new RecordService(deps.ds, timeBank);
  const stats = new StatsService(deps.ds);
  const duty = new DutyService(deps.ds);
  const trainings = new TrainingService(deps.ds);
  const pairings = new PairingService(deps.ds);
  const certificates = new CertificateService(deps.ds);
  const demands = new DemandService(deps.ds);
  const regionTrends = new RegionTrendsService(deps.ds);
  const search = new VolunteerSearchService(deps.ds, pii);
  return { regionTrends, search, deps, config, stationRefs, volunteers, volunteerImport, profiles, memberships, timeBank, activities, records, stats, duty, trainings, pairings, certificates, demands };
}

export type Services = ReturnType<typeof createServices>;

export interface VolunteersContext extends RequestContext, Services {
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(s: Services, sub: string | null) {
  return { myAttendance: createAttendanceLoader(s.activities, sub), ...createCoreLoaders(s.stationRefs, s.volunteers, s.memberships), ...createLedgerLoaders(s.deps, s.activities, s.records, s.stats, s.duty, s.stationRefs, s.trainings), ...createListLoaders(s), ...createRegionLoaders(s.regionTrends) };
}

/** Services are cheap wrappers over the data source; loaders are new per request. */
const cache = new WeakMap<ServiceDeps, Services>();

export function createContext(base: RequestContext, deps: ServiceDeps, config: VolunteersConfig): VolunteersContext {
  let services = cache.get(deps);
  if (!services) cache.set(deps, (services = createServices(deps, config)));
  return { ...base, ...services, loaders: createLoaders(services, base.user?.sub ?? null) };
}
