/**
 * The web console (apps/web) in headless Chromium against the real platform: four subgraphs with their
 * workers, the gateway serving the built app at / on a random port. Proves that
 *   - an officer's dashboard shows the graph's numbers for the region;
 *   - a province officer opens a cycle with the form (quota table prefilled from the 2012 template), county
 *     and city officers endorse or return applications from their to-do lists, and the city publishes the 公示;
 *   - stations list/detail with compliance, a station manager's activities (QR poster), bulk verify and
 *     the ledger download (XLSX through the gateway's origin);
 *   - no console error or failed request on any page, no horizontal scroll at 1366×768 or 390 wide.
 * Screenshots land in test-results/screenshots (git-ignored).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { gql, gqlData, tokenFor, waitFor, type TypedQuery, typedQuery } from '@leifeng/kit/testing';
import { createAccreditationModule } from '../../services/accreditation/src/module';
import { CREATE, stationInput } from '../../services/stations/test/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { launchChromium, noHorizontalScroll, openWatched } from './watched-page';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const YEAR = new Date().getFullYear();

/** The accreditation clock (phases follow it); the other services use the real one. */
let now = new Date(`${YEAR}-07-05T02:00:00Z`);
const at = (shanghaiDate: string) => (now = new Date(`${shanghaiDate}T10:00:00+08:00`));
const accEnv: Record<string, string | undefined> = { ...process.env };

let platform: TestPlatform;
let origin: string;
let browser: Browser;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

function ok<T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  return gqlData(platform.url, query, variables, { token });
}

const form = (unit: string) => ({
  unitName: unit,
  address: '长沙市芙蓉区文艺路 88 号',
  postalCode: '410011',
  leaderName: '张雷',
  leaderPhone: '13812341234',
  situation: '对照“八个有”逐项达标。',
  practices: '每月组织志愿服务活动，结对帮扶。',
  plan: '创建计划：'.padEnd(1800, '志'),
  unitOpinion: '同意申报。',
});

let idSeq = 200;
function residentId(): string {
  // 430102 + 19900307 + sequence + check digit (GB 11643).
  idSeq += 2;
  const body = `43010219900307${String(idSeq % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Every page of a test is watched: console errors, page errors, failed requests and HTTP errors fail it. */
/** Every page is watched (signed in with a token, signed out with null); downloads are accepted. */
const open = (token: string | null, viewport = { width: 1366, height: 768 }) =>
  openWatched(browser, token, { viewport, acceptDownloads: true });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    execSync('npm run build -w apps/web', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers', 'accreditation', 'notifications'],
    modules: {
      accreditation: createAccreditationModule({
        clock: { now: () => now },
        env: accEnv,
      }),
    },
  });
  // Compliance facts are read through the gateway (known only now).
  accEnv.GATEWAY_URL = platform.url;
  accEnv.JWT_SECRET = platform.subgraphs.accreditation.env.JWT_SECRET;
  origin = platform.url.replace(/\/graphql$/, '');

  tokens.province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
    sub: 'province-1',
  });
  tokens.city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-1',
  });
  tokens.county = await tokenFor({
    roles: ['COUNTY_ADMIN'],
    regionCode: '430102',
    sub: 'county-1',
  });
  for (const [key, name, category] of [
    ['A', '芙蓉区文艺路学雷锋志愿服务站', 'COMMUNITY'],
    ['B', '芙蓉区五一广场学雷锋志愿服务站', 'SERVICE_WINDOW'],
    ['C', '芙蓉区长郡中学学雷锋志愿服务站', 'SCHOOL'],
  ] as const) {
    const created = await ok(tokens.city, CREATE, {
      input: stationInput({ name, category }),
    });
    ids[key] = created.createStation.id;
    tokens[key] = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: ids[key],
      sub: `manager-${key}`,
    });
  }
  await ok(tokens.city, `mutation($id: ID!) { updateStation(id: $id, input: { status: SUSPENDED }) { id } }`, {
    id: ids.C,
  });

  // Volunteers at A (the volunteers replica learns of A from stations' outbox), one verified record, one pending.
  const register = typedQuery<{ registerVolunteer: { id: string } }>(
    `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
  );
  const v1 = await waitFor(
    async () => {
      const res = await gql(
        platform.url,
        register,
        {
          input: {
            name: '雷小锋',
            phone: '13900000011',
            idNumber: residentId(),
            politicalStatus: 'CYL_MEMBER',
            stationId: ids.A,
          },
        },
        { token: tokens.city },
      );
      return res.errors ? undefined : res.data!.registerVolunteer.id;
    },
    20000,
    'volunteers replica of station A',
  );
  const v2 = (
    await ok(tokens.city, register, {
      input: {
        name: '李春梅',
        phone: '13900000012',
        idNumber: residentId(),
        politicalStatus: 'CPC_MEMBER',
        stationId: ids.A,
      },
    })
  ).registerVolunteer.id;
  const record = typedQuery<{ recordService: { id: string } }>(
    `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id } }`,
  );
  const rec = (v: string, day: string) => ({
    volunteerId: v,
    stationId: ids.A,
    activityName: '社区助老',
    place: '芙蓉区五一社区',
    recipient: '独居老人',
    content: '上门陪护、代购药品',
    startedAt: `${YEAR}-${day}T09:00:00+08:00`,
    endedAt: `${YEAR}-${day}T12:30:00+08:00`,
    activityLeader: '张雷',
    recorder: '李记录',
  });
  const r1 = (await ok(tokens.A, record, { i: rec(v1, '03-05') })).recordService.id;
  await ok(tokens.A, `mutation($id: ID!) { verifyServiceRecord(id: $id, quality: GOOD) { id } }`, { id: r1 });
  ids.pending1 = (await ok(tokens.A, record, { i: rec(v2, '03-06') })).recordService.id;
  ids.pending2 = (await ok(tokens.A, record, { i: rec(v1, '03-07') })).recordService.id;

  // Accreditation's replica of the stations (station.created → station_ref) before anyone applies.
  await waitFor(
    async () => {
      const res = await gql(
        platform.url,
        `query($id: ID!) { station(id: $id) { applications { id } } }`,
        { id: ids.B },
        { token: tokens.city },
      );
      return !res.errors;
    },
    20000,
    'accreditation replica',
  );

  browser = await launchChromium();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('officer dashboard', () => {
  it('shows the graph numbers for the city, with charts, and drills down to a county', async () => {
    const { page, problems, context } = await open(tokens.city);
    try {
      await page.goto(`${origin}/`);
      await page.waitForURL('**/dashboard');
      await page.getByTestId('stat-hours').waitFor();
      const graph = await ok<{
        region: {
          fullName: string;
          thisYear: { memberCount: number; activeVolunteerCount: number; verifiedHours: number };
          lastYear: { verifiedHours: number };
        };
        all: { totalCount: number };
        active: { totalCount: number };
        suspended: { totalCount: number };
      }>(
        tokens.city,
        `query($y: Int!, $l: Int!) {
        region(code: "430100") { fullName thisYear: serviceStats(year: $y) { memberCount activeVolunteerCount verifiedHours } lastYear: serviceStats(year: $l) { verifiedHours } }
        all: stations(first: 0, filter: { regionCode: "430100" }) { totalCount }
        active: stations(first: 0, filter: { regionCode: "430100", statuses: [ACTIVE] }) { totalCount }
        suspended: stations(first: 0, filter: { regionCode: "430100", statuses: [SUSPENDED] }) { totalCount }
      }`,
        { y: YEAR, l: YEAR - 1 },
      );
      // The fixture really produced something to show.
      expect(graph.region.thisYear).toMatchObject({
        memberCount: 2,
        verifiedHours: 3.5,
      });
      expect(graph.all.totalCount).toBe(3);
      const text = async (id: string) => (await page.getByTestId(id).innerText()).trim();
      expect(await text('dashboard-region')).toBe(graph.region.fullName);
      expect(await text('stat-stations')).toBe(graph.all.totalCount.toLocaleString('zh-CN'));
      expect(await text('stat-active-stations')).toBe(String(graph.active.totalCount));
      expect(await text('status-suspended')).toBe(String(graph.suspended.totalCount));
      expect(await text('stat-members')).toBe(String(graph.region.thisYear.memberCount));
      expect(await text('stat-active-volunteers')).toBe(String(graph.region.thisYear.activeVolunteerCount));
      expect(await text('stat-hours')).toBe(graph.region.thisYear.verifiedHours.toFixed(1));
      expect(await text('stat-hours-last')).toBe(graph.region.lastYear.verifiedHours.toFixed(1));
      expect(await page.locator('[data-testid="chart-categories"] canvas').count()).toBe(1);
      expect(await page.locator('[data-testid="chart-hours"] canvas').count()).toBe(1);
      // The data table toggle shows the figures behind a chart.
      await page.getByTestId('chart-categories').getByRole('button', { name: '查看数据表' }).click();
      expect(await page.getByTestId('chart-categories').innerText()).toContain('服务窗口');
      await noHorizontalScroll(page);
      await shot(page, 'dashboard-city-1366');

      await page.getByTestId('children-table').getByRole('link', { name: '芙蓉区' }).click();
      await page.waitForURL('**/dashboard?region=430102');
      await waitFor(
        async () => (await page.getByTestId('dashboard-region').innerText()).endsWith('芙蓉区'),
        15000,
        'county dashboard',
      );
      await page.getByTestId('stat-members').waitFor();
      expect(await text('stat-members')).toBe('2');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${origin}/dashboard`);
      await page.getByTestId('stat-hours').waitFor();
      await page.locator('[data-testid="chart-hours"] canvas').waitFor();
      await noHorizontalScroll(page);
      await shot(page, 'dashboard-city-390');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('stations', () => {
  it('filters the list by name and status in the URL and opens a station with its compliance', async () => {
    const { page, problems, context } = await open(tokens.county);
    try {
      await page.goto(`${origin}/stations`);
      await page.getByTestId('stations-total').waitFor();
      await page.getByText('芙蓉区五一广场学雷锋志愿服务站').waitFor();
      expect(await page.getByTestId('stations-total').innerText()).toBe('3');
      await page.getByLabel('站点名称').fill('文艺路');
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(/q=%E6%96%87%E8%89%BA%E8%B7%AF/);
      await page.getByText('芙蓉区五一广场学雷锋志愿服务站').waitFor({ state: 'detached' });
      expect(await page.getByTestId('stations-total').innerText()).toBe('1');
      await noHorizontalScroll(page);
      await shot(page, 'stations-list');

      await page.goto(`${origin}/stations?status=SUSPENDED`);
      await page.getByText('芙蓉区长郡中学学雷锋志愿服务站').waitFor();
      expect(await page.getByTestId('stations-total').innerText()).toBe('1');

      await page.goto(`${origin}/stations?q=${encodeURIComponent('文艺路')}`);
      await page.getByRole('link', { name: '芙蓉区文艺路学雷锋志愿服务站' }).click();
      await page.getByTestId('station-name').waitFor();
      await page.getByTestId('compliance-table').waitFor();
      const compliance = await page.getByTestId('compliance-table').innerText();
      expect(compliance).toMatch(/达标|未达标|待评定/);
      // The county officer administers the station's region: the leader's number is whole, as the graph says.
      const graph = await ok<{ station: { leader: { name: string; phone: string } } }>(
        tokens.county,
        `query($id: ID!) { station(id: $id) { leader { name phone } } }`,
        {
          id: ids.A,
        },
      );
      expect(await page.getByTestId('leader').innerText()).toBe(
        `${graph.station.leader.name} ${graph.station.leader.phone}`,
      );
      await noHorizontalScroll(page);
      await shot(page, 'station-detail');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'station-detail-390');
      await noHorizontalScroll(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('campaign: open a cycle, endorse, return, 公示', () => {
  it('a province officer opens the cycle with the form; its quota table is prefilled from the 2012 template', async () => {
    at(`${YEAR}-07-05`);
    const { page, problems, context } = await open(tokens.province);
    try {
      await page.goto(`${origin}/campaign`);
      await page.getByRole('button', { name: '发起创建活动' }).click();
      await page.waitForURL('**/campaign/new');
      await page.getByLabel('创建标准').click();
      await page
        .getByTitle(/湖南省雷锋号志愿者工作站“八个有”/)
        .first()
        .click();
      await noHorizontalScroll(page);
      await shot(page, 'cycle-form');
      await page.getByRole('button', { name: '发起' }).click();
      await page.waitForURL(/\/campaign\/[0-9a-f-]{36}$/);
      ids.cycle = page.url().split('/').pop()!;
      await page.getByTestId('current-phase').waitFor();
      expect(await page.getByTestId('current-phase').innerText()).toBe('申报');
      await page.getByRole('tab', { name: '名额' }).click();
      await page.getByRole('cell', { name: '430100' }).waitFor();
      const cycle = await ok<{ cycle: { quotas: unknown[]; phases: { phase: string; startsOn: string }[] } }>(
        tokens.province,
        `query($id: ID!) { cycle(id: $id) { year levels quotas { regionCode amount } phases { phase startsOn } } }`,
        { id: ids.cycle },
      );
      expect(cycle.cycle).toMatchObject({
        year: YEAR,
        levels: ['CITY', 'PROVINCE'],
      });
      expect(cycle.cycle.quotas).toHaveLength(15);
      expect(cycle.cycle.phases.find((p: { phase: string }) => p.phase === 'APPLICATION')?.startsOn).toBe(
        `${YEAR}-07-01`,
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the county officer signs in, recommends A and returns B with a comment from the to-do list', async () => {
    const SUBMIT = typedQuery<{ submitApplication: { id: string; status: string; currentStage: string } }>(
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status currentStage } }`,
    );
    ids.appA = (
      await ok(tokens.A, SUBMIT, {
        input: {
          cycleId: ids.cycle,
          stationId: ids.A,
          level: 'CITY',
          form: form('文艺路街道'),
        },
      })
    ).submitApplication.id;
    ids.appB = (
      await ok(tokens.B, SUBMIT, {
        input: {
          cycleId: ids.cycle,
          stationId: ids.B,
          level: 'CITY',
          form: form('五一广场'),
        },
      })
    ).submitApplication.id;
    at(`${YEAR}-08-05`);

    // The sign-in page's development tab (outside production only): a county grant, signed by /dev/token.
    // Signing in through identity (SMS code, password) is test/web/sign-in.test.ts.
    const { page, problems, context } = await open(null, {
      width: 390,
      height: 844,
    });
    try {
      await page.goto(`${origin}/campaign/${ids.cycle}`);
      await page.waitForURL(/\/signin\?next=/);
      // The sign-in page is its own chunk: check and photograph the form, not the skeleton shown while it loads.
      await page.getByRole('tab', { name: '开发环境' }).waitFor();
      await noHorizontalScroll(page);
      await shot(page, 'signin-390');
      await page.getByRole('tab', { name: '开发环境' }).click();
      await page.getByLabel('角色').click();
      await page.getByTitle('县级管理员').click();
      await page.getByLabel('行政区划代码').fill('430102');
      await page.getByRole('button', { name: '按授权登录' }).click();
      await page.waitForURL(`**/campaign/${ids.cycle}`);
      expect(await page.getByTestId('current-role').innerText()).toBe('县级管理员');
      await page.getByTestId(`endorse-${ids.appA}`).waitFor();
      await noHorizontalScroll(page);
      await page.setViewportSize({ width: 1366, height: 768 });
      await shot(page, 'cycle-todo-county');

      await page.getByTestId(`endorse-${ids.appA}`).click();
      await page.getByLabel('意见说明').fill('同意推荐，材料齐全');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`endorse-${ids.appA}`).waitFor({ state: 'detached' });

      await page.getByTestId(`endorse-${ids.appB}`).click();
      await page.getByLabel('退回修改').check();
      await page.getByRole('button', { name: '提交' }).click();
      // The comment is required: the form says so and nothing is sent.
      await page.getByText('请填写意见说明').waitFor();
      await page.getByLabel('意见说明').fill('请补充台账材料');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`endorse-${ids.appB}`).waitFor({ state: 'detached' });
      expect(await page.getByTestId('todo-table').innerText()).toContain('没有等待您审核的申报');

      const apps = await ok<{
        a: { endorsements: { stage: string }[] };
        b: { status: string; endorsements: { stage: string }[] };
      }>(
        tokens.county,
        `query($a: ID!, $b: ID!) { a: application(id: $a) { status currentStage endorsements { stage decision comment } } b: application(id: $b) { status endorsements { stage decision comment } } }`,
        { a: ids.appA, b: ids.appB },
      );
      const county = (list: { stage: string }[]) => list.filter((e) => e.stage === 'COUNTY');
      expect(apps.a).toMatchObject({
        status: 'SUBMITTED',
        currentStage: 'CITY',
      });
      expect(county(apps.a.endorsements)).toEqual([
        {
          stage: 'COUNTY',
          decision: 'RECOMMEND',
          comment: '同意推荐，材料齐全',
        },
      ]);
      expect(apps.b.status).toBe('RETURNED');
      expect(county(apps.b.endorsements)).toEqual([{ stage: 'COUNTY', decision: 'RETURN', comment: '请补充台账材料' }]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the city officer recommends A (now a candidate) and, in the review phase, publishes the 公示', async () => {
    const { page, problems, context } = await open(tokens.city);
    try {
      await page.goto(`${origin}/campaign/${ids.cycle}`);
      await page.getByTestId(`endorse-${ids.appA}`).click();
      await page.getByLabel('意见说明').fill('同意命名为市级雷锋号');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`endorse-${ids.appA}`).waitFor({ state: 'detached' });
      expect(
        (
          await ok<{ application: { status: string } }>(
            tokens.city,
            `query($a: ID!) { application(id: $a) { status } }`,
            { a: ids.appA },
          )
        ).application.status,
      ).toBe('CANDIDATE');

      // Publishing before the review phase is refused with the platform's message, shown on the page.
      await page.getByRole('tab', { name: '公示' }).click();
      await page.getByTestId('candidate-count').waitFor();
      expect(await page.getByTestId('candidate-count').innerText()).toBe('1');
      await page.getByTestId('publish-notice').click();
      await page.getByTestId('error-alert').waitFor();
      expect(await page.getByTestId('error-alert').innerText()).toMatch(/该操作只能在/);
      expect(await page.getByTestId('error-alert').innerText()).toContain('PHASE_CLOSED');

      at(`${YEAR}-10-12`);
      await page.getByTestId('publish-notice').click();
      await page.getByTestId('notice-published').waitFor();
      expect(await page.getByTestId('notice-published').innerText()).toContain('芙蓉区文艺路学雷锋志愿服务站');
      await shot(page, 'cycle-notice-published');
      // The error above was the one expected (HTTP 200 with errors): no other problem on the page.
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('station manager', () => {
  it('creates nothing by hand: sees the activities with a printable QR poster', async () => {
    const start = `${YEAR}-12-20T09:00:00+08:00`;
    await ok(tokens.A, `mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }`, {
      i: {
        stationId: ids.A,
        title: '冬日便民理发',
        category: 'CONVENIENCE',
        place: '文艺路广场',
        startsAt: start,
        endsAt: `${YEAR}-12-20T11:30:00+08:00`,
        capacity: 20,
      },
    });
    const { page, problems, context } = await open(tokens.A);
    try {
      await page.goto(`${origin}/`);
      await page.waitForURL('**/my-station/activities');
      await page.getByRole('cell', { name: '冬日便民理发' }).waitFor();
      await page.getByRole('button', { name: '签到海报' }).click();
      await page.getByTestId('poster').locator('canvas, svg').first().waitFor();
      const code = (
        await ok<{ station: { activities: { signInCode: string }[] } }>(
          tokens.A,
          `query($id: ID!) { station(id: $id) { activities { signInCode } } }`,
          { id: ids.A },
        )
      ).station.activities[0].signInCode;
      expect(await page.getByTestId('poster').innerText()).toContain(code);
      await shot(page, 'activity-poster');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('bulk-verifies pending records and downloads the ledger as XLSX through the gateway origin', async () => {
    const { page, problems, context } = await open(tokens.A, {
      width: 390,
      height: 844,
    });
    try {
      await page.goto(`${origin}/my-station/records`);
      await page.getByRole('cell', { name: '李春梅' }).waitFor();
      await noHorizontalScroll(page);
      await page.setViewportSize({ width: 1366, height: 768 });
      for (const row of await page.locator('tr', { hasText: '待审核' }).all()) await row.getByRole('checkbox').check();
      expect(await page.getByTestId('bulk-verify').innerText()).toContain('2');
      await page.getByTestId('bulk-verify').click();
      await page.getByText('已审核 2 条记录').waitFor();
      const records = await ok<{ serviceRecords: { status: string }[] }>(
        tokens.A,
        `query($id: ID!) { serviceRecords(stationId: $id) { id status } }`,
        {
          id: ids.A,
        },
      );
      expect(records.serviceRecords.map((r: { status: string }) => r.status)).toEqual([
        'VERIFIED',
        'VERIFIED',
        'VERIFIED',
      ]);
      await shot(page, 'records-verified');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载台账（XLSX）' }).click(),
      ]);
      const file = await download.path();
      const bytes = readFileSync(file!);
      expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('explorer', () => {
  it('serves GraphiQL at /explorer as the signed-in user', async () => {
    const { page, problems, context } = await open(tokens.city);
    try {
      await page.goto(`${origin}/explorer`);
      await page.locator('.graphiql-container').waitFor();
      await shot(page, 'explorer');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
