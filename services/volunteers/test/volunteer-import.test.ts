/**
 * Issue 16, station managers' volunteer import: every row of the XLSX template is checked before
 * anything is written; every bad row is reported with its number and reason and such a file writes nothing.
 */
import ExcelJS from 'exceljs';
import { gql, typedQuery } from '@leifeng/kit/testing';
import {
  mobile,
  registerMember,
  residentId,
  seedStation,
  startVolunteers,
  tokens,
  type VolunteersUnderTest,
} from './helpers';

let t: VolunteersUnderTest;
let stationId: string;

const IMPORT = typedQuery<{
  importVolunteers: { count: number; volunteers: { stations: unknown }[] };
}>(`mutation I($s: ID!, $b: String!) {
  importVolunteers(stationId: $s, contentBase64: $b) {
    count volunteers { id name gender birthDate politicalStatus skills phone piiMasked stations { role station { id } } }
  }
}`);
const HEADER = ['姓名*', '公民身份号码*', '手机号码*', '政治面貌*', '特长', '本站角色'];

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿者');
  ws.addRow(HEADER);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function counts() {
  const { rows } = await t.db.query(`SELECT (SELECT count(*) FROM volunteers)::int AS volunteers,
      (SELECT count(*) FROM memberships)::int AS members,
    (SELECT count(*) FROM outbox)::int AS events`);
  return rows[0] as { volunteers: number; members: number; events: number };
}

beforeAll(async () => {
  t = await startVolunteers();
  stationId = await seedStation(t);
});

afterAll(async () => {
  await t?.stop();
});

describe('importVolunteers', () => {
  it('reports every bad row with its number and reason and writes nothing', async () => {
    const takenPhone = mobile();
    await registerMember(t, stationId, { phone: takenPhone });
    const before = await counts();
    const dupId = residentId();
    const file = await xlsx([
      ['张三', residentId(), mobile(), '群众', '急救、维修', '志愿者'],
      ['李', '430102199013071234', '12345', '无党派', '', '站长'], // row 3: name, ID, phone, political status, role
      ['王五', dupId, mobile(), '共青团员'],
      ['赵六', dupId, mobile(), '共青团员'], // row 5: same ID as row 4
      ['钱七', residentId(), takenPhone, '中共党员'], // row 6: phone already registered
    ]);
    const res = await gql(t.svc.url, IMPORT, { s: stationId, b: file }, { token: await tokens.manager(stationId) });
    expect(res.data?.importVolunteers ?? null).toBeNull();
    const err = res.errors![0];
    expect(err.extensions?.code).toBe('IMPORT_INVALID_ROWS');
    expect(err.extensions?.rows).toEqual([3, 5, 6]);
    const byRow = (row: number) =>
      (
        err.extensions?.errors as {
          row: number;
          code: string;
          field: string;
          message: string;
        }[]
      ).filter((e) => e.row === row);
    expect(
      byRow(3)
        .map((e) => e.code)
        .sort(),
    ).toEqual(['INVALID_ID_NUMBER', 'INVALID_LENGTH', 'INVALID_PHONE', 'INVALID_POLITICAL_STATUS', 'INVALID_ROLE']);
    expect(byRow(3).find((e) => e.code === 'INVALID_ROLE')).toMatchObject({
      field: 'row3.role',
      message: expect.stringMatching(/^第 3 行：本站角色「站长」无效/),
    });
    expect(byRow(5)).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_ID_NUMBER',
        field: 'row5.idNumber',
        message: expect.stringContaining('与第 4 行重复'),
      }),
    ]);
    expect(byRow(6)).toEqual([expect.objectContaining({ code: 'DUPLICATE_PHONE', field: 'row6.phone' })]);
    expect(await counts()).toEqual(before);
  });

  it('registers every row of a good file and joins them to the station in one go', async () => {
    const before = await counts();
    const file = await xlsx([
      ['孙八', residentId('19850101', false), mobile(), '中共党员', '心理疏导、法律咨询', '专职管理员'],
      ['周九', residentId('20000202', true), mobile(), '共青团员'],
    ]);
    const res = await gql(t.svc.url, IMPORT, { s: stationId, b: file }, { token: await tokens.manager(stationId) });
    expect(res.errors).toBeUndefined();
    const out = res.data!.importVolunteers;
    expect(out.count).toBe(2);
    expect(out.volunteers[0]).toMatchObject({
      name: '孙八',
      gender: 'FEMALE',
      birthDate: '1985-01-01',
      politicalStatus: 'CPC_MEMBER',
      skills: ['心理疏导', '法律咨询'],
      piiMasked: true,
    });
    expect(out.volunteers[0].stations).toEqual([{ role: 'STAFF', station: { id: stationId } }]);
    expect(out.volunteers[1]).toMatchObject({
      name: '周九',
      gender: 'MALE',
      politicalStatus: 'CYL_MEMBER',
      stations: [{ role: 'VOLUNTEER', station: { id: stationId } }],
    });
    // Each person: volunteer.registered + membership.joined.
    expect(await counts()).toEqual({
      volunteers: before.volunteers + 2,
      members: before.members + 2,
      events: before.events + 4,
    });
  });

  it('refuses managers of another station before reading the file', async () => {
    const other = await seedStation(t);
    const res = await gql(
      t.svc.url,
      IMPORT,
      { s: stationId, b: 'not base64 at all!' },
      { token: await tokens.manager(other) },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
