/**
 * People read Chinese labels, never enum names (issue 11, point 12c): the SMS and the public notices
 * of a revocation whose reason names a station status (as accreditation wrote it before the labels),
 * and every level and outcome they mention.
 */
import type { DomainEvent } from '@leifeng/kit';
import { planFor } from '../src/domain/fanout-rules';
import { render, templateOf } from '../src/domain/sms-templates';

const event = (type: string, payload: Record<string, unknown>): DomainEvent =>
  ({
    id: 'e',
    type,
    source: 'accreditation',
    aggregateType: 'Title',
    aggregateId: 't',
    payload: { stationId: 's', regionCode: '430102', ...payload },
    occurredAt: '2026-10-15T00:00:00Z',
  }) as DomainEvent;

const texts = (e: DomainEvent) => {
  const plan = planFor(e, '东风站');
  return [
    ...plan.announcements.flatMap((a) => [a.title, a.body]),
    ...plan.sms.map((s) => render(templateOf(s.template), s.params)),
  ];
};
const RAW_ENUM = /[A-Z]{3,}/;

describe('user-facing texts of review events', () => {
  it.each(['SUSPENDED', 'CLOSED'])(
    'a revocation because the station is %s reads in Chinese in the SMS and both notices',
    (status) => {
      const all = texts(
        event('title.revoked', {
          level: 'CITY',
          reason: `站点状态为 ${status}`,
        }),
      );
      expect(all).toHaveLength(5); // two notices (title and body each) and the SMS
      for (const t of all) expect(t).not.toMatch(RAW_ENUM);
      expect(all.join('\n')).toContain(status === 'SUSPENDED' ? '暂停服务' : '已关闭');
      expect(all.join('\n')).toContain('市级');
    },
  );

  it.each([
    ['title.conferred', { level: 'PROVINCE' }, '省级'],
    ['review.completed', { outcome: 'RECTIFY' }, '限期整改'],
    ['review.completed', { outcome: 'FAIL' }, '未通过'],
  ])('%s %o reads %s', (type, payload, word) => {
    const all = texts(event(type, payload));
    expect(all.length).toBeGreaterThan(0);
    for (const t of all) expect(t).not.toMatch(RAW_ENUM);
    expect(all.join('\n')).toContain(word);
  });
});

describe('a published 公示', () => {
  it('goes on the region board only, pinned, in Chinese, with its window and public page', () => {
    const e = {
      ...event('notice.published', {}),
      payload: {
        noticeId: 'n-1',
        level: 'CITY',
        regionCode: '430100',
        startsOn: '2026-10-12',
        endsOn: '2026-10-16',
        applicationIds: ['a', 'b'],
      },
    } as DomainEvent;
    const plan = planFor(e, null);
    expect(plan.sms).toEqual([]);
    expect(plan.announcements).toEqual([
      expect.objectContaining({
        board: 'REGION',
        category: 'NOTICE',
        pinned: true,
        title: '市级“雷锋号”拟命名对象公示',
      }),
    ]);
    expect(plan.announcements[0].body).toContain('（2 个）');
    expect(plan.announcements[0].body).toContain('公示期 2026-10-12 至 2026-10-16');
    expect(plan.announcements[0].body).toContain('/publicity/n-1');
    expect(plan.announcements[0].body.replace('/publicity/n-1', '')).not.toMatch(RAW_ENUM);
  });
});
