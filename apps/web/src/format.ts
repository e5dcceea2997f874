import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import { inShanghai } from './shanghai';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const TZ = 'Asia/Shanghai';
export const fmtDate = (v?: string | null) => (!v ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : inShanghai(v).date);
export const fmtDateTime = (v?: string | null) => {
  if (!v) return '—';
  const s = inShanghai(v);
  return `${s.date} ${s.time}`;
};
export const fmtInt = (n?: number | null) => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN'));
export const fmtHours = (n?: number | null) =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString('zh-CN', {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      });

export const STATION_CATEGORY: Record<string, string> = {
  COMMUNITY: '城乡社区',
  CULTURAL_FACILITY: '文化场馆',
  ENTERPRISE: '企业',
  GOVERNMENT: '机关单位',
  PARK_SCENIC: '公园景区',
  RESIDENTIAL_POINT: '居民点',
  SCHOOL: '中小学校',
  SERVICE_WINDOW: '服务窗口',
  TOWNSHIP: '乡镇（街道）',
  UNIVERSITY: '高校',
};
export const STATION_STATUS: Record<string, string> = {
  ACTIVE: '运行中',
  SUSPENDED: '暂停',
  CLOSED: '已关闭',
};
export const STATUS_COLOR: Record<string, string> = {
  ACTIVE: 'green',
  SUSPENDED: 'orange',
  CLOSED: 'default',
};
export const TITLE_LEVEL: Record<string, string> = {
  COUNTY: '县级',
  CITY: '市级',
  PROVINCE: '省级',
};
/** One colour per level everywhere (charts and tags). */
export const LEVEL_COLOR: Record<string, string> = {
  COUNTY: '#52c41a',
  CITY: '#1677ff',
  PROVINCE: '#cf1322',
};
export const STAGE: Record<string, string> = {
  UNIT: '申报单位',
  COUNTY: '县级',
  CITY: '市级',
  PROVINCE: '省级',
};
export const APPLICATION_STATUS: Record<string, string> = {
  SUBMITTED: '审核中',
  RETURNED: '已退回',
  REJECTED: '未通过',
  CANDIDATE: '拟命名',
  NAMED: '已命名',
};
export const DECISION: Record<string, string> = {
  RECOMMEND: '同意推荐',
  RETURN: '退回修改',
  REJECT: '不予推荐',
};
export const PHASE: Record<string, string> = {
  DEPLOYMENT: '部署发动',
  PREPARATION: '创建准备',
  APPLICATION: '申报',
  CULTIVATION: '培育',
  REVIEW: '评审',
  NAMING: '命名',
};
export const PHASE_ORDER = ['DEPLOYMENT', 'PREPARATION', 'APPLICATION', 'CULTIVATION', 'REVIEW', 'NAMING'] as const;
export const REGION_LEVEL: Record<string, string> = {
  PROVINCE: '省',
  CITY: '市',
  COUNTY: '县（区）',
  TOWNSHIP: '乡镇（街道）',
};
export const CRITERION_STATUS: Record<string, string> = {
  MET: '达标',
  NOT_MET: '未达标',
  NOT_JUDGED: '待评定',
};
export const CRITERION_KIND: Record<string, string> = {
  AUTOMATIC: '系统核验',
  EVIDENCE: '材料佐证',
  INSPECTION: '实地检查',
};
export const ACTIVITY_CATEGORY: Record<string, string> = {
  CENTRAL_WORK: '中心工作',
  CIVILITY: '文明实践',
  CONVENIENCE: '便民服务',
  CULTURAL: '文化服务',
  KEY_YOUTH: '重点青少年',
  OTHER: '其他',
  PUBLIC_AFFAIRS: '公共事务',
  VULNERABLE_GROUPS: '关爱困难群体',
};
export const RECORD_STATUS: Record<string, string> = {
  PENDING: '待审核',
  VERIFIED: '已审核',
  REJECTED: '已驳回',
  REVERSED: '已冲正',
};
export const QUALITY: Record<string, string> = {
  EXCELLENT: '优秀',
  GOOD: '良好',
  FAIR: '一般',
  POOR: '较差',
};
export const FACILITY: Record<string, string> = {
  ACCESSIBILITY_AIDS: '助残设施',
  DRINKING_WATER: '饮用水',
  FIRST_AID: '急救药箱',
  OTHER: '其他',
  PHONE_CHARGING: '手机充电',
  REST_AREA: '休息区',
  SEWING_KIT: '针线包',
  STATIONERY: '文具',
  UMBRELLA: '爱心雨伞',
};
export const WEEKDAY: Record<string, string> = {
  MONDAY: '周一',
  TUESDAY: '周二',
  WEDNESDAY: '周三',
  THURSDAY: '周四',
  FRIDAY: '周五',
  SATURDAY: '周六',
  SUNDAY: '周日',
};
export const label = (map: Record<string, string>, v?: string | null) => (v ? (map[v] ?? v) : '—');
