import type { ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from './config';
import { ActivityService } from './services/activity-service';
import { CertificateService } from './services/certificate-service';
import { DemandService } from './services/demand-service';
import { DonationRecipients } from './services/donation-recipient';
import { DutyService } from './services/duty-service';
import { PairingService } from './services/pairing-service';
import { TrainingService } from './services/training-service';
import { MembershipService } from './services/membership-service';
import { RecordService } from './services/record-service';
import { StatsService } from './services/stats-service';
import { RegionTrendsService } from './services/region-trends-service';
import { TimeBankService } from './services/timebank-service';
import { VolunteerPii } from './domain/pii';
import { StationRefs } from './services/station-ref';
import { VolunteerService } from './services/volunteer-service';
import { VolunteerProfileService } from './services/volunteer-profile';
import { VolunteerImportService } from './services/volunteer-import';
import { VolunteerSearchService } from './services/volunteer-search';

/** The per-process services over one data source (context.ts caches them per deps). */
export function buildServices(deps: ServiceDeps, config: VolunteersConfig) {
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
  const donationRecipients = new DonationRecipients(deps.ds, pii, deps.redis, deps.config.bullPrefix);
  return {
    regionTrends,
    search,
    donationRecipients,
    volunteerImport,
    deps,
    config,
    stationRefs,
    volunteers,
    profiles,
    memberships,
    timeBank,
    activities,
    records,
    stats,
    duty,
    trainings,
    pairings,
    certificates,
    demands,
  };
}

export type VolunteersServices = ReturnType<typeof buildServices>;
