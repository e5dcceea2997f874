import type { Clock } from './domain/dates';
import type { ApplicationService } from './services/application-service';
import type { CampaignService } from './services/campaign-service';
import type { ComplianceService } from './services/compliance-service';
import type { InspectionService } from './services/inspection-service';
import type { NoticeService } from './services/notice-service';
import type { PublicObjectionService } from './services/public-objection-service';
import type { ObjectorPhoneCipher } from './domain/objector-privacy';
import type { ReviewService } from './services/review-service';
import type { SandboxService } from './services/sandbox-service';
import type { TitleService } from './services/title-service';
import type { TitleSeriesService } from './services/title-series';

/** The per-process services (built in context.ts); the request context and the loaders read them. */
export interface AccreditationServices {
  clock: Clock;
  campaign: CampaignService;
  applications: ApplicationService;
  inspections: InspectionService;
  notices: NoticeService;
  publicObjections: PublicObjectionService;
  objectors: ObjectorPhoneCipher;
  titles: TitleService;
  titleSeries: TitleSeriesService;
  reviews: ReviewService;
  compliance: ComplianceService;
  sandbox: SandboxService;
}
