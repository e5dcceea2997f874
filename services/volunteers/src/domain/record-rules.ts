import { DomainError } from '@leifeng/kit';
import { round2 } from './common';

export const MAX_DAY_HOURS = 24;

/** Interval checks that need no database: order, not in the future, at most 24 hours, hours within the interval. */
export function checkInterval(startedAt: Date, endedAt: Date | null, hours: number | null, now: Date): void {
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
