/** Chinese names of roles for texts people read (SMS, messages). */
export const ROLE_LABEL: Record<string, string> = {
  PROVINCE_ADMIN: '省级管理员',
  CITY_ADMIN: '市级管理员',
  COUNTY_ADMIN: '县（区）级管理员',
  STATION_MANAGER: '站长',
  VOLUNTEER: '志愿者',
  INSPECTOR: '督导员',
  AGENCY: '合作单位',
};
