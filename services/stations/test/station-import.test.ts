/**
 * Issue 16, officers' station import: the XLSX template's rows are all checked before anything is
 * written; every bad row is reported with its row number and reason, and such a file writes nothing.
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { startTestSubgraph, tokenFor, gql, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import { stationsModule } from '../src/module';
import { CREATE, stationInput } from './fixtures';

let svc: TestSubgraph;
let db: Client;
let changshaAdmin: string;

const IMPORT = typedQuery<{
  importStations: { count: number; stations: { name: string; category: string }[] };
}>(`mutation I($b: String!) {
  importStations(contentBase64: $b) {
    count stations { id name category regionCode leader { name phone } unitHeadcount establishedOn }
  }
}`);
const HEADER = [
  '站点名称*',
  '类别*',
  '依托单位*',
  '行政区划代码*',
  '地址*',
  '邮政编码',
  '负责人姓名*',
  '负责人电话*',
  '服务热线',
  '单位人数',
  '建站日期',
];

async function xlsx(rows: unknown[][], header = HEADER): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('站点');
  ws.addRow(header);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const good = (name: string, region = '430102') => [
  name,
  '城乡社区',
  '某街道办事处',
  region,
  '长沙市某路 1 号',
  '410011',
  '王芳',
  '13900001111',
  '0731-84560000',
  30,
  '2020-05-01',
];

async function counts() {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM stations)::int AS stations, (SELECT count(*) FROM outbox)::int AS events`,
  );
  return rows[0] as { stations: number; events: number };
}

beforeAll(async () => {
  svc = await startTestSubgraph(stationsModule);
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  changshaAdmin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
  });
});

afterAll(async () => {
  await db?.end();
  await svc?.stop();
});

describe('importStations', () => {
  it('reports every bad row with its number and reason and writes nothing', async () => {
    const existing = await gql(
      svc.url,
      CREATE,
      { input: stationInput({ name: '已登记的服务站' }) },
      { token: changshaAdmin },
    );
    expect(existing.errors).toBeUndefined();
    const before = await counts();
    const file = await xlsx([
      good('五一路学雷锋志愿服务站'),
      ['坏行', '游乐场', '', '430102', '长沙市某路 2 号', '', '李', '12345', '', 'abc', '2020-13-01'], // row 3: many problems
      [], // blank rows are skipped, numbering still follows the sheet
      good('株洲某服务站', '430202'), // row 5: outside the officer's region
      good('五一路学雷锋志愿服务站'), // row 6: duplicate of row 2
      good('已登记的服务站'), // row 7: taken in the region
      good('不存在地区服务站', '439999'), // row 8
    ]);
    const res = await gql(svc.url, IMPORT, { b: file }, { token: changshaAdmin });
    expect(res.data?.importStations ?? null).toBeNull();
    const err = res.errors![0];
    expect(err.extensions?.code).toBe('IMPORT_INVALID_ROWS');
    expect(err.extensions?.rows).toEqual([3, 5, 6, 7, 8]);
    expect(err.message).toContain('第 3、5、6、7、8 行');
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
    ).toEqual(
      [
        'INVALID_CATEGORY',
        'INVALID_DATE',
        'INVALID_LENGTH',
        'INVALID_LENGTH',
        'INVALID_NUMBER',
        'INVALID_PHONE',
        'REQUIRED',
      ].sort(),
    );
    expect(byRow(3).find((e) => e.code === 'INVALID_CATEGORY')).toMatchObject({
      field: 'row3.category',
      message: expect.stringMatching(/^第 3 行：类别「游乐场」无效/),
    });
    expect(byRow(5)).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'row5.regionCode' })]);
    expect(byRow(6)).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_STATION_NAME',
        message: expect.stringContaining('与第 2 行重复'),
      }),
    ]);
    expect(byRow(7)).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_STATION_NAME',
        field: 'row7.name',
      }),
    ]);
    expect(byRow(8)).toEqual([
      expect.objectContaining({
        code: 'REGION_NOT_FOUND',
        field: 'row8.regionCode',
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('writes every row of a good file in one go, with a station.created event each', async () => {
    const before = await counts();
    const file = await xlsx([
      good('东屯渡学雷锋志愿服务站'),
      [...good('马王堆学雷锋志愿服务站').slice(0, 1), 'SCHOOL', ...good('x').slice(2)],
    ]);
    const res = await gql(svc.url, IMPORT, { b: file }, { token: changshaAdmin });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importStations.count).toBe(2);
    expect(
      res.data!.importStations.stations.map((s: { name: string; category: string }) => [s.name, s.category]),
    ).toEqual([
      ['东屯渡学雷锋志愿服务站', 'COMMUNITY'],
      ['马王堆学雷锋志愿服务站', 'SCHOOL'],
    ]);
    expect(res.data!.importStations.stations[0]).toMatchObject({
      regionCode: '430102',
      unitHeadcount: 30,
      establishedOn: '2020-05-01',
      leader: { name: '王芳' },
    });
    expect(await counts()).toEqual({
      stations: before.stations + 2,
      events: before.events + 2,
    });
  });

  it('refuses files without the template columns, empty files and non-officers', async () => {
    const missing = await gql(svc.url, IMPORT, { b: await xlsx([['a']], ['站点名称']) }, { token: changshaAdmin });
    expect(missing.errors?.[0].extensions?.code).toBe('MISSING_COLUMN');
    const empty = await gql(svc.url, IMPORT, { b: await xlsx([]) }, { token: changshaAdmin });
    expect(empty.errors?.[0].extensions?.code).toBe('EMPTY_IMPORT');
    const junk = await gql(
      svc.url,
      IMPORT,
      { b: Buffer.from('not a workbook').toString('base64') },
      { token: changshaAdmin },
    );
    expect(junk.errors?.[0].extensions?.code).toBe('INVALID_FILE');
    const manager = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: '00000000-0000-4000-8000-000000000001',
    });
    const refused = await gql(svc.url, IMPORT, { b: await xlsx([good('某站')]) }, { token: manager });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
