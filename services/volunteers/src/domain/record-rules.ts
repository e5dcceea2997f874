import { DomainError, systemClock } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';
import { round2, shanghaiDate } from './common';

const MAX_DAY_HOURS = 24;

/** Interval checks that need no database: order, not in the future, at most 24 hours, hours within the interval. */
export function checkInterval(
  startedAt: Date,
  endedAt: Date | null,
  hours: number | null,
  now = systemClock.now(),
): void {
  if (Number.isNaN(startedAt.getTime()) || (endedAt && Number.isNaN(endedAt.getTime())))
    throw new DomainError('INVALID_DATE', '服务时间格式不正确');
  if (startedAt > now || (endedAt && endedAt > now))
    throw new DomainError('FUTURE_TIME', '服务时间不能晚于当前时间', {
      field: endedAt && endedAt > now ? 'endedAt' : 'startedAt',
    });
  if (!endedAt) return;
  if (endedAt <= startedAt)
    throw new DomainError('INVALID_TIME_RANGE', '服务结束时间应晚于开始时间', {
      field: 'endedAt',
    });
  const span = (endedAt.getTime() - startedAt.getTime()) / 3600_000;
  if (span > MAX_DAY_HOURS)
    throw new DomainError('DAILY_LIMIT_EXCEEDED', '单条服务记录不能超过 24 小时', { field: 'endedAt' });
  if (hours !== null) {
    if (!(hours > 0))
      throw new DomainError('INVALID_HOURS', '服务时长应大于 0', {
        field: 'hours',
      });
    if (hours > round2(span) + 1e-9)
      throw new DomainError(
        'HOURS_EXCEED_DURATION',
        `服务时长（${hours} 小时）不能超过起止时间之差（${round2(span)} 小时），路途时间不计入`,
        { field: 'hours' },
      );
  }
}

/** Service hours of an interval when none are given: its span, to the hundredth. */
export const spanHours = (startedAt: Date, endedAt: Date) =>
  round2((endedAt.getTime() - startedAt.getTime()) / 3600_000);

/**
 * Rules against the person's other records (the caller holds the volunteer's row lock, so two requests
 * cannot both pass): no overlap with a pending or verified record (an open check-in runs until
 * check-out), and at most 24 hours per Asia/Shanghai day.
 */
export async function checkAgainstOthers(
  m: EntityManager,
  volunteerId: string,
  startedAt: Date,
  endedAt: Date | null,
  hours: number | null,
  excludeId?: string,
): Promise<void> {
  const [overlap] = await m.query(
    `SELECT id, activity_name AS name FROM service_records
      WHERE volunteer_id = $1 AND status IN ('PENDING', 'VERIFIED') AND id IS DISTINCT FROM $4::uuid
        AND tstzrange(started_at, ended_at) && tstzrange($2::timestamptz, $3::timestamptz) LIMIT 1`,
    [volunteerId, startedAt, endedAt, excludeId ?? null],
  );
  if (overlap)
    throw new DomainError('OVERLAPPING_RECORD', `与本人已有的服务记录「${overlap.name}」时间重叠`, {
      recordId: overlap.id,
    });
  if (hours === null) return;
  const day = shanghaiDate(startedAt);
  const [{ total }] = await m.query(
    `SELECT COALESCE(sum(hours), 0)::float AS total FROM service_records
      WHERE volunteer_id = $1 AND service_date = $2 AND status IN ('PENDING', 'VERIFIED') AND id IS DISTINCT FROM $3::uuid`,
    [volunteerId, day, excludeId ?? null],
  );
  if (total + hours > MAX_DAY_HOURS + 1e-9) {
    throw new DomainError(
      'DAILY_LIMIT_EXCEEDED',
      `${day} 当天服务时长合计将达 ${round2(total + hours)} 小时，超过 24 小时`,
      { field: 'hours', date: day },
    );
  }
}
