import { zhLabels } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { VolunteerPii } from '../domain/pii';

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  title: string;
  header: string[];
  rows(): AsyncGenerator<Cell[]>;
}

/** The sort key and id every paged ledger query selects first. */
interface KeyedRow {
  _k: unknown;
  id: string;
}
interface RecordLedgerRow extends KeyedRow {
  name: string;
  id_number_enc: string;
  activity_name: string | null;
  service_date: string;
  place: string | null;
  recipient: string | null;
  content: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  hours: number;
  quality: string | null;
  activity_leader: string | null;
  recorder: string | null;
  status: string;
  decided_by: string | null;
  decided_at: Date | null;
  reversal_reason: string | null;
  corrects_id: string | null;
}
interface VolunteerLedgerRow extends KeyedRow {
  volunteer_id: string;
  name: string;
  gender: string;
  birth_date: string | null;
  phone_enc: string;
  id_number_enc: string;
  political_status: string | null;
  skills: string[];
  role: string;
  joined_on: string;
  left_on: string | null;
  hours: number;
}
interface ActivityLedgerRow extends KeyedRow {
  title: string;
  category: string;
  starts_at: Date | null;
  ends_at: Date | null;
  place: string | null;
  description: string | null;
  photos: number;
  capacity: number | null;
  signups: number;
  status: string;
}
interface PairingLedgerRow extends KeyedRow {
  kind: string;
  beneficiaries: { name: string }[];
  started_on: string;
  ended_on: string | null;
  note: string | null;
  volunteers: string | null;
}

const BATCH = 500;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const STATUS_ZH = zhLabels('serviceRecordStatus');
const QUALITY_ZH = zhLabels('serviceQuality');
const ROLE_ZH = zhLabels('memberRole');
const PAIRING_ZH = zhLabels('pairingKind');

/** Pages a keyset-ordered query: `sql` receives $1 station, $2/$3 the last sort key and id, $4 the batch size. */
async function* paged<T extends KeyedRow>(
  ds: DataSource,
  sql: string,
  stationId: string,
  firstKey: unknown,
): AsyncGenerator<T> {
  let key: unknown = firstKey;
  let id = ZERO_UUID;
  for (;;) {
    const rows: T[] = await ds.query(sql, [stationId, key, id, BATCH]);
    for (const r of rows) yield r;
    if (rows.length < BATCH) return;
    key = rows[rows.length - 1]._k;
    id = rows[rows.length - 1].id;
  }
}

/**
 * The station ledger (台账) as sheets: service records in the art. 7 fields, the volunteer files,
 * activities and pairings. Rows are read in batches and written as they come (nothing held whole).
 * Phone and ID number follow the masking rule: whole only for admins covering the station.
 */
export function ledgerSheets(
  ds: DataSource,
  pii: VolunteerPii,
  stationId: string,
  fullPii: boolean,
): Record<string, Sheet> {
  const show = (field: 'phone' | 'idNumber', enc: string) => {
    const clear = pii.decrypt(field, enc);
    return fullPii ? clear : VolunteerPii.mask(field, clear);
  };
  return {
    records: {
      name: 'records',
      title: '服务记录',
      header: [
        '记录编号',
        '志愿者姓名',
        '公民身份号码',
        '活动名称',
        '服务日期',
        '服务地点',
        '服务对象',
        '服务内容',
        '开始时间',
        '结束时间',
        '服务时长（小时）',
        '服务质量评价',
        '活动负责人',
        '记录人',
        '状态',
        '核实人',
        '核实时间',
        '冲正原因',
        '更正的记录',
      ],
      async *rows() {
        const sql = `SELECT r.id, r.started_at AS _k, v.name, v.id_number_enc, r.activity_name, r.service_date::text AS service_date, r.place, r.recipient, r.content,
                            r.started_at, r.ended_at, r.hours::float8 AS hours, r.quality, r.activity_leader, r.recorder, r.status, r.decided_by, r.decided_at,
                            r.reversal_reason, r.corrects_id
                       FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id
                      WHERE r.station_id = $1 AND (r.started_at, r.id) > ($2::timestamptz, $3::uuid) ORDER BY r.started_at, r.id LIMIT $4`;
        for await (const r of paged<RecordLedgerRow>(ds, sql, stationId, '-infinity')) {
          yield [
            r.id,
            r.name,
            show('idNumber', r.id_number_enc),
            r.activity_name,
            r.service_date,
            r.place,
            r.recipient,
            r.content,
            iso(r.started_at),
            iso(r.ended_at),
            r.hours,
            r.quality ? QUALITY_ZH[r.quality] : null,
            r.activity_leader,
            r.recorder,
            STATUS_ZH[r.status],
            r.decided_by,
            iso(r.decided_at),
            r.reversal_reason,
            r.corrects_id,
          ];
        }
      },
    },
    volunteers: {
      name: 'volunteers',
      title: '志愿者档案',
      header: [
        '志愿者编号',
        '姓名',
        '性别',
        '出生日期',
        '手机号码',
        '公民身份号码',
        '政治面貌',
        '特长',
        '角色',
        '加入日期',
        '离站日期',
        '本站累计核实时长（小时）',
      ],
      async *rows() {
        const sql = `SELECT ms.id, ms.joined_on::text AS _k, v.id AS volunteer_id, v.name, v.gender, v.birth_date::text AS birth_date, v.phone_enc, v.id_number_enc,
                            v.political_status, v.skills, ms.role, ms.joined_on::text AS joined_on, ms.left_on::text AS left_on,
                            (SELECT COALESCE(sum(r.hours), 0)::float8 FROM service_records r WHERE r.volunteer_id = v.id AND r.station_id = ms.station_id AND r.status = 'VERIFIED') AS hours
                       FROM memberships ms JOIN volunteers v ON v.id = ms.volunteer_id
                      WHERE ms.station_id = $1 AND (ms.joined_on, ms.id) > ($2::date, $3::uuid) ORDER BY ms.joined_on, ms.id LIMIT $4`;
        for await (const r of paged<VolunteerLedgerRow>(ds, sql, stationId, '0001-01-01')) {
          yield [
            r.volunteer_id,
            r.name,
            r.gender === 'MALE' ? '男' : '女',
            r.birth_date,
            show('phone', r.phone_enc),
            show('idNumber', r.id_number_enc),
            (
              {
                CPC_MEMBER: '中共党员',
                CYL_MEMBER: '共青团员',
                OTHER: '其他',
              } as Record<string, string>
            )[r.political_status as string] ?? r.political_status,
            r.skills.join('、'),
            ROLE_ZH[r.role],
            r.joined_on,
            r.left_on,
            r.hours,
          ];
        }
      },
    },
    activities: {
      name: 'activities',
      title: '活动记录',
      header: [
        '活动编号',
        '活动名称',
        '类别',
        '开始时间',
        '结束时间',
        '地点',
        '内容',
        '照片数',
        '招募人数',
        '报名人数',
        '状态',
      ],
      async *rows() {
        const sql = `SELECT a.id, a.starts_at AS _k, a.title, a.category, a.starts_at, a.ends_at, a.place, a.description, jsonb_array_length(a.photos) AS photos, a.capacity,
                            (SELECT count(*)::int FROM activity_signups s WHERE s.activity_id = a.id) AS signups, a.status
                       FROM activities a WHERE a.station_id = $1 AND (a.starts_at, a.id) > ($2::timestamptz, $3::uuid) ORDER BY a.starts_at, a.id LIMIT $4`;
        for await (const r of paged<ActivityLedgerRow>(ds, sql, stationId, '-infinity')) {
          yield [
            r.id,
            r.title,
            r.category,
            iso(r.starts_at),
            iso(r.ends_at),
            r.place,
            r.description,
            r.photos,
            r.capacity,
            r.signups,
            r.status === 'CANCELLED' ? '已取消' : '正常',
          ];
        }
      },
    },
    pairings: {
      name: 'pairings',
      title: '结对帮扶',
      header: ['结对编号', '结对方式', '志愿者', '服务对象', '开始日期', '结束日期', '备注'],
      async *rows() {
        const sql = `SELECT p.id, p.started_on::text AS _k, p.kind, p.beneficiaries, p.started_on::text AS started_on, p.ended_on::text AS ended_on, p.note,
                            (SELECT string_agg(v.name, '、' ORDER BY v.name) FROM volunteers v WHERE v.id = ANY(p.volunteer_ids)) AS volunteers
                       FROM pairings p WHERE p.station_id = $1 AND (p.started_on, p.id) > ($2::date, $3::uuid) ORDER BY p.started_on, p.id LIMIT $4`;
        for await (const r of paged<PairingLedgerRow>(ds, sql, stationId, '0001-01-01')) {
          yield [
            r.id,
            PAIRING_ZH[r.kind],
            r.volunteers,
            r.beneficiaries.map((b) => b.name).join('、'),
            r.started_on,
            r.ended_on,
            r.note,
          ];
        }
      },
    },
  };
}
