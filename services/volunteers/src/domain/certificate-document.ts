import { shanghaiToday } from '@leifeng/kit';
import { maskName } from './common';

export interface CertificateRecordLine {
  serviceDate: string;
  activityName: string;
  content: string;
  hours: number;
}

/**
 * The content of a 志愿服务记录证明 as 《志愿服务记录与证明出具办法（试行）》(民政部令第67号) and
 * 民发〔2015〕149号 describe it: who (name, masked ID number), which organization issues it, the service
 * period and verified hours, the record items it covers, its number and date, a place for the seal and a
 * QR code that opens the public check. Pure: the PDF and the public page render what this returns.
 */
export interface CertificateDocument {
  title: string;
  number: string;
  holderName: string;
  maskedIdNumber: string;
  issuer: string;
  periodFrom: string | null;
  periodTo: string | null;
  totalHours: number;
  statement: string;
  items: { date: string; activity: string; content: string; hours: string }[];
  issuedOn: string;
  sealLabel: string;
  verifyUrl: string;
  revoked: boolean;
}

const formatHours = (hours: number) => (Math.round(hours * 100) / 100).toFixed(2).replace(/\.?0+$/, '');

/** 2026-03-05 → 2026年3月5日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function certificateDocument(input: {
  number: string;
  holderName: string;
  maskedIdNumber: string;
  stationName: string;
  totalHours: number;
  issuedAt: Date;
  revokedAt: Date | null;
  records: CertificateRecordLine[];
  verifyUrl: string;
}): CertificateDocument {
  const dates = input.records.map((r) => r.serviceDate).sort();
  const periodFrom = dates[0] ?? null;
  const periodTo = dates[dates.length - 1] ?? null;
  const hours = formatHours(input.totalHours);
  const period =
    periodFrom && periodTo
      ? periodFrom === periodTo
        ? `于${chineseDate(periodFrom)}`
        : `于${chineseDate(periodFrom)}至${chineseDate(periodTo)}期间`
      : '';
  return {
    title: '志愿服务记录证明',
    number: input.number,
    holderName: input.holderName,
    maskedIdNumber: input.maskedIdNumber,
    issuer: input.stationName,
    periodFrom,
    periodTo,
    totalHours: input.totalHours,
    statement: `兹证明 ${input.holderName}（公民身份号码：${input.maskedIdNumber}）${period}在${input.stationName}参加志愿服务，经本组织核实，累计志愿服务时间 ${hours} 小时。服务记录明细如下。`,
    items: input.records.map((r) => ({
      date: r.serviceDate,
      activity: r.activityName,
      content: r.content,
      hours: formatHours(r.hours),
    })),
    issuedOn: chineseDate(shanghaiToday(input.issuedAt)),
    sealLabel: '出具组织（盖章）',
    verifyUrl: input.verifyUrl,
    revoked: !!input.revokedAt,
  };
}

/** What the public check shows: no personal data beyond a masked name. */
export function publicCheck(doc: CertificateDocument, holderName: string) {
  return {
    state: doc.revoked ? ('REVOKED' as const) : ('VALID' as const),
    number: doc.number,
    maskedName: maskName(holderName),
    issuer: doc.issuer,
    periodFrom: doc.periodFrom,
    periodTo: doc.periodTo,
    totalHours: formatHours(doc.totalHours),
    issuedOn: doc.issuedOn,
  };
}
