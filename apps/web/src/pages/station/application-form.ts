import { FACILITY, WEEKDAY } from '../../format';

const DAY_ORDER = Object.keys(WEEKDAY);

export interface StationFacts {
  name: string;
  hostUnit: string;
  address: string;
  postalCode?: string | null;
  leader: { name: string; phone: string };
  hotline?: string | null;
  openingHours: { weekday: string; opens: string; closes: string }[];
  facilities: string[];
  serviceItems: { name: string }[];
  stats?: {
    memberCount: number;
    leaderCount: number;
    staffCount: number;
    activeVolunteerCount: number;
    verifiedHours: number;
    activityCount: number;
    monthsWithActivity: number[];
  } | null;
  year: number;
}

export interface FormValues {
  unitName: string;
  address: string;
  postalCode: string;
  leaderName: string;
  leaderPhone: string;
  situation: string;
  practices: string;
  plan: string;
  unitOpinion: string;
}

/** 附件2 prefilled from the station's data: the "八个有" situation written from the platform's facts. */
export function prefill(s: StationFacts): FormValues {
  const st = s.stats;
  const facilities = s.facilities.map((f) => FACILITY[f] ?? f).join('、');
  const hours = [...s.openingHours]
    .sort((a, b) => DAY_ORDER.indexOf(a.weekday) - DAY_ORDER.indexOf(b.weekday) || a.opens.localeCompare(b.opens))
    .map((o) => `${WEEKDAY[o.weekday] ?? o.weekday} ${o.opens}–${o.closes}`)
    .join('，');
  const lines = [
    `有标识：${s.name}。`,
    st
      ? `有队伍：在册成员 ${st.memberCount} 人，${s.year} 年参与服务 ${st.activeVolunteerCount} 人，` +
        `累计服务 ${st.verifiedHours.toFixed(1)} 小时。`
      : '有队伍：',
    `有场地：${s.address}${hours ? `；开放时间 ${hours}` : ''}${facilities ? `；便民设施：${facilities}` : ''}。`,
    `有机构：依托${s.hostUnit}，负责人 ${s.leader.name}${st ? `，队伍中负责人 ${st.leaderCount} 名、专职管理员 ${st.staffCount} 名` : ''}。`,
    '有制度：志愿者招募注册、培训、评价激励、联络调度、信息发布等制度。',
    '有台账：纸质台账与本平台电子台账（志愿者档案、服务记录、活动记录、结对帮扶）。',
    `有平台：通过本平台发布供需信息和服务档案${s.hotline ? `，服务热线 ${s.hotline}` : ''}。`,
    st
      ? `有活动：${s.year} 年开展活动 ${st.activityCount} 次，` +
        `覆盖 ${st.monthsWithActivity.length} 个月（${st.monthsWithActivity.join('、')} 月）。`
      : '有活动：',
  ];
  return {
    unitName: s.hostUnit,
    address: s.address,
    postalCode: s.postalCode ?? '',
    leaderName: s.leader.name,
    leaderPhone: s.leader.phone,
    situation: lines.join('\n'),
    practices: s.serviceItems.length ? `主要服务项目：${s.serviceItems.map((i) => i.name).join('、')}。` : '',
    plan: '',
    unitOpinion: '',
  };
}
