/**
 * The officers' campaign pages (apps/web, /campaign/*) in headless Chromium against the real platform:
 * four subgraphs with their workers, the re-review worker, the gateway serving the built app and graphql-ws.
 * One campaign from the form to a re-review, each step through the page and checked against the graph:
 *   - the province opens a cycle with the form: quota table prefilled from the 2012 template (one amount edited);
 *   - county and city officers endorse from their to-do list (/campaign/todo) through to the 公示;
 *   - the city publishes the 公示, resolves an objection and names the station; the title shows its history;
 *   - the province adjusts the phase calendar (an ended phase is refused) and a quota of the open cycle from its
 *     detail page;
 *   - to-do, titles and appeals are paged by the graph (totals from it);
 *   - an overdue rectification order is highlighted; an inspection and the order it asks for are recorded
 *     from the page (/campaign/inspections);
 *   - a real re-review before a dry run is refused by the platform (DRY_RUN_REQUIRED), not only the page;
 *   - the province starts a dry-run re-review and sees its progress arrive live (reviewEvents over graphql-ws).
 * No console error or failed request on any page; no horizontal scroll at 1366×768 or 390×844.
 * Screenshots land in test-results/screenshots (git-ignored).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { gql, gqlData, tokenFor, waitFor, type TypedQuery, typedQuery } from '@leifeng/kit/testing';
import { createAccreditationModule } from '../../services/accreditation/src/module';
import { startReviewWorker } from '../../services/accreditation/src/jobs/review-worker';
import { createChannelWorkers } from '../../services/notifications/src/jobs/channel-workers';
import { CREATE, stationInput } from '../../services/stations/test/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { launchChromium, noHorizontalScroll, openWatched } from './watched-page';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const YEAR = new Date().getFullYear();

/** The accreditation clock (phases follow it); the other services use the real one. */
let now = new Date(`${YEAR}-07-05T02:00:00Z`);
const clock = { now: () => now };
const at = (shanghaiDate: string) => (now = new Date(`${shanghaiDate}T10:00:00+08:00`));
const accEnv: Record<string, string | undefined> = { ...process.env };

let platform: TestPlatform;
let origin: string;
let browser: Browser;
let reviewWorker: { close(): Promise<void> } | undefined;
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

/** Every page is watched: console errors, page errors, failed requests and HTTP errors fail the test. */
const open = (token: string) => openWatched(browser, token);

/** Both sizes: 1366×768 first, then a 390-wide phone, each without horizontal scroll; screenshots of both. */
async function bothSizes(page: Page, name: string) {
  await noHorizontalScroll(page);
  await page.screenshot({
    path: join(SHOTS, `campaign-${name}-1366.png`),
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await page.screenshot({
    path: join(SHOTS, `campaign-${name}-390.png`),
    fullPage: true,
  });
  await page.setViewportSize({ width: 1366, height: 768 });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    execSync('npm run build -w apps/web', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers', 'accreditation', 'notifications'],
    modules: {
      accreditation: createAccreditationModule({ clock, env: accEnv }),
    },
    // Notifications' dispatcher publishes logged events to the gateway's live subscribers (reviewEvents).
    extraWorkers: {
      notifications: (deps) =>
        createChannelWorkers(deps, {
          env: { ...process.env, BULLMQ_PREFIX: deps.config.bullPrefix },
        }),
    },
  });
  // Facts are read through the gateway (known only now): the re-review worker starts after it.
  accEnv.GATEWAY_URL = platform.url;
  accEnv.JWT_SECRET = platform.subgraphs.accreditation.env.JWT_SECRET;
  reviewWorker = await startReviewWorker(platform.subgraphs.accreditation.worker!.deps, { clock, env: accEnv });
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
  for (const [key, name] of [
    ['A', '芙蓉区文艺路学雷锋志愿服务站'],
    ['B', '芙蓉区五一广场学雷锋志愿服务站'],
  ] as const) {
    ids[key] = (
      await ok(tokens.city, CREATE, {
        input: stationInput({ name, category: 'COMMUNITY' }),
      })
    ).createStation.id;
    tokens[key] = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: ids[key],
      sub: `manager-${key}`,
    });
  }
  // Accreditation's replica of the stations (station.created → station_ref) before anyone applies.
  await waitFor(
    async () =>
      !(
        await gql(
          platform.url,
          `query($id: ID!) { station(id: $id) { applications { id } } }`,
          { id: ids.B },
          { token: tokens.city },
        )
      ).errors,
    20000,
    'accreditation replica',
  );

  browser = await launchChromium();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await reviewWorker?.close();
  await platform?.stop();
});

describe('an officer runs a campaign from the console', () => {
  it('the province opens the cycle: the quota table comes prefilled from the 2012 template and can be edited', async () => {
    at(`${YEAR}-07-05`);
    const { page, problems, context } = await open(tokens.province);
    try {
      await page.goto(`${origin}/campaign/new`);
      await page.getByLabel('创建标准').click();
      await page
        .getByTitle(/湖南省雷锋号志愿者工作站“八个有”/)
        .first()
        .click();
      await page.getByTestId('quota-table').getByText('长沙市（430100）').waitFor();
      const template = (
        await ok<{ quotaTemplate: { regionCode: string; amount: number }[] }>(
          tokens.province,
          `{ quotaTemplate(code: "hunan-2012-provincial") { regionCode amount } }`,
        )
      ).quotaTemplate;
      expect(template).toHaveLength(15);
      expect(await page.getByTestId('quota-total').innerText()).toBe('58');
      await page.getByLabel('长沙市名额').fill('7');
      await page.getByLabel('长沙市名额').blur();
      // The total follows the edited amount (re-rendered from the form's values).
      await waitFor(async () => (await page.getByTestId('quota-total').innerText()) === '59', 5000, 'quota total 59');
      await bothSizes(page, 'cycle-form');
      await page.getByRole('button', { name: '发起' }).click();
      await page.waitForURL(/\/campaign\/[0-9a-f-]{36}$/);
      ids.cycle = page.url().split('/').pop()!;
      await page.getByTestId('current-phase').waitFor();
      // Names, not codes (the stations subgraph names the regions through the gateway); Hunan sets no county limit.
      expect(await page.getByTestId('issuing-region').innerText()).toBe('湖南省');
      expect(await page.getByTestId('county-limit').innerText()).toBe('不限');
      const cycle = (
        await ok<{
          cycle: {
            quotas: { regionCode: string; amount: number }[];
            phases: { phase: string; startsOn: string; endsOn: string }[];
          };
        }>(
          tokens.province,
          `query($id: ID!) { cycle(id: $id) { quotas { regionCode amount } phases { phase startsOn endsOn } } }`,
          { id: ids.cycle },
        )
      ).cycle;
      const amounts = Object.fromEntries(
        cycle.quotas.map((q: { amount: unknown; regionCode: string }) => [q.regionCode, q.amount]),
      );
      expect(amounts).toEqual({
        ...Object.fromEntries(template.map((t: { amount: unknown; regionCode: string }) => [t.regionCode, t.amount])),
        430100: 7,
      });
      // The calendar is the profile's (Hunan 2012: application in July, naming in November).
      expect(cycle.phases.find((p: { phase: string }) => p.phase === 'APPLICATION')).toEqual({
        phase: 'APPLICATION',
        startsOn: `${YEAR}-07-01`,
        endsOn: `${YEAR}-07-31`,
      });
      expect(cycle.phases.find((p: { phase: string }) => p.phase === 'NAMING')).toEqual({
        phase: 'NAMING',
        startsOn: `${YEAR}-11-01`,
        endsOn: `${YEAR}-11-30`,
      });

      // The open cycle's calendar is adjusted from the page: naming runs to mid-December (only the end is picked on
      // the calendar, a month on; the start stays).
      type Calendar = {
        cycle: {
          phases: { phase: string; startsOn: string; endsOn: string }[];
          calendarChanges: { changedBy: string }[];
        };
      };
      const CALENDAR = `query($id: ID!) { cycle(id: $id) { phases { phase startsOn endsOn } calendarChanges { changedBy } } }`;
      await page.getByRole('tab', { name: '阶段安排' }).click();
      await page.getByTestId('edit-phases').click();
      let dialog = page.getByRole('dialog');
      const namingEnd = dialog.getByRole('row', { name: /^命名/ }).locator('input').nth(1);
      await namingEnd.click();
      await page.locator('.ant-picker-dropdown:visible .ant-picker-header-next-btn').click();
      await page.locator(`.ant-picker-dropdown:visible td[title="${YEAR}-12-15"]`).click();
      await waitFor(async () => (await namingEnd.inputValue()) === `${YEAR}-12-15`, 5000, 'naming end picked');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByTestId('phase-timeline').getByText(`命名：${YEAR}-11-01 至 ${YEAR}-12-15`).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      const changed = (await ok<Calendar>(tokens.province, CALENDAR, { id: ids.cycle })).cycle;
      expect(changed.phases.find((p) => p.phase === 'NAMING')).toEqual({
        phase: 'NAMING',
        startsOn: `${YEAR}-11-01`,
        endsOn: `${YEAR}-12-15`,
      });
      expect(changed.calendarChanges.map((c) => c.changedBy)).toEqual(['province-1', 'province-1']);

      // An ended phase cannot move (the platform's clock is in July): the page shows the platform's message,
      // nothing changes.
      await page.getByTestId('edit-phases').click();
      dialog = page.getByRole('dialog');
      const deploymentEnd = dialog.getByRole('row', { name: /^部署/ }).locator('input').nth(1);
      await deploymentEnd.click();
      await page.locator(`.ant-picker-dropdown:visible td[title="${YEAR}-04-20"]`).click();
      await waitFor(async () => (await deploymentEnd.inputValue()) === `${YEAR}-04-20`, 5000, 'deployment end picked');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog
        .getByTestId('error-alert')
        .getByText(/部署阶段已于 \d{4}-04-30 结束，不能再修改/)
        .waitFor();
      expect(await dialog.getByTestId('error-alert').innerText()).toContain('PHASE_ENDED');
      expect((await ok<Calendar>(tokens.province, CALENDAR, { id: ids.cycle })).cycle).toEqual(changed);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('phase-timeline').getByText(`部署发动：${YEAR}-04-01 至 ${YEAR}-04-30`).waitFor();

      // A quota is changed from the 名额 tab (Changsha's provincial quota 7 → 8).
      await page.getByRole('tab', { name: '名额' }).click();
      await page.getByTestId('quota-region-430100').getByText('长沙市').waitFor();
      expect(await page.getByTestId('quota-region-433100').innerText()).toContain('湘西土家族苗族自治州');
      expect(await page.getByTestId('quota-region-439900').innerText()).toContain('省直');
      await page.getByTestId('edit-quota-430100-PROVINCE').click();
      await page.getByRole('dialog').getByText('调整名额：长沙市 省级').waitFor();
      await page.getByRole('dialog').getByLabel('名额数量').fill('8');
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await waitFor(
        async () => (await page.getByTestId('quota-430100-PROVINCE').innerText()) === '8',
        10000,
        'quota 8 on the page',
      );
      const quotas = (
        await ok<{ cycle: { quotas: { regionCode: string; level: string; amount: number }[] } }>(
          tokens.province,
          `query($id: ID!) { cycle(id: $id) { quotas { regionCode level amount } } }`,
          {
            id: ids.cycle,
          },
        )
      ).cycle.quotas;
      expect(quotas.find((q: { regionCode: string }) => q.regionCode === '430100')).toEqual({
        regionCode: '430100',
        level: 'PROVINCE',
        amount: 8,
      });
      await bothSizes(page, 'cycle-settings');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180000);

  it('the county, then the city, endorse from their to-do lists; B goes back to its station with a comment', async () => {
    const SUBMIT = typedQuery<{ submitApplication: { id: string } }>(
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
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

    const county = await open(tokens.county);
    try {
      const { page } = county;
      await page.goto(`${origin}/campaign/todo`);
      await page.getByTestId(`todo-endorse-${ids.appA}`).waitFor();
      // The count is the graph's (myTodo.totalCount), the pager the table's.
      await page.getByText('待我审核（2）').waitFor();
      expect(
        (
          await ok<{ myTodo: unknown }>(
            tokens.county,
            `{ myTodo(first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
          )
        ).myTodo,
      ).toEqual({ totalCount: 2, edges: [{ node: { id: ids.appA } }], pageInfo: { hasNextPage: true } });
      await bothSizes(page, 'todo-county');
      await page.getByTestId(`todo-endorse-${ids.appA}`).click();
      await page.getByLabel('意见说明').fill('同意推荐，材料齐全');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`todo-endorse-${ids.appA}`).waitFor({ state: 'detached' });
      await page.getByTestId(`todo-endorse-${ids.appB}`).click();
      await page.getByLabel('退回修改').check();
      await page.getByLabel('意见说明').fill('请补充台账材料');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`todo-endorse-${ids.appB}`).waitFor({ state: 'detached' });
      expect(await page.getByTestId('my-todo').innerText()).toContain('没有等待您审核的申报');
      expect(county.problems).toEqual([]);
    } finally {
      await county.context.close();
    }
    const apps = await ok<{ a: unknown; b: { status: string; endorsements: { stage: string }[] } }>(
      tokens.county,
      `query($a: ID!, $b: ID!) { a: application(id: $a) { status currentStage } b: application(id: $b) { status endorsements { stage decision comment } } }`,
      { a: ids.appA, b: ids.appB },
    );
    expect(apps.a).toEqual({ status: 'SUBMITTED', currentStage: 'CITY' });
    expect(apps.b.status).toBe('RETURNED');
    expect(apps.b.endorsements.filter((e: { stage: string }) => e.stage === 'COUNTY')).toEqual([
      { stage: 'COUNTY', decision: 'RETURN', comment: '请补充台账材料' },
    ]);

    const city = await open(tokens.city);
    try {
      const { page } = city;
      await page.goto(`${origin}/campaign/todo`);
      await page.getByTestId(`todo-endorse-${ids.appA}`).click();
      await page.getByLabel('意见说明').fill('同意命名为市级雷锋号');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`todo-endorse-${ids.appA}`).waitFor({ state: 'detached' });
      expect(city.problems).toEqual([]);
    } finally {
      await city.context.close();
    }
    expect(
      (
        await ok<{ application: { status: string } }>(
          tokens.city,
          `query($a: ID!) { application(id: $a) { status } }`,
          { a: ids.appA },
        )
      ).application.status,
    ).toBe('CANDIDATE');
  }, 120000);

  it('the city publishes the 公示, resolves an objection and names the station; the title shows its history', async () => {
    at(`${YEAR}-10-12`);
    const { page, problems, context } = await open(tokens.city);
    try {
      await page.goto(`${origin}/campaign/${ids.cycle}/notices`);
      await page.getByTestId('pending-candidates').waitFor();
      expect(await page.getByTestId('pending-candidates').innerText()).toBe('1');
      await page.getByTestId('notices-publish').click();
      await page.getByTestId('objections-table').waitFor();
      const notice = (
        await ok<{ cycle: { notices: { id: string; endsOn: string; applications: { id: string }[] }[] } }>(
          tokens.city,
          `query($id: ID!) { cycle(id: $id) { notices { id endsOn applications { id } } } }`,
          {
            id: ids.cycle,
          },
        )
      ).cycle.notices[0];
      expect(notice.applications).toEqual([{ id: ids.appA }]);
      ids.notice = notice.id;

      // Someone objects during the period; the city sees it and dismisses it with its reason.
      at(`${YEAR}-10-13`);
      const objection = (
        await ok<{ fileObjection: { id: string } }>(
          tokens.B,
          `mutation($n: ID!, $a: ID!) { fileObjection(noticeId: $n, applicationId: $a, content: "该站点活动记录不全，请核实。") { id } }`,
          { n: ids.notice, a: ids.appA },
        )
      ).fileObjection;
      await page.reload();
      await page.getByTestId(`resolve-${objection.id}`).click();
      await page.getByLabel('处理意见').fill('经核实，活动记录齐全，异议不成立');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId(`resolve-${objection.id}`).waitFor({ state: 'detached' });
      expect(await page.getByTestId('objections-table').innerText()).toContain('异议不成立');
      const resolved = (
        await ok<{ notice: { objections: unknown } }>(
          tokens.city,
          `query($id: ID!) { notice(id: $id) { objections { id status resolution } } }`,
          {
            id: ids.notice,
          },
        )
      ).notice.objections;
      expect(resolved).toEqual([
        {
          id: objection.id,
          status: 'DISMISSED',
          resolution: '经核实，活动记录齐全，异议不成立',
        },
      ]);

      // Naming before the period ends is refused with the platform's message and code, shown on the page.
      await page.getByTestId(`name-${ids.notice}`).click();
      await page.getByTestId('error-alert').waitFor();
      expect(await page.getByTestId('error-alert').innerText()).toMatch(/PHASE_CLOSED|NOTICE_NOT_ENDED/);

      at(`${YEAR}-11-05`);
      await page.getByTestId(`name-${ids.notice}`).click();
      await page.getByTestId('named').waitFor();
      // Named on the business day (the platform clock), not the wall clock's.
      await page.getByTestId(`notice-${ids.notice}`).getByText(`已命名 ${YEAR}-11-05`).waitFor();
      const titles = (
        await ok<{ station: { titles: { id: string; certificateNumber: string }[] } }>(
          tokens.city,
          `query($id: ID!) { station(id: $id) { titles { id level certificateNumber status } } }`,
          {
            id: ids.A,
          },
        )
      ).station.titles;
      expect(titles).toEqual([expect.objectContaining({ level: 'CITY', status: 'ACTIVE' })]);
      expect(await page.getByTestId('named').innerText()).toContain(titles[0].certificateNumber);
      ids.title = titles[0].id;
      await bothSizes(page, 'notices');

      await page.goto(`${origin}/campaign/titles`);
      await page.getByRole('cell', { name: titles[0].certificateNumber }).waitFor();
      await page.getByTestId('titles-table').getByRole('button', { name: /展开/ }).first().click();
      await page.getByTestId(`history-${ids.title}`).waitFor();
      expect(await page.getByTestId(`history-${ids.title}`).innerText()).toContain(`${YEAR}-11-05 命名`);
      expect(await page.getByTestId('titles-total').innerText()).toBe('共 1 个');
      await bothSizes(page, 'titles');
      // The error above was the one expected (HTTP 200 with errors): no other problem on the page.
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120000);

  it('an overdue rectification order stands out on the inspections page', async () => {
    const order = (
      await ok<{ orderRectification: { id: string } }>(
        tokens.city,
        `mutation($s: ID!, $d: Date!) { orderRectification(input: { stationId: $s, deadline: $d, requirements: "补齐 10 月活动台账" }) { id } }`,
        { s: ids.A, d: `${YEAR}-11-08` },
      )
    ).orderRectification;
    at(`${YEAR}-11-10`);
    const { page, problems, context } = await open(tokens.city);
    try {
      await page.goto(`${origin}/campaign/inspections`);
      await page.getByTestId(`overdue-${order.id}`).waitFor();
      expect(await page.getByTestId('rectifications-table').innerText()).toContain('补齐 10 月活动台账');

      // An inspection recorded from the page, then the rectification order it asks for (prefilled station).
      await page.getByRole('button', { name: '记录检查' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('检查站点').click();
      await page.getByTitle('芙蓉区文艺路学雷锋志愿服务站').click();
      // The inspection's date on the accreditation clock of this test (the page proposes the platform's today).
      const inspectedOn = dialog.getByLabel('检查日期');
      await inspectedOn.click();
      await inspectedOn.fill(`${YEAR}-11-10`);
      await inspectedOn.press('Enter');
      await dialog.getByLabel('检查项1', { exact: true }).fill('台账');
      await dialog.getByLabel('检查项1达标').click();
      await dialog.getByLabel('检查项1说明').fill('10 月活动记录缺失');
      await dialog.getByLabel('限期整改').check();
      await dialog.getByRole('button', { name: '提交' }).click();
      await page.getByRole('dialog', { name: '下达整改通知' }).waitFor();
      const orderDialog = page.getByRole('dialog', { name: '下达整改通知' });
      const deadline = orderDialog.getByLabel('整改期限');
      await deadline.click();
      await deadline.fill(`${YEAR + 1}-01-15`);
      await deadline.press('Enter');
      await orderDialog.getByLabel('整改要求').fill('一个月内补齐 10 月活动记录');
      await orderDialog.getByRole('button', { name: '下达' }).click();
      await page.getByTestId('rectifications-table').getByText('一个月内补齐 10 月活动记录').waitFor();
      const station = (
        await ok<{ station: { inspections: unknown[]; rectifications: unknown[] } }>(
          tokens.city,
          `query($id: ID!) { station(id: $id) { inspections { kind inspectedOn verdict findings { criterion met note } } rectifications { requirements deadline status } } }`,
          { id: ids.A },
        )
      ).station;
      expect(station.inspections).toEqual([
        {
          kind: 'SPOT_CHECK',
          inspectedOn: `${YEAR}-11-10`,
          verdict: 'RECTIFY',
          findings: [{ criterion: '台账', met: false, note: '10 月活动记录缺失' }],
        },
      ]);
      expect(station.rectifications).toContainEqual({
        requirements: '一个月内补齐 10 月活动记录',
        deadline: `${YEAR + 1}-01-15`,
        status: 'OPEN',
      });
      await bothSizes(page, 'inspections');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120000);

  it('the province starts a dry-run re-review and sees its progress and outcomes arrive live', async () => {
    const { page, problems, context } = await open(tokens.province);
    try {
      const frames: string[] = [];
      page.on('websocket', (ws) => {
        ws.on('framereceived', (f) => frames.push(String(f.payload)));
      });
      await page.goto(`${origin}/campaign/${ids.cycle}/reviews`);
      // The real run waits for a dry run: the page disables it and the platform refuses it.
      expect(await page.getByTestId('start-real-run').isDisabled()).toBe(true);
      const early = await gql(
        platform.url,
        `mutation($c: ID!) { startReview(input: { cycleId: $c }) { id } }`,
        { c: ids.cycle },
        { token: tokens.province },
      );
      expect(early.errors?.[0].extensions?.code).toBe('DRY_RUN_REQUIRED');
      // The subscription is up before the run starts: what follows can only come through it.
      await page.getByTestId('live-status').getByText('实时连接已建立').waitFor({ timeout: 20000 });
      await page.getByTestId('start-dry-run').click();
      await page.waitForURL(/run=[0-9a-f-]{36}/);
      const runId = new URL(page.url()).searchParams.get('run')!;
      await page
        .getByTestId('live-log')
        .getByText(/复核进度.*本批复核 1 个（共 1 个）/)
        .waitFor({ timeout: 30000 });
      // It came over the page's graphql-ws connection (the page does not poll).
      expect(frames.some((f) => f.includes('review.run.progressed') && f.includes(runId))).toBe(true);
      await waitFor(
        async () => (await page.getByTestId('run-progress').innerText()).replace(/\s/g, '') === '1/1',
        15000,
        'progress 1/1',
      );
      const run = (
        await ok<{ reviewRun: { reviews: { edges: { node: { outcome: string; station: { id: string } } }[] } } }>(
          tokens.province,
          `query($id: ID!) { reviewRun(id: $id) { dryRun total reviewed reviews { edges { node { outcome station { id } } } } } }`,
          { id: runId },
        )
      ).reviewRun;
      expect(run).toMatchObject({ dryRun: true, total: 1, reviewed: 1 });
      expect(run.reviews.edges.map((e: { node: { station: { id: string } } }) => e.node.station.id)).toEqual([ids.A]);
      const outcome = run.reviews.edges[0].node.outcome;
      expect(await page.getByTestId('outcomes-table').innerText()).toContain('芙蓉区文艺路学雷锋志愿服务站');
      expect(await page.getByTestId(`count-${outcome}`).innerText()).toMatch(/：1$/);
      // A dry run changed nothing: the title is still active.
      expect(
        (
          await ok<{ station: { titles: unknown } }>(
            tokens.province,
            `query($id: ID!) { station(id: $id) { titles { status } } }`,
            { id: ids.A },
          )
        ).station.titles,
      ).toEqual([{ status: 'ACTIVE' }]);
      expect(await page.getByTestId('start-real-run').isDisabled()).toBe(false);
      await bothSizes(page, 'review-dry-run');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120000);

  it('after the dry run the province runs the real re-review and sees the revocation live', async () => {
    const { page, problems, context } = await open(tokens.province);
    try {
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
      await page.goto(`${origin}/campaign/${ids.cycle}/reviews`);
      await page.getByTestId('live-status').getByText('实时连接已建立').waitFor({ timeout: 20000 });
      await page.getByTestId('start-real-run').click();
      await page.getByRole('dialog').getByRole('button', { name: '正式复核' }).click();
      await waitFor(
        async () => (await page.getByTestId('live-log').innerText()).includes('摘牌 芙蓉区文艺路学雷锋志愿服务站'),
        30000,
        'title.revoked live',
      );
      await waitFor(
        async () => (await page.getByTestId('run-progress').innerText()).replace(/\s/g, '') === '1/1',
        15000,
        'progress 1/1',
      );
      expect(frames.some((f) => f.includes('title.revoked'))).toBe(true);
      expect(await page.getByTestId('outcomes-table').innerText()).toContain('不通过（摘牌）');
      expect(
        (
          await ok<{ station: { titles: unknown } }>(
            tokens.province,
            `query($id: ID!) { station(id: $id) { titles { status } } }`,
            { id: ids.A },
          )
        ).station.titles,
      ).toEqual([{ status: 'REVOKED' }]);
      await page.screenshot({
        path: join(SHOTS, 'campaign-review-real-1366.png'),
        fullPage: true,
      });
      await ok(
        tokens.A,
        `mutation($t: ID!) { appealRevocation(titleId: $t, reason: "台账已补齐，活动已恢复，请复查") { id } }`,
        { t: ids.title },
      );
      // A city title's appeal is the city group's to decide: the province sees it waiting.
      await page.goto(`${origin}/campaign/appeals`);
      await page.getByTestId('appeals-table').getByText('待市级处理').waitFor();
      expect(await page.getByTestId('appeals-total').innerText()).toBe('共 1 件');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120000);

  it('the city decides the appeal and reinstates the title', async () => {
    const { page, problems, context } = await open(tokens.city);
    try {
      await page.goto(`${origin}/campaign/appeals`);
      await page.getByTestId('appeals-table').getByRole('button', { name: '处理' }).click();
      await page.getByLabel('恢复称号').check();
      await page.getByLabel('处理意见').fill('复查合格，恢复称号');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('appeals-table').getByText('已恢复称号').waitFor();
      const title = (
        await ok<{ station: { titles: unknown[] } }>(
          tokens.province,
          `query($id: ID!) { station(id: $id) { titles { status appeal { status comment } } } }`,
          { id: ids.A },
        )
      ).station.titles[0];
      expect(title).toEqual({
        status: 'ACTIVE',
        appeal: { status: 'GRANTED', comment: '复查合格，恢复称号' },
      });
      await bothSizes(page, 'appeals');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120000);
});
