/**
 * The one map from the schema's enum values to the Chinese words people read (SMS, notice boards,
 * review reasons, ledger exports, error messages). User-facing text never shows a raw enum name:
 * `zhLabel` answers a neutral word for a value it does not know.
 */
export const ZH_LABELS = {
  stationStatus: {
    ACTIVE: '正常运行',
    SUSPENDED: '暂停服务',
    CLOSED: '已关闭',
  },
  volunteerStatus: {
    ACTIVE: '在册',
    SUSPENDED: '暂停服务',
    WITHDRAWN: '已退出',
  },
  titleLevel: { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' },
  regionLevel: {
    PROVINCE: '省级',
    CITY: '市级',
    COUNTY: '县（区）级',
    TOWNSHIP: '乡镇（街道）级',
  },
  reviewOutcome: {
    PASS: '通过',
    PASSED: '通过',
    FAIL: '未通过',
    FAILED: '未通过',
    RECTIFY: '限期整改',
    RECTIFICATION: '限期整改',
  },
  announcementCategory: {
    ACTIVITY_RECRUITMENT: '活动招募',
    SERVICE_DEMAND: '服务需求',
    TITLE_NEWS: '称号动态',
    REVIEW_RESULT: '评审结果',
    NOTICE: '通知',
  },
  weekday: {
    MONDAY: '周一',
    TUESDAY: '周二',
    WEDNESDAY: '周三',
    THURSDAY: '周四',
    FRIDAY: '周五',
    SATURDAY: '周六',
    SUNDAY: '周日',
  },
  serviceRecordStatus: {
    PENDING: '待核实',
    VERIFIED: '已核实',
    REJECTED: '已退回',
    REVERSED: '已冲正',
  },
  serviceQuality: {
    EXCELLENT: '优秀',
    GOOD: '良好',
    FAIR: '合格',
    POOR: '不合格',
  },
  memberRole: { LEADER: '负责人', STAFF: '专职管理员', VOLUNTEER: '志愿者' },
  pairingKind: {
    ONE_TO_ONE: '一助一',
    MANY_TO_ONE: '多助一',
    ONE_TO_MANY: '一助多',
  },
} as const satisfies Record<string, Record<string, string>>;

export type LabelKind = keyof typeof ZH_LABELS;

/** The Chinese label of an enum value; `未知` (never the raw name) for a value the map lacks. */
export function zhLabel(kind: LabelKind, value: string | null | undefined): string {
  const labels = ZH_LABELS[kind] as Record<string, string>;
  return (value != null && Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : undefined) ?? '未知';
}

/** The labels of one kind as a plain lookup table (for code that indexes a map). */
export function zhLabels(kind: LabelKind): Readonly<Record<string, string>> {
  return ZH_LABELS[kind];
}

/**
 * Text written before labels were used (e.g. a revocation reason "站点状态为 SUSPENDED" in an event
 * already in flight): station statuses named in it are replaced by their labels.
 */
export function labelStationStatusesIn(text: string): string {
  return text.replace(/ ?\b(ACTIVE|SUSPENDED|CLOSED)\b/g, (_m, v: string) => zhLabel('stationStatus', v));
}
