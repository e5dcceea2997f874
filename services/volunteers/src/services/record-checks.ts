import { DomainError } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';
import { round2, shanghaiDate } from '../domain/common';
import { MAX_DAY_HOURS } from '../domain/record-rules';

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
