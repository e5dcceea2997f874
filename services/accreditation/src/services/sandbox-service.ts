import {
  advanceSandboxOffset,
  assertAllowed,
  currentSandboxOffset,
  DomainError,
  requireUser,
  restoreSandboxOffset,
  systemClock,
  type AuthUser,
  type ServiceDeps,
} from '@leifeng/kit';

export interface AdvanceInput {
  /** The DateTime scalar hands a Date; callers in code may pass ISO text. */
  to?: Date | string | null;
  days?: number | null;
  hours?: number | null;
  minutes?: number | null;
}

const MAX_AHEAD_MS = 50 * 366 * 24 * 3600 * 1000;

/**
 * The sandbox clock through the graph (SANDBOX=true deployments only): a province admin reads it and
 * moves it forward. The offset is written to Postgres (durable, with who and when) and then to Redis,
 * which every process of every service reads (kit sandbox-clock.ts).
 */
export class SandboxService {
  constructor(private readonly deps: ServiceDeps) {}

  get enabled(): boolean {
    return this.deps.config.sandbox;
  }

  /** Puts the durable offset back into Redis if Redis lost it (start, and every read). */
  async restore(): Promise<void> {
    if (!this.enabled) return;
    const [last] = await this.deps.ds.query(
      `SELECT offset_ms::text AS "offsetMs" FROM sandbox_clock_change ORDER BY id DESC LIMIT 1`,
    );
    if (last) await restoreSandboxOffset(this.deps.redis, this.deps.config.bullPrefix, Number(last.offsetMs));
  }

  async state() {
    await this.restore();
    const changes = this.enabled
      ? await this.deps.ds.query(
          `SELECT offset_ms::text AS "offsetMs", sandbox_from AS "from", sandbox_to AS "to", advanced_by AS "advancedBy", advanced_at AS "advancedAt" FROM sandbox_clock_change ORDER BY id`,
        )
      : [];
    return {
      enabled: this.enabled,
      now: systemClock.now(),
      offsetMs: String(currentSandboxOffset()),
      changes,
    };
  }

  async advance(user: AuthUser | undefined, input: AdvanceInput) {
    requireUser(user);
    assertAllowed(user, !!user?.roles.includes('PROVINCE_ADMIN'), '只有省级管理员可以调整演练时钟');
    if (!this.enabled) throw new DomainError('SANDBOX_DISABLED', '当前不是演练环境（SANDBOX），平台时间不能调整');
    const parts = [input.days, input.hours, input.minutes].filter((v) => v !== null && v !== undefined) as number[];
    if ((input.to ? 1 : 0) + (parts.length ? 1 : 0) !== 1)
      throw new DomainError('INVALID_INPUT', '请给出目标时间（to）或向前调整的天数、小时数、分钟数之一', {
        field: 'to',
      });
    if (parts.some((v) => !Number.isInteger(v) || v < 0))
      throw new DomainError('INVALID_NUMBER', '天数、小时数、分钟数应为非负整数', { field: 'days' });
    await this.restore();
    const from = systemClock.now();
    const to = input.to
      ? new Date(input.to)
      : new Date(from.getTime() + (((input.days ?? 0) * 24 + (input.hours ?? 0)) * 60 + (input.minutes ?? 0)) * 60000);
    if (Number.isNaN(to.getTime()) || to.getTime() <= from.getTime())
      throw new DomainError('CLOCK_BACKWARDS', `演练时钟只能向前调整（当前为 ${from.toISOString()}）`, {
        field: 'to',
        now: from.toISOString(),
      });
    const offset = currentSandboxOffset() + (to.getTime() - from.getTime());
    if (offset > MAX_AHEAD_MS)
      throw new DomainError('INVALID_NUMBER', '演练时钟最多比真实时间提前 50 年', { field: 'to' });
    await this.deps.ds.query(
      `INSERT INTO sandbox_clock_change (offset_ms, sandbox_from, sandbox_to, advanced_by) VALUES ($1,$2,$3,$4)`,
      [offset, from, to, user!.sub],
    );
    await advanceSandboxOffset(this.deps.redis, this.deps.config.bullPrefix, offset);
    return this.state();
  }
}
