/** Labels of the campaign pages (values as the graph spells them). */
export const OBJECTION_STATUS: Record<string, string> = {
  OPEN: '待处理',
  UPHELD: '异议成立',
  DISMISSED: '异议不成立',
};
export const OBJECTION_COLOR: Record<string, string> = {
  OPEN: 'orange',
  UPHELD: 'red',
  DISMISSED: 'green',
};
export const OUTCOME: Record<string, string> = {
  PASS: '通过',
  RECTIFY: '限期整改',
  FAIL: '不通过（摘牌）',
};
export const OUTCOME_COLOR: Record<string, string> = {
  PASS: 'green',
  RECTIFY: 'orange',
  FAIL: 'red',
};
export const RUN_STATUS: Record<string, string> = {
  PENDING: '排队中',
  RUNNING: '进行中',
  COMPLETED: '已完成',
};
export const TITLE_STATUS: Record<string, string> = {
  ACTIVE: '有效',
  REVOKED: '已摘牌',
};
export const APPEAL_STATUS: Record<string, string> = {
  OPEN: '待处理',
  GRANTED: '已恢复称号',
  DENIED: '已驳回',
};
export const RECTIFICATION_STATUS: Record<string, string> = {
  OPEN: '整改中',
  MET: '已整改',
  UNMET: '未整改',
};
export const HISTORY_ACTION: Record<string, string> = {
  CONFERRED: '命名',
  REVOKED: '摘牌',
  APPEALED: '提出申诉',
  REINSTATED: '恢复称号',
  APPEAL_DENIED: '申诉驳回',
};
export const INSPECTION_KIND: Record<string, string> = {
  ACCEPTANCE: '评审验收',
  SPOT_CHECK: '抽查暗访',
};
export const EVENT_TYPE: Record<string, string> = {
  'review.run.progressed': '复核进度',
  'review.completed': '复核结果',
  'title.revoked': '摘牌',
  'title.reinstated': '恢复称号',
  'title.conferred': '命名',
  'rectification.ordered': '整改通知',
};
