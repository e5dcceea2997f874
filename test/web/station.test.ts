/**
 * Station managers' and officers' pages of the web console (issue 16) in headless Chromium against the
 * real platform (stations + volunteers with their workers, the gateway serving the built app). Proves that
 *   - a station manager creates an activity with the form, prints its QR poster (the check-in URL), and
 *     verifies a volunteer's record of that activity ("本活动全部通过");
 *   - the ledger downloads through the gateway's origin and opens as XLSX (read back with exceljs);
 *   - the volunteer import: the template downloads from the page; a file with one bad row writes nothing
 *     and the page names the row and the reason; the corrected file writes every row;
 *   - the officers' station import behaves the same;
 *   - no console error or failed request on any page, no horizontal scroll at 1366×768 or 390×844.
 * The team, trainings, pairings, demands and points catalogue pages each have a real flow in station-more.test.ts.
 * Screenshots land in test-results/screenshots (git-ignored).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { gql, gqlData, tokenFor, waitFor, type TypedQuery, typedQuery } from '@leifeng/kit/testing';
import { createAccreditationModule } from '../../services/accreditation/src/module';
import { CREATE, stationInput } from '../../services/stations/test/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bothSizes, launchChromium, openWatched } from './watched-page';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');

let platform: TestPlatform;
let origin: string;
let browser: Browser;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
/** Accreditation reads compliance facts through the gateway, known only once the platform runs. */
const accEnv: Record<string, string | undefined> = { ...process.env };

function ok<T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  return gqlData(platform.url, query, variables, { token });
}

let idSeq = 500;
/** A valid GB 11643 number: 430102 + 19920408 + sequence + check digit. */
function residentId(): string {
  idSeq += 2;
  const body = `43010219920408${String(idSeq % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Every page is watched: console errors, page errors, failed requests and HTTP errors fail the test. */
const open = (token: string) => openWatched(browser, token, { acceptDownloads: true });

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: join(SHOTS, `station-${name}.png`),
    fullPage: true,
  });
}

/** Downloads a file the page offers and returns its bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return {
    bytes: readFileSync((await dl.path())!),
    name: dl.suggestedFilename(),
  };
}

/** The downloaded template with rows filled in below its header, as an upload. */
async function fillTemplate(template: Buffer, rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as never);
  const ws = wb.worksheets[0];
  rows.forEach((r, i) => {
    ws.getRow(i + 2).values = r as ExcelJS.CellValue[];
  });
  return {
    name: '导入.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

async function memberCount(): Promise<number> {
  const data = await ok<{ station: { members: unknown[] } }>(
    tokens.manager,
    `query($id: ID!) { station(id: $id) { members { id } } }`,
    { id: ids.station },
  );
  return data.station.members.length;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    execSync('node scripts/build-web.mjs', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers', 'accreditation'],
    modules: { accreditation: createAccreditationModule({ env: accEnv }) },
  });
  accEnv.GATEWAY_URL = platform.url;
  accEnv.JWT_SECRET = platform.subgraphs.accreditation.env.JWT_SECRET;
  origin = platform.url.replace(/\/graphql$/, '');
  tokens.city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-1',
  });
  ids.station = (
    await ok(tokens.city, CREATE, {
      input: stationInput({ name: '芙蓉区定王台学雷锋志愿服务站' }),
    })
  ).createStation.id;
  tokens.manager = await tokenFor({
    roles: ['STATION_MANAGER'],
    stationId: ids.station,
    sub: 'manager-1',
  });
  const register = typedQuery<{ registerVolunteer: { id: string } }>(
    `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
  );
  ids.volunteer = await waitFor(
    async () => {
      const res = await gql(
        platform.url,
        register,
        {
          input: {
            name: '雷小锋',
            phone: '13900000021',
            idNumber: residentId(),
            politicalStatus: 'CYL_MEMBER',
            stationId: ids.station,
          },
        },
        { token: tokens.manager },
      );
      return res.errors ? undefined : res.data!.registerVolunteer.id;
    },
    20000,
    'volunteers replica of the station',
  );
  await waitFor(
    async () =>
      !(
        await gql(
          platform.url,
          `query($id: ID!) { station(id: $id) { applications { id } } }`,
          { id: ids.station },
          { token: tokens.manager },
        )
      ).errors,
    20000,
    'accreditation replica',
  );
  browser = await launchChromium();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('station manager: activity, poster, verification, ledger', () => {
  it('creates an activity with the form and prints its sign-in poster (the check-in URL)', async () => {
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/activities`);
      await page.getByText('还没有活动').waitFor();
      await page.getByLabel('活动名称').fill('重阳敬老义诊');
      await page.getByLabel('类别').click();
      await page.getByTitle('关爱困难群体').click();
      await page.getByLabel('地点').fill('定王台社区活动室');
      // Yesterday morning (recorded afterwards, so its service can be recorded and verified now).
      const day = new Date(Date.now() - 86400000).toLocaleDateString('en-CA', {
        timeZone: 'Asia/Shanghai',
      });
      await page.getByLabel('开始时间').fill(`${day}T09:00`);
      await page.getByLabel('结束时间').fill(`${day}T11:30`);
      await page
        .getByRole('button', { name: '创 建' })
        .or(page.getByRole('button', { name: '创建' }))
        .click();
      await page.getByText('活动已创建').waitFor();
      await page.getByRole('cell', { name: '重阳敬老义诊' }).waitFor();
      const { station } = await ok<{
        station: { activities: { id: string; title: string; startsAt: string; signInCode: string }[] };
      }>(tokens.manager, `query($id: ID!) { station(id: $id) { activities { id title startsAt signInCode } } }`, {
        id: ids.station,
      });
      expect(station.activities).toHaveLength(1);
      expect(station.activities[0]).toMatchObject({
        title: '重阳敬老义诊',
        startsAt: new Date(`${day}T09:00:00+08:00`).toISOString(),
      });
      ids.activity = station.activities[0].id;
      ids.code = station.activities[0].signInCode;
      await bothSizes(page);
      await shot(page, 'activities');

      await page.getByRole('button', { name: '签到海报' }).click();
      await page.waitForURL(`**/my-station/activities/${ids.activity}/poster`);
      await page.getByTestId('poster-qr').locator('canvas').waitFor();
      expect(await page.getByTestId('sign-in-code').innerText()).toBe(ids.code);
      // The QR code a phone camera reads carries <origin>/checkin/<code>.
      const png = PNG.sync.read(await page.getByTestId('poster-qr').locator('canvas').screenshot());
      expect(jsQR(Uint8ClampedArray.from(png.data), png.width, png.height)?.data).toBe(`${origin}/checkin/${ids.code}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
      await shot(page, 'poster-print');
      await page.emulateMedia({ media: 'screen' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("verifies the volunteer's record of the activity and downloads the ledger as XLSX", async () => {
    const day = new Date(Date.now() - 86400000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Shanghai',
    });
    await ok(tokens.manager, `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id } }`, {
      i: {
        volunteerId: ids.volunteer,
        stationId: ids.station,
        activityId: ids.activity,
        activityName: '重阳敬老义诊',
        place: '定王台社区活动室',
        recipient: '社区老人',
        content: '量血压、健康咨询',
        startedAt: `${day}T09:00:00+08:00`,
        endedAt: `${day}T11:30:00+08:00`,
        recorder: '王记录',
      },
    });
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/activities`);
      await page.getByRole('button', { name: '服务记录' }).click();
      await page.waitForURL(`**/my-station/records?activity=${ids.activity}`);
      await page.getByRole('cell', { name: '雷小锋' }).waitFor();
      expect(await page.getByTestId('verify-activity').innerText()).toContain('1');
      await page.getByTestId('verify-activity').click();
      await page.getByText('已审核 1 条记录').waitFor();
      await page.locator('tr', { hasText: '雷小锋' }).getByText('已审核').waitFor();
      const { serviceRecords } = await ok<{ serviceRecords: unknown }>(
        tokens.manager,
        `query($id: ID!) { serviceRecords(stationId: $id) { status hours quality activity { id } } }`,
        { id: ids.station },
      );
      expect(serviceRecords).toEqual([
        {
          status: 'VERIFIED',
          hours: 2.5,
          quality: 'GOOD',
          activity: { id: ids.activity },
        },
      ]);
      await bothSizes(page);
      await shot(page, 'records-verified');

      await page.goto(`${origin}/my-station/ledger`);
      const file = await download(page, () =>
        page
          .getByRole('button', { name: '下 载' })
          .or(page.getByRole('button', { name: '下载' }))
          .first()
          .click(),
      );
      expect(file.name).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as never);
      expect(wb.worksheets.length).toBe(4);
      const cells = wb.worksheets.flatMap((ws) => {
        const out: string[] = [];
        ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
        return out;
      });
      expect(cells).toContain('雷小锋');
      expect(cells).toContain('重阳敬老义诊');
      await bothSizes(page);
      await shot(page, 'ledger');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('imports', () => {
  it('a volunteer file with one bad row writes nothing and names the row; the corrected file writes every row', async () => {
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/import`);
      const template = await download(page, () => page.getByTestId('download-template').click());
      expect(template.name).toBe('志愿者导入模板.xlsx');
      const before = await memberCount();
      const good1 = ['周晓梅', residentId(), '13900000031', '中共党员', '急救、心理疏导', '专职管理员'];
      const good2 = ['陈志远', residentId(), '13900000032', '共青团员', '维修', ''];
      const bad = ['王建国', '430102199213081235', '13900000033', '群众', '', ''];
      await page.locator('input[type=file]').setInputFiles(await fillTemplate(template.bytes, [good1, bad, good2]));
      await page.getByTestId('start-import').click();
      await page.getByTestId('import-failed').waitFor();
      const problemsTable = await page.getByTestId('row-problems').innerText();
      expect(problemsTable).toContain('3'); // the sheet's row 3
      expect(problemsTable).toContain('公民身份号码');
      expect(problemsTable).toMatch(/公民身份号码无效/);
      expect(await memberCount()).toBe(before);
      await bothSizes(page);
      await shot(page, 'import-volunteers-bad-row');

      await page.locator('input[type=file]').setInputFiles(await fillTemplate(template.bytes, [good1, good2]));
      await page.getByTestId('start-import').click();
      await page.getByTestId('import-done').waitFor();
      expect(await page.getByTestId('import-done').innerText()).toContain('共 2 条志愿者');
      expect(await memberCount()).toBe(before + 2);
      await shot(page, 'import-volunteers-done');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("an officer's station file with one bad row writes nothing; the corrected file writes every row", async () => {
    const { page, problems, context } = await open(tokens.city);
    const count = async () =>
      (
        await ok<{ stations: { totalCount: number } }>(
          tokens.city,
          `query { stations(filter: { regionCode: "430100" }) { totalCount } }`,
        )
      ).stations.totalCount;
    try {
      await page.goto(`${origin}/stations/import`);
      const template = await download(page, () => page.getByTestId('download-template').click());
      const before = await count();
      const row = (name: string, region = '430102') => [
        name,
        '城乡社区',
        '某街道办事处',
        region,
        '长沙市某路 1 号',
        '410011',
        '王芳',
        '13900001111',
        '',
        30,
        '2020-05-01',
      ];
      await page
        .locator('input[type=file]')
        .setInputFiles(
          await fillTemplate(template.bytes, [row('坡子街学雷锋志愿服务站'), row('外省服务站', '440103')]),
        );
      await page.getByTestId('start-import').click();
      await page.getByTestId('import-failed').waitFor();
      const text = await page.getByTestId('row-problems').innerText();
      expect(text).toContain('行政区划代码');
      expect(text).toMatch(/3\s+行政区划代码/);
      expect(await count()).toBe(before);
      await shot(page, 'import-stations-bad-row');
      await page
        .locator('input[type=file]')
        .setInputFiles(
          await fillTemplate(template.bytes, [row('坡子街学雷锋志愿服务站'), row('太平街学雷锋志愿服务站')]),
        );
      await page.getByTestId('start-import').click();
      await page.getByTestId('import-done').waitFor();
      expect(await count()).toBe(before + 2);
      await bothSizes(page);
      await shot(page, 'import-stations-done');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('station manager: profile, rota, certificates, application and the other pages', () => {
  it('edits the opening hours and facilities in the profile', async () => {
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/profile`);
      await page.getByTestId('opening-hours').waitFor();
      await page.getByLabel('站点名称').waitFor();
      await waitFor(async () => (await page.getByLabel('站点名称').inputValue()) !== '', 10000, 'profile loaded');
      const tuesday = page.getByTestId('opening-hours').locator('.ant-space', { hasText: '周二' }).first();
      await tuesday.getByRole('button', { name: '添加时段' }).click();
      await page.getByLabel('周二开始').fill('08:00');
      await page.getByLabel('周二结束').fill('12:00');
      await page
        .getByLabel('爱心雨伞')
        .check()
        .catch(() => undefined);
      await page.getByLabel('针线包').check();
      await page
        .getByRole('button', { name: '保 存' })
        .or(page.getByRole('button', { name: '保存' }))
        .click();
      await page.getByText('站点资料已保存').waitFor();
      const { station } = await ok<{ station: { openingHours: unknown[]; facilities: string[] } }>(
        tokens.manager,
        `query($id: ID!) { station(id: $id) { openingHours { weekday opens closes } facilities } }`,
        { id: ids.station },
      );
      expect(station.openingHours).toContainEqual({
        weekday: 'TUESDAY',
        opens: '08:00',
        closes: '12:00',
      });
      expect(station.facilities).toContain('SEWING_KIT');
      await bothSizes(page);
      await shot(page, 'profile');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('highlights uncovered opening hours in the rota until someone is on duty', async () => {
    // The rota reads the volunteers service's copy of the opening hours (station.updated, consumed by its worker).
    const nextMonday = (() => {
      const d = new Date(Date.now() + 8 * 3600000);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7);
      return d.toISOString().slice(0, 10);
    })();
    const coverage = typedQuery<{ station: { dutyCoverage: { openingSlotCount: number } } }>(
      `query($id: ID!, $w: Date!) { station(id: $id) { dutyCoverage(weekOf: $w) { openingSlotCount } } }`,
    );
    await waitFor(
      async () =>
        (await ok(tokens.manager, coverage, { id: ids.station, w: nextMonday })).station.dutyCoverage
          .openingSlotCount === 4,
      20000,
      'opening hours in the rota',
    );
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/duty`);
      await page.getByRole('button', { name: '下一周' }).click();
      await page.getByTestId('duty-summary').waitFor();
      await waitFor(
        async () => /个无人值班/.test(await page.getByTestId('duty-summary').innerText()),
        10000,
        'coverage of next week',
      );
      const before = await page.locator('tr.uncovered').count();
      expect(before).toBe(4); // Monday ×2, Tuesday (added above), Saturday
      const first = page.locator('tr.uncovered').first();
      await first.getByLabel('选择志愿者').click();
      await page.getByTitle('雷小锋').last().click();
      await first
        .getByRole('button', { name: '安 排' })
        .or(first.getByRole('button', { name: '安排' }))
        .click();
      await page.getByText('已安排值班').waitFor();
      await waitFor(async () => (await page.locator('tr.uncovered').count()) === before - 1, 10000, 'one slot covered');
      await bothSizes(page);
      await shot(page, 'duty');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('issues a certificate and downloads its PDF through the public /certificates proxy', async () => {
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/certificates`);
      await page.getByText('尚未出具证明').waitFor();
      await page.getByLabel('志愿者').click();
      await page.getByTitle('雷小锋').last().click();
      await page
        .getByRole('button', { name: '出 具' })
        .or(page.getByRole('button', { name: '出具' }))
        .click();
      await page.getByText(/已出具证明 ZYFW/).waitFor();
      await page.getByRole('cell', { name: /^ZYFW/ }).waitFor();
      const pdf = await download(page, () => page.getByRole('button', { name: '下载 PDF' }).click());
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      await bothSizes(page);
      await shot(page, 'certificates');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('prefills 附件2 from the station data and prints only the form', async () => {
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/application`);
      const sheet = page.getByTestId('form2-sheet');
      await sheet.waitFor();
      const text = await sheet.innerText();
      expect(text).toContain(stationInput().hostUnit);
      expect(text).toContain('有队伍：在册成员 3 人');
      expect(text).toContain('有活动：');
      await bothSizes(page);
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByText('我的申报').isVisible()).toBe(false);
      expect(await sheet.isVisible()).toBe(true);
      await shot(page, 'application-print');
      await page.emulateMedia({ media: 'screen' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('checks the station against a standard set, criterion by criterion', async () => {
    const { page, problems, context } = await open(tokens.manager);
    try {
      await page.goto(`${origin}/my-station/compliance`);
      await page.getByText(/（截至 \d{4}-\d{2}-\d{2}）/).waitFor({ timeout: 30000 });
      expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(3);
      expect(await page.locator('.ant-table-row .ant-tag').first().innerText()).toMatch(/达标|未达标|待评定/);
      await bothSizes(page);
      await shot(page, 'compliance');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
