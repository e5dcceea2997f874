import type { ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from './config';
import { ActivityService } from './domain/activity-service';
import { CertificateService } from './domain/certificate-service';
import { DemandService } from './domain/demand-service';
import { DonationRecipients } from './domain/donation-recipient';
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
import { VolunteerService } from './domain/volunteer-service';
import { VolunteerProfileService } from './domain/volunteer-profile';
import { VolunteerImportService } from './domain/volunteer-import';
import { VolunteerSearchService } from './domain/volunteer-search';

/** The per-process services over one data source (context.ts caches them per deps). */
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

export type Services = ReturnType<typeof createServices>;
