import { labelStationStatusesIn, zhLabels, type DomainEvent } from '@leifeng/kit';
import { fitParam } from './sms-templates';

export type AnnouncementCategory =
  'ACTIVITY_RECRUITMENT' | 'SERVICE_DEMAND' | 'TITLE_NEWS' | 'REVIEW_RESULT' | 'NOTICE';

interface PlannedAnnouncement {
  board: 'STATION' | 'REGION';
  title: string;
  body: string;
  category: AnnouncementCategory;
  pinned: boolean;
}

interface PlannedSms {
  recipient: { kind: 'STATION_LEADER' | 'VOLUNTEER'; id: string };
  template: string;
  params: Record<string, string>;
}

export interface FanoutPlan {
  announcements: PlannedAnnouncement[];
  sms: PlannedSms[];
  /** Event types pushed to GraphQL subscribers (reviewEvents). */
  live: boolean;
}

const LEVEL = zhLabels('titleLevel');
const OUTCOME = zhLabels('reviewOutcome');

const LIVE_EVENT_TYPES = /^(review|title|rectification|inspection)\./;

interface Payload {
  noticeId?: string;
  startsOn?: string;
  endsOn?: string;
  applicationIds?: string[];
  stationId?: string;
  regionCode?: string;
  level?: string;
  reason?: string;
  outcome?: string;
  deadline?: string;
}

/**
 * The rules: which channels an event reaches. Webhooks are not here: every event goes to the
 * agencies that subscribed to its type (and region).
 */
export function planFor(event: DomainEvent, stationName: string | null): FanoutPlan {
  const p = event.payload as Payload;
  const station = stationName ?? '贵站';
  const level = LEVEL[p.level ?? ''] ?? '';
  const live = LIVE_EVENT_TYPES.test(event.type);
  const leader = p.stationId ? { kind: 'STATION_LEADER' as const, id: p.stationId } : null;
  const plan: FanoutPlan = { announcements: [], sms: [], live };

  switch (event.type) {
    case 'title.revoked': {
      const reason =
        typeof p.reason === 'string' && p.reason.trim() ? labelStationStatusesIn(p.reason.trim()) : '复核未通过';
      const text = `经复核，${station}的${level}“雷锋号”称号予以撤销（摘牌）。原因：${reason}。`;
      plan.announcements.push(
        {
          board: 'STATION',
          title: `${level}“雷锋号”称号撤销公告`,
          body: text,
          category: 'TITLE_NEWS',
          pinned: true,
        },
        {
          board: 'REGION',
          title: `关于撤销${station}${level}“雷锋号”称号的公告`,
          body: text,
          category: 'TITLE_NEWS',
          pinned: false,
        },
      );
      if (leader)
        plan.sms.push({
          recipient: leader,
          template: 'TITLE_REVOKED',
          params: {
            station: fitParam(station),
            level: level || '“雷锋号”',
            reason: fitParam(reason),
          },
        });
      break;
    }
    case 'title.conferred': {
      const text = `热烈祝贺${station}获评${level}“雷锋号”称号！`;
      plan.announcements.push(
        {
          board: 'STATION',
          title: `喜获${level}“雷锋号”称号`,
          body: text,
          category: 'TITLE_NEWS',
          pinned: true,
        },
        {
          board: 'REGION',
          title: `${level}“雷锋号”命名公告`,
          body: text,
          category: 'TITLE_NEWS',
          pinned: false,
        },
      );
      if (leader)
        plan.sms.push({
          recipient: leader,
          template: 'TITLE_CONFERRED',
          params: { station: fitParam(station), level: level || '“雷锋号”' },
        });
      break;
    }
    case 'review.completed': {
      const outcome = OUTCOME[p.outcome ?? ''] ?? '已出结果';
      plan.announcements.push({
        board: 'STATION',
        title: '评审验收结果',
        body: `${station}的评审验收已完成，结果：${outcome}。`,
        category: 'REVIEW_RESULT',
        pinned: false,
      });
      if (leader)
        plan.sms.push({
          recipient: leader,
          template: 'REVIEW_COMPLETED',
          params: { station: fitParam(station), outcome },
        });
      break;
    }
    case 'rectification.ordered': {
      const deadline =
        typeof p.deadline === 'string' && /^\d{4}-\d{2}-\d{2}/.test(p.deadline) ? p.deadline.slice(0, 10) : '规定期限';
      plan.announcements.push({
        board: 'STATION',
        title: '整改通知',
        body: `${station}需在${deadline}前完成整改。`,
        category: 'REVIEW_RESULT',
        pinned: true,
      });
      if (leader)
        plan.sms.push({
          recipient: leader,
          template: 'RECTIFICATION_ORDERED',
          params: { station: fitParam(station), deadline },
        });
      break;
    }
    case 'notice.published': {
      // The 公示 goes on the board of the region that published it; its public page takes objections.
      const count = Array.isArray(p.applicationIds) ? p.applicationIds.length : 0;
      const window = `${p.startsOn ?? ''} 至 ${p.endsOn ?? ''}`;
      plan.announcements.push({
        board: 'REGION',
        title: `${level}“雷锋号”拟命名对象公示`,
        body:
          `现将${level}“雷锋号”拟命名对象（${count} 个）予以公示，公示期 ${window}。公示期内，任何单位和个人均可实名提出异议。` +
          `公示名单及异议入口：/publicity/${p.noticeId ?? ''}`,
        category: 'NOTICE',
        pinned: true,
      });
      break;
    }
    default:
      break;
  }
  if (!p.regionCode) plan.announcements = plan.announcements.filter((a) => a.board === 'STATION');
  if (!p.stationId) plan.announcements = plan.announcements.filter((a) => a.board === 'REGION');
  return plan;
}
