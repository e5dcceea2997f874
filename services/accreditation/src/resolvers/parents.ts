import type { ApplicationService } from '../services/application-service';
import type { TitleService } from '../services/title-service';
import type { ReviewService } from '../services/review-service';
import type { RunRow } from '../services/rows';

/** Parents that differ from the SDL's object types (codegen mappers in codegen.ts). */
export type ReviewRunParent = RunRow & { alreadyRun?: boolean };
export type ReviewConnectionParent = Awaited<ReturnType<ReviewService['reviewPage']>>;
export type ApplicationConnectionParent = Awaited<ReturnType<ApplicationService['todoPage']>>;
export type TitleConnectionParent = Awaited<ReturnType<TitleService['titlePage']>>;
