import {
  createPhoneProofVerifier,
  serviceGraphClient,
  systemClock as kitClock,
  type AuthConfig,
  type RequestContext,
  type ServiceDeps,
} from '@leifeng/kit';
import type { Queue } from 'bullmq';
import { readAccreditationConfig, type AccreditationConfig } from './config';
import { systemClock, type Clock } from './domain/dates';
import type { StationFactsSource } from './domain/facts';
import { FormPhoneCipher } from './domain/application-privacy';
import { ObjectorPhoneCipher } from './domain/objector-privacy';
import { PublicObjectionService } from './services/public-objection-service';
import { GraphFactsSource } from './services/graph-facts-source';
import { loadHolidayCalendar } from './services/holiday-calendar-file';
import { createReviewQueue, enqueueRun } from './jobs/review-queue';
import { createLoaders, type Loaders } from './resolvers/loaders';
import type { AccreditationServices } from './service-set';
import { ApplicationService } from './services/application-service';
import { CampaignService } from './services/campaign-service';
import { ComplianceService } from './services/compliance-service';
import { InspectionService } from './services/inspection-service';
import { NoticeService } from './services/notice-service';
import { ReviewService } from './services/review-service';
import { SandboxService } from './services/sandbox-service';
import { TitleService } from './services/title-service';
import { TitleSeriesService } from './services/title-series';

export type { AccreditationServices };

export interface AccreditationContext extends RequestContext, AccreditationServices {
  loaders: Loaders;
}

export interface ModuleOptions {
  clock?: Clock;
  factsSource?: StationFactsSource;
  env?: Record<string, string | undefined>;
}

/** The station facts read through the gateway: SERVICE_TOKEN, else a token signed with the service's auth settings (with iss/aud). */
export function factsSourceFrom(
  config: AccreditationConfig,
  auth: Pick<AuthConfig, 'secret' | 'issuer' | 'audience'>,
): StationFactsSource {
  return new GraphFactsSource(
    serviceGraphClient(auth, {
      url: config.gatewayUrl,
      token: config.serviceToken,
      subject: 'accreditation',
    }),
  );
}

/** Services over one data source; shared by API requests and the worker. */
export function buildServices(
  deps: ServiceDeps,
  opts: ModuleOptions,
  enqueue: (runId: string) => Promise<void>,
): AccreditationServices {
  const clock = opts.clock ?? systemClock;
  const config = readAccreditationConfig(opts.env ?? process.env);
  const facts = opts.factsSource ?? factsSourceFrom(config, deps.config.auth);
  const inspections = new InspectionService(deps.ds, clock);
  const notices = new NoticeService(deps.ds, clock, loadHolidayCalendar(config.holidayCalendarFile));
  const objectors = new ObjectorPhoneCipher(config.pii);
  // Identity signs proofs on the platform clock (kit systemClock, sandbox offset shared by all), not on an
  // injected business clock of this module: verify on the same one.
  const proofs = createPhoneProofVerifier(deps.config.auth, kitClock);
  return {
    publicObjections: new PublicObjectionService(deps.ds, clock, notices, proofs, objectors),
    objectors,
    clock,
    campaign: new CampaignService(deps.ds, clock),
    applications: new ApplicationService(deps.ds, clock, new FormPhoneCipher(config.pii)),
    inspections,
    notices,
    titles: new TitleService(deps.ds, clock, notices),
    titleSeries: new TitleSeriesService(deps.ds),
    reviews: new ReviewService(deps.ds, clock, enqueue),
    compliance: new ComplianceService(deps.ds, clock, facts, inspections),
    sandbox: new SandboxService(deps),
  };
}

/** Built once per process (keyed by its deps), then shared by every request. */
export function contextFactory(opts: ModuleOptions) {
  const perProcess = new WeakMap<ServiceDeps, AccreditationServices>();
  return (base: RequestContext, deps: ServiceDeps): AccreditationContext => {
    let services = perProcess.get(deps);
    if (!services) {
      let queue: Queue | undefined;
      const enqueue = async (runId: string) => {
        // Shares the API's Redis connection, which the kit closes on shutdown.
        queue ??= createReviewQueue(deps.redis, deps.config.bullPrefix);
        await enqueueRun(queue, runId);
      };
      services = buildServices(
        deps,
        {
          ...opts,
          env: opts.env ?? {
            ...process.env,
            JWT_SECRET: deps.config.auth.secret,
          },
        },
        enqueue,
      );
      perProcess.set(deps, services);
    }
    return { ...base, ...services, loaders: createLoaders(services) };
  };
}
