import {
  assertAllowed,
  DomainError,
  forbidden,
  offsetConnection,
  offsetWindow,
  recordEvent,
  regionCovers,
  regionPrefix,
  requireUser,
  zhLabel,
  type AuthUser,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertPhase, namingDate } from '../domain/cycle-calendar';
import { todayIn, type Clock } from '../domain/dates';
import type { FormPhoneCipher } from '../domain/application-privacy';
import { maySign, nextStage, stagesSignedBy, type Decision } from '../domain/endorsement-chain';
import { assertTitleHeld } from '../domain/naming';
import {
  assertCountyLimit,
  assertCountyMinimum,
  assertWithinProvincialQuota,
  cityOf,
  countyOf,
} from '../domain/quota-rules';
import { stagesFor } from '../domain/rule-profile';
import type { TitleLevel } from '../domain/standards';
import { validateForm, type ApplicationForm, type AttachmentInput } from './application-form';
import {
  COLS,
  requireApplication,
  requireCycle,
  stationRef,
  type ApplicationRow,
  type CycleRow,
  type EndorsementRow,
  type TitleRow,
} from './rows';

export const SOURCE = 'accreditation';

export interface SubmitInput {
  cycleId: string;
  stationId: string;
  level: TitleLevel;
  form: ApplicationForm;
  attachments?: AttachmentInput[] | null;
}

export interface EndorseInput {
  decision: Decision;
  comment: string;
  /** 事迹特别突出: not counted against the county's 2–3 recommendations. */
  outstanding?: boolean | null;
  /** Why it is outstanding (recorded with the signature; required with `outstanding`). */
  outstandingReason?: string | null;
}

function applicationPayload(a: ApplicationRow, extra: Record<string, unknown> = {}) {
  return {
    applicationId: a.id,
    stationId: a.stationId,
    regionCode: a.regionCode,
    cycleId: a.cycleId,
    level: a.level,
    ...extra,
  };
}

/** 申报 and the endorsement chain county → city → province. */
export class ApplicationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly forms: FormPhoneCipher,
  ) {}

  /** The stored form as `user` may read it (the leader phone unsealed, or masked). */
  formFor(user: AuthUser | undefined, app: ApplicationRow): Record<string, string> {
    return this.forms.formFor(user, app);
  }

  async submit(user: AuthUser | undefined, input: SubmitInput, requestId?: string): Promise<ApplicationRow> {
    requireUser(user);
    assertAllowed(
      user,
      !!user?.roles.includes('STATION_MANAGER') && user.stationId === input.stationId,
      '只有本站站长可以提交申报',
    );
    const form = validateForm(input.form, input.attachments ?? []);
    const today = todayIn(this.clock);
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, input.cycleId);
      // 先建站、再创号: the station exists, runs, and was established before applying.
      const station = await stationRef(m, input.stationId);
      if (!station)
        throw new DomainError('STATION_NOT_REGISTERED', '站点尚未在平台登记，须先建站再创号', {
          stationId: input.stationId,
        });
      await m.query(`SELECT id FROM station_ref WHERE id = $1 FOR UPDATE`, [station.id]);
      if (station.status !== 'ACTIVE')
        throw new DomainError(
          'STATION_NOT_ACTIVE',
          `站点当前状态为${zhLabel('stationStatus', station.status)}，须正常运行才能申报`,
        );
      if (!station.establishedOn || station.establishedOn > today)
        throw new DomainError(
          'STATION_NOT_ESTABLISHED',
          '站点尚未建成运行（缺少建站日期或建站日期晚于今天），须先建站再创号',
        );
      if (!regionCovers(cycle.issuingRegionCode, station.regionCode))
        throw new DomainError('STATION_OUT_OF_SCOPE', '站点不在本年度创建活动的地区范围内');
      if (!cycle.levels.includes(input.level))
        throw new DomainError('LEVEL_NOT_AWARDED', `本年度创建活动不评选${zhLabel('titleLevel', input.level)}雷锋号`, {
          field: 'level',
        });
      assertPhase(cycle.phases, 'apply', today);
      const open = await m.query(
        `SELECT id FROM application WHERE station_id = $1 AND cycle_id = $2 AND status IN ('SUBMITTED','RETURNED','CANDIDATE')`,
        [station.id, cycle.id],
      );
      if (open.length)
        throw new DomainError('DUPLICATE_APPLICATION', '该站点在本年度已有进行中的申报', { applicationId: open[0].id });
      const age = cycle.rules.titleAge;
      if (age.value && input.level === age.value.level)
        assertTitleHeld(await this.titlesOf(m, station.id), age.value, namingDate(cycle.phases), age.source);
      const stages = stagesFor(cycle.rules, input.level, station.category);
      const [{ id }] = await m.query(
        `INSERT INTO application (cycle_id, station_id, region_code, level, status, current_stage, stages, form, attachments, submitted_by, submitted_on)
         VALUES ($1,$2,$3,$4,'SUBMITTED',$5,$6,$7,$8,$9,$10) RETURNING id`,
        [
          cycle.id,
          station.id,
          station.regionCode,
          input.level,
          stages[0],
          JSON.stringify(stages),
          JSON.stringify(this.forms.seal(form)),
          JSON.stringify(input.attachments ?? []),
          user!.sub,
          today,
        ],
      );
      // The unit's own opinion (申报单位意见) is the first signature of the chain.
      await m.query(
        `INSERT INTO endorsement (application_id, stage, decision, comment, signer, signer_region, signed_at) VALUES ($1,'UNIT','RECOMMEND',$2,$3,NULL,$4)`,
        [id, form.unitOpinion, user!.sub, this.clock.now()],
      );
      const app = await requireApplication(m, id);
      await recordEvent(m, SOURCE, {
        type: 'application.submitted',
        aggregateType: 'Application',
        aggregateId: id,
        payload: applicationPayload(app, { stage: stages[0] }),
        requestId,
      });
      return app;
    });
  }

  /** After RETURN the manager edits and resubmits; it goes back to the stage that returned it. */
  async resubmit(
    user: AuthUser | undefined,
    id: string,
    rawForm: ApplicationForm,
    attachments: AttachmentInput[] | null | undefined,
    requestId?: string,
  ): Promise<ApplicationRow> {
    requireUser(user);
    const form = validateForm(rawForm, attachments ?? []);
    return this.ds.transaction(async (m) => {
      const app = await requireApplication(m, id, true);
      assertAllowed(
        user,
        !!user?.roles.includes('STATION_MANAGER') && user.stationId === app.stationId,
        '只有本站站长可以修改申报',
      );
      if (app.status !== 'RETURNED')
        throw new DomainError('APPLICATION_NOT_RETURNED', '只有被退回的申报可以修改后重新提交');
      const cycle = await requireCycle(m, app.cycleId);
      assertPhase(cycle.phases, 'endorse', todayIn(this.clock));
      await m.query(
        `UPDATE application SET status = 'SUBMITTED', form = $2, attachments = $3, updated_at = now() WHERE id = $1`,
        [id, JSON.stringify(this.forms.seal(form)), JSON.stringify(attachments ?? app.attachments)],
      );
      const saved = await requireApplication(m, id);
      await recordEvent(m, SOURCE, {
        type: 'application.submitted',
        aggregateType: 'Application',
        aggregateId: id,
        payload: applicationPayload(saved, {
          stage: saved.currentStage,
          resubmitted: true,
        }),
        requestId,
      });
      return saved;
    });
  }

  async endorse(
    user: AuthUser | undefined,
    id: string,
    input: EndorseInput,
    requestId?: string,
  ): Promise<ApplicationRow> {
    requireUser(user);
    if (!['RECOMMEND', 'RETURN', 'REJECT'].includes(input.decision))
      throw new DomainError('INVALID_DECISION', '审核意见只能是推荐、退回或不予推荐', { field: 'decision' });
    const comment = (input.comment ?? '').trim();
    if (!comment || comment.length > 2000)
      throw new DomainError('INVALID_LENGTH', '审核意见不能为空且不超过 2000 字', { field: 'comment' });
    return this.ds.transaction(async (m) => {
      const probe = await requireApplication(m, id);
      // Serialize endorsements of one cycle: county limits and city quotas are counted, then used.
      const cycle = await requireCycle(m, probe.cycleId, true);
      const app = await requireApplication(m, id, true);
      if (app.status !== 'SUBMITTED' || !app.currentStage)
        throw new DomainError('APPLICATION_NOT_PENDING', '该申报当前不在待审核状态');
      const stage = app.currentStage;
      if (!maySign(user, stage, app.regionCode))
        throw forbidden(
          `只有所辖${stage === 'COUNTY' ? '县（区）' : stage === 'CITY' ? '市（州）' : '省'}级创建工作领导小组可以签署本级意见`,
        );
      assertPhase(cycle.phases, 'endorse', todayIn(this.clock));
      const outstanding = !!input.outstanding;
      if (outstanding && stage !== 'COUNTY')
        throw new DomainError('INVALID_DECISION', '只有县级推荐可以标注事迹特别突出', { field: 'outstanding' });
      const reason = (input.outstandingReason ?? '').trim();
      if (outstanding && (!reason || reason.length > 1000))
        throw new DomainError('OUTSTANDING_REASON_REQUIRED', '标注事迹特别突出须写明理由（不超过 1000 字）', {
          field: 'outstandingReason',
        });
      if (!outstanding && reason)
        throw new DomainError('INVALID_DECISION', '只有标注事迹特别突出时才填写理由', { field: 'outstandingReason' });

      if (app.stages[app.stages.indexOf(stage) - 1] === 'COUNTY') await this.checkCountyMinimum(m, cycle, app);

      let status: ApplicationRow['status'];
      let current: ApplicationRow['currentStage'] = stage;
      let type = 'application.endorsed';
      if (input.decision === 'RECOMMEND') {
        if (stage === 'COUNTY') await this.checkCountyLimit(m, cycle, app, outstanding);
        if (stage === 'CITY' && app.level === 'PROVINCE' && cycle.rules.provincialQuota.value.enforced)
          await this.checkCityQuota(m, cycle, app);
        const next = nextStage(app.stages, stage);
        current = next;
        status = next ? 'SUBMITTED' : 'CANDIDATE';
      } else if (input.decision === 'RETURN') {
        status = 'RETURNED';
        type = 'application.returned';
      } else {
        status = 'REJECTED';
        current = null;
        type = 'application.rejected';
      }
      await m.query(
        `INSERT INTO endorsement (application_id, stage, decision, comment, outstanding, outstanding_reason, signer, signer_region, signed_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          id,
          stage,
          input.decision,
          comment,
          outstanding,
          reason || null,
          user!.sub,
          user!.regionCode ?? null,
          this.clock.now(),
        ],
      );
      await m.query(
        `UPDATE application SET status = $2, current_stage = $3, outstanding = outstanding OR $4, updated_at = now() WHERE id = $1`,
        [id, status, current, outstanding],
      );
      const saved = await requireApplication(m, id);
      await recordEvent(m, SOURCE, {
        type,
        aggregateType: 'Application',
        aggregateId: id,
        payload: applicationPayload(saved, {
          stage,
          decision: input.decision,
          nextStage: current,
          status,
        }),
        requestId,
      });
      return saved;
    });
  }

  private async checkCountyLimit(
    m: EntityManager,
    cycle: CycleRow,
    app: ApplicationRow,
    outstanding: boolean,
  ): Promise<void> {
    const rule = cycle.rules.countyRecommendation;
    if (rule.value.max === null) return;
    const exempt = outstanding && rule.value.outstandingExempt;
    const county = countyOf(app.regionCode);
    const [{ n }] = await m.query(
      `SELECT count(DISTINCT a.id)::int AS n FROM application a JOIN endorsement e ON e.application_id = a.id
        WHERE a.cycle_id = $1 AND a.region_code LIKE $2 AND a.status <> 'REJECTED' AND NOT (a.outstanding AND $3)
          AND e.stage = 'COUNTY' AND e.decision = 'RECOMMEND'`,
      [cycle.id, `${county}%`, rule.value.outstandingExempt],
    );
    assertCountyLimit(n, rule.value.max, exempt, county, rule.source);
  }

  /** The county's list reaches the city whole: see assertCountyMinimum. */
  private async checkCountyMinimum(m: EntityManager, cycle: CycleRow, app: ApplicationRow): Promise<void> {
    const rule = cycle.rules.countyRecommendation;
    if (rule.value.min === null) return;
    const county = countyOf(app.regionCode);
    // Applications that go up past the county (a county-level one ends there); rejected by the county: not a candidate.
    const [{ candidates, recommended }] = await m.query(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM endorsement r WHERE r.application_id = a.id AND r.stage = 'COUNTY'
                                                   AND r.decision = 'REJECT' AND NOT r.superseded))::int AS candidates,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM endorsement e WHERE e.application_id = a.id AND e.stage = 'COUNTY'
                                               AND e.decision = 'RECOMMEND' AND NOT e.superseded))::int AS recommended
         FROM application a
        WHERE a.cycle_id = $1 AND a.region_code LIKE $2 AND a.stages->>0 = 'COUNTY' AND jsonb_array_length(a.stages) > 1`,
      [cycle.id, `${county}%`],
    );
    assertCountyMinimum(recommended, rule.value.min, candidates, county, rule.source);
  }

  private async checkCityQuota(m: EntityManager, cycle: CycleRow, app: ApplicationRow): Promise<void> {
    const city = cityOf(app.regionCode);
    const [quota] = await m.query(
      // FOR SHARE: setQuota (FOR UPDATE) waits for this forward to commit before it counts the use.
      `SELECT amount FROM quota WHERE cycle_id = $1 AND region_code = $2 AND level = 'PROVINCE' FOR SHARE`,
      [cycle.id, city],
    );
    const [{ n }] = await m.query(
      `SELECT count(DISTINCT a.id)::int AS n FROM application a JOIN endorsement e ON e.application_id = a.id
        WHERE a.cycle_id = $1 AND a.level = 'PROVINCE' AND a.region_code LIKE $2 AND a.status <> 'REJECTED'
          AND e.stage = 'CITY' AND e.decision = 'RECOMMEND'`,
      [cycle.id, `${city.slice(0, 4)}%`],
    );
    assertWithinProvincialQuota(n, quota ? quota.amount : null, city);
  }

  private titlesOf(m: EntityManager, stationId: string): Promise<TitleRow[]> {
    return m.query(`SELECT ${COLS.title} FROM title WHERE station_id = $1`, [stationId]);
  }

  // Reads
  async byId(user: AuthUser | undefined, id: string): Promise<ApplicationRow | null> {
    requireUser(user);
    try {
      return await requireApplication(this.ds.manager, id);
    } catch (err) {
      // Only a missing (or malformed) id reads as "not found"; a database failure is an error.
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  byStations(ids: readonly string[]): Promise<ApplicationRow[]> {
    return this.ds.query(
      `SELECT ${COLS.application} FROM application WHERE station_id = ANY($1::uuid[]) ORDER BY created_at DESC`,
      [ids],
    );
  }

  /**
   * 待我审核: SUBMITTED applications of every cycle whose current stage the caller signs, in the caller's
   * region (maySign's rule, in SQL), oldest first.
   */
  async todoPage(
    user: AuthUser | undefined,
    page: { first?: number | null; after?: string | null; offset?: number | null },
  ) {
    requireUser(user);
    const w = offsetWindow(page);
    const stages = stagesSignedBy(user);
    const where = `status = 'SUBMITTED' AND current_stage = ANY($1::text[]) AND region_code LIKE $2`;
    const params = [stages, user?.regionCode ? `${regionPrefix(user.regionCode)}%` : null];
    if (!stages.length || !params[1]) return offsetConnection<ApplicationRow>([], w, () => Promise.resolve(0));
    const rows: ApplicationRow[] = await this.ds.query(
      `SELECT ${COLS.application} FROM application WHERE ${where} ORDER BY submitted_on, created_at, id OFFSET $3 LIMIT $4`,
      [...params, w.offset, w.first + 1],
    );
    return offsetConnection(rows, w, async () => {
      const [{ c }] = await this.ds.query(`SELECT count(*)::int AS c FROM application WHERE ${where}`, params);
      return c as number;
    });
  }

  byCycle(cycleId: string, level?: TitleLevel | null, status?: string | null): Promise<ApplicationRow[]> {
    return this.ds.query(
      `SELECT ${COLS.application} FROM application WHERE cycle_id = $1 AND ($2::text IS NULL OR level = $2) AND ($3::text IS NULL OR status = $3) ORDER BY created_at`,
      [cycleId, level ?? null, status ?? null],
    );
  }

  endorsements(applicationIds: readonly string[]): Promise<EndorsementRow[]> {
    return this.ds.query(
      `SELECT ${COLS.endorsement} FROM endorsement WHERE application_id = ANY($1::uuid[])
       ORDER BY signed_at, array_position(ARRAY['UNIT','COUNTY','CITY','PROVINCE']::text[], stage::text), id`,
      [applicationIds],
    );
  }
}
