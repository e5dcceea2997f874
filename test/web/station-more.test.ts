/**
 * More of the station manager's pages (issue 16) in headless Chromium against the real platform (stations,
 * volunteers and accreditation with their workers; accreditation on an injected clock so the campaign's phases
 * are known). Each page does one real thing through its form and shows the result without a reload:
 *   - team: registers a member, changes her role (志愿者 → 专职管理员, audited), and is refused demoting the
 *     station's only 负责人 with the platform's message (LAST_LEADER);
 *   - trainings, pairings, demands, the points catalogue: one created through the page and listed;
 *   - certificates: revoked with a reason in a confirm dialog; the public verification page then says 已撤销;
 *   - the title application: the officer's return comment shows, the manager edits 附件2 and resubmits.
 * No console error or failed request on any page; no horizontal scroll at 1366×768 or 390×844.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { gql, gqlData, tokenFor, waitFor, type TypedQuery } from '@leifeng/kit/testing';
import { createAccreditationModule } from '../../services/accreditation/src/module';
import { CREATE, stationInput } from '../../services/stations/test/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bothSizes, button, launchChromium, openWatched } from './watched-page';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const YEAR = new Date().getFullYear();

/** The accreditation clock (the campaign's phases follow it); the other services use the real one. */
let now = new Date(`${YEAR}-07-05T02:00:00Z`);
const clock = { now: () => now };
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

let idSeq = 700;
/** A valid GB 11643 number: 430102 + 19930512 + sequence + check digit. */
function residentId(): string {
  idSeq += 2;
  const body = `43010219930512${String(idSeq % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** A date in Asia/Shanghai `days` from today (wall clock: the volunteers service's business time). */
const shanghaiDay = (days = 0) =>
  new Date(Date.now() + days * 86400000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `station-more-${name}.png`), fullPage: true });
}

/** Runs one page scenario with a watched page and checks it ends at both sizes without problems. */
async function onPage(path: string, name: string, scenario: (page: Page) => Promise<void>) {
  const { page, problems, context } = await openWatched(browser, tokens.manager);
  try {
    await page.goto(`${origin}/my-station/${path}`);
    await scenario(page);
    await bothSizes(page);
    await shot(page, name);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
}

const FORM = {
  unitName: '定王台街道办事处',
  address: '长沙市芙蓉区解放西路 1 号',
  postalCode: '410011',
  leaderName: '张雷',
  leaderPhone: '13812341234',
  situation: '对照“八个有”逐项达标。',
  practices: '每月组织志愿服务活动。',
  plan: '创建计划：'.padEnd(1800, '志'),
  unitOpinion: '同意申报。',
};

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    execSync('node scripts/build-web.mjs', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers', 'accreditation'],
    modules: { accreditation: createAccreditationModule({ clock, env: accEnv }) },
  });
  accEnv.GATEWAY_URL = platform.url;
  accEnv.JWT_SECRET = platform.subgraphs.accreditation.env.JWT_SECRET;
  origin = platform.url.replace(/\/graphql$/, '');
  tokens.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100', sub: 'city-1' });
  tokens.county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430102', sub: 'county-1' });
  ids.station = (
    await ok(tokens.city, CREATE, { input: stationInput({ name: '芙蓉区坡子街学雷锋志愿服务站' }) })
  ).createStation.id;
  tokens.manager = await tokenFor({ roles: ['STATION_MANAGER'], stationId: ids.station, sub: 'manager-more' });
  // The station's only 负责人, registered once the volunteers service has its replica of the station.
  ids.leader = await waitFor(
    async () => {
      const res = await gql<{ registerVolunteer: { id: string } }>(
        platform.url,
        `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
        {
          input: {
            name: '雷小锋',
            phone: '13900000051',
            idNumber: residentId(),
            politicalStatus: 'CPC_MEMBER',
            stationId: ids.station,
            role: 'LEADER',
            skills: ['急救'],
          },
        },
        { token: tokens.manager },
      );
      return res.errors ? undefined : res.data!.registerVolunteer.id;
    },
    20000,
    'volunteers replica of the station',
  );
  browser = await launchChromium();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('station manager: team', () => {
  it('registers a member and changes her role (志愿者 → 专职管理员)', async () => {
    await onPage('team', 'team', async (page) => {
      await page.getByRole('cell', { name: '雷小锋' }).waitFor();
      await page.getByRole('button', { name: '登记成员' }).click();
      const modal = page.getByRole('dialog', { name: '登记队伍成员' });
      await modal.getByLabel('姓名').fill('周晓梅');
      await modal.getByLabel('公民身份号码').fill(residentId());
      await modal.getByLabel('手机号码').fill('13900000052');
      await button(modal, '登记').click();
      await page.getByText('已登记 周晓梅').waitFor();
      const row = page.locator('tr', { hasText: '周晓梅' });
      await row.getByText('志愿者', { exact: true }).waitFor();

      await row.getByRole('button', { name: '调整角色' }).click();
      const dialog = page.getByRole('dialog', { name: '调整角色：周晓梅' });
      await dialog.getByLabel('专职管理员').check();
      await dialog.getByRole('button', { name: '确认调整' }).click();
      await page.getByText('已将 周晓梅 调整为专职管理员').waitFor();
      await row.getByText('专职管理员', { exact: true }).waitFor();
      const { station } = await ok<{ station: { members: unknown[] } }>(
        tokens.manager,
        `query($id: ID!) { station(id: $id) { members { role volunteer { name } } } }`,
        { id: ids.station },
      );
      expect(station.members).toContainEqual({ role: 'STAFF', volunteer: { name: '周晓梅' } });
    });
  });

  it('may not demote the only 负责人: the platform message shows in the dialog, nothing changes', async () => {
    await onPage('team', 'team-last-leader', async (page) => {
      await page.locator('tr', { hasText: '雷小锋' }).getByRole('button', { name: '调整角色' }).click();
      const leader = page.getByRole('dialog', { name: '调整角色：雷小锋' });
      await leader.getByLabel('志愿者', { exact: true }).check();
      await leader.getByRole('button', { name: '确认调整' }).click();
      const alert = leader.getByTestId('error-alert');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/至少保留一名负责人[\s\S]*LAST_LEADER/);
      await leader.getByRole('button', { name: /取\s*消/ }).click();
      await page.locator('tr', { hasText: '雷小锋' }).getByText('负责人', { exact: true }).waitFor();
    });
    const { station } = await ok<{ station: { members: unknown } }>(
      tokens.manager,
      `query($id: ID!) { station(id: $id) { members(roles: [LEADER]) { volunteer { name } } } }`,
      { id: ids.station },
    );
    expect(station.members).toEqual([{ volunteer: { name: '雷小锋' } }]);
  });
});

describe('station manager: trainings, pairings, demands, points catalogue', () => {
  it('registers a training and lists it', async () => {
    await onPage('trainings', 'trainings', async (page) => {
      await page.getByText('本年度还没有培训').waitFor();
      await page.getByLabel('主题').fill('应急救护培训');
      await page.getByLabel('日期').fill(shanghaiDay());
      await page.getByLabel('授课人').fill('李医生');
      await button(page, '登记').click();
      await page.getByText('培训已登记').waitFor();
      await page.getByRole('cell', { name: '应急救护培训' }).waitFor();
    });
    const { station } = await ok<{ station: { trainings: unknown } }>(
      tokens.manager,
      `query($id: ID!) { station(id: $id) { trainings { title kind hours trainer } } }`,
      { id: ids.station },
    );
    expect(station.trainings).toEqual([{ title: '应急救护培训', kind: 'PERIODIC', hours: 2, trainer: '李医生' }]);
  });

  it('pairs a member with the people she helps and lists the pairing', async () => {
    await onPage('pairings', 'pairings', async (page) => {
      await page.getByText('还没有结对').waitFor();
      await page.getByLabel('志愿者').click();
      await page.getByTitle('雷小锋').last().click();
      await page.keyboard.press('Escape'); // the multiple select keeps its list open
      await page.getByLabel('帮扶对象（多人用顿号分隔）').fill('王奶奶');
      await button(page, '建立结对').click();
      await page.getByText('结对已建立').waitFor();
      await page.getByRole('cell', { name: '王奶奶' }).waitFor();
    });
    const { station } = await ok<{ station: { pairings: unknown } }>(
      tokens.manager,
      `query($id: ID!) { station(id: $id) { pairings { kind beneficiaries { name } volunteers { name } } } }`,
      { id: ids.station },
    );
    expect(station.pairings).toEqual([
      { kind: 'ONE_TO_ONE', beneficiaries: [{ name: '王奶奶' }], volunteers: [{ name: '雷小锋' }] },
    ]);
  });

  it('registers a demand and lists it as waiting for a match', async () => {
    await onPage('demands', 'demands', async (page) => {
      await page.getByText('还没有需求').waitFor();
      await page.getByLabel('需求方').fill('定王台社区居委会');
      await page.getByLabel('所需特长').fill('急救');
      await page.getByLabel('需求内容').fill('社区老人健康讲座需要急救志愿者');
      await page.getByLabel('开始').fill(`${shanghaiDay(2)}T09:00`);
      await page.getByLabel('结束').fill(`${shanghaiDay(2)}T11:00`);
      await button(page, '登记').click();
      await page.getByText('需求已登记').waitFor();
      const row = page.locator('tr', { hasText: '定王台社区居委会' });
      await row.getByText('待对接').waitFor();
    });
    const { station } = await ok<{ station: { demands: unknown } }>(
      tokens.manager,
      `query($id: ID!) { station(id: $id) { demands { requester skill status windowStart } } }`,
      { id: ids.station },
    );
    expect(station.demands).toEqual([
      {
        requester: '定王台社区居委会',
        skill: '急救',
        status: 'OPEN',
        windowStart: new Date(`${shanghaiDay(2)}T09:00:00+08:00`).toISOString(),
      },
    ]);
  });

  it('adds an item to the points catalogue and lists it', async () => {
    await onPage('catalogue', 'catalogue', async (page) => {
      await page.getByText('还没有商品').waitFor();
      await page.getByLabel('名称').fill('爱心雨伞');
      await page.getByLabel('所需积分').fill('5');
      await button(page, '新增').click();
      await page.getByText('已新增').waitFor();
      await page.getByRole('cell', { name: '爱心雨伞' }).waitFor();
    });
    const { catalogue } = await ok<{ catalogue: unknown }>(
      tokens.manager,
      `query($id: ID!) { catalogue(stationId: $id) { name points } }`,
      {
        id: ids.station,
      },
    );
    expect(catalogue).toEqual([{ name: '爱心雨伞', points: 5 }]);
  });
});

describe('station manager: certificate revoke, application resubmit', () => {
  it('revokes a certificate with a reason; the public verification page says 已撤销', async () => {
    const day = shanghaiDay(-1);
    const { recordService } = await ok<{ recordService: { id: string } }>(
      tokens.manager,
      `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id } }`,
      {
        i: {
          volunteerId: ids.leader,
          stationId: ids.station,
          activityName: '便民服务',
          place: '坡子街服务站',
          recipient: '过往群众',
          content: '指路、借伞',
          startedAt: `${day}T09:00:00+08:00`,
          endedAt: `${day}T11:00:00+08:00`,
          recorder: '王记录',
        },
      },
    );
    await ok(tokens.manager, `mutation($id: ID!) { verifyServiceRecord(id: $id, quality: GOOD) { id } }`, {
      id: recordService.id,
    });
    const cert = (
      await ok<{ issueCertificate: { number: string; verificationCode: string } }>(
        tokens.manager,
        `mutation($i: IssueCertificateInput!) { issueCertificate(input: $i) { id number verificationCode } }`,
        { i: { stationId: ids.station, volunteerId: ids.leader } },
      )
    ).issueCertificate;

    await onPage('certificates', 'certificates-revoked', async (page) => {
      const row = page.locator('tr', { hasText: cert.number });
      await row.getByText('有效').waitFor();
      await row.getByRole('button', { name: '撤销' }).click();
      const dialog = page.getByRole('dialog', { name: `撤销证明 ${cert.number}` });
      await dialog.getByRole('button', { name: '确认撤销' }).click();
      await dialog.getByText('请填写撤销原因').waitFor(); // the reason is required before anything is sent
      await dialog.getByLabel('撤销原因').fill('服务时长登记有误，重新出具');
      await dialog.getByRole('button', { name: '确认撤销' }).click();
      await page.getByText(`已撤销证明 ${cert.number}`).waitFor();
      await row.getByText('已撤销').waitFor();
      expect(await row.getByRole('button', { name: '撤销' }).count()).toBe(0);

      await page.goto(`${origin}/verify/${cert.verificationCode}`);
      await page.getByText('已撤销').first().waitFor();
      expect(await page.locator('body').innerText()).toContain('该证明已被出具组织撤销');
    });
    const { verifyCertificate } = await gqlData<{ verifyCertificate: { state: string } }>(
      platform.url,
      `query($c: String!) { verifyCertificate(code: $c) { state } }`,
      { c: cert.verificationCode },
    );
    expect(verifyCertificate.state).toBe('REVOKED');
  });

  it("shows the officer's return comment; the manager edits 附件2 and resubmits", async () => {
    at(`${YEAR}-07-05`);
    const phases = [
      { phase: 'APPLICATION', startsOn: `${YEAR}-07-01`, endsOn: `${YEAR}-07-15` },
      { phase: 'CULTIVATION', startsOn: `${YEAR}-08-01`, endsOn: `${YEAR}-09-30` },
      { phase: 'NAMING', startsOn: `${YEAR}-11-01`, endsOn: `${YEAR}-11-30` },
    ];
    const cycleId = (
      await ok<{ createCycle: { id: string } }>(
        tokens.city,
        `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`,
        {
          input: {
            issuingRegionCode: '430100',
            year: YEAR,
            standardSetId: 'hunan-2012-eight-haves@1',
            ruleProfileId: 'hunan-2012@1',
            levels: ['CITY'],
            phases,
          },
        },
      )
    ).createCycle.id;
    const appId = await waitFor(
      async () => {
        const res = await gql<{ submitApplication: { id: string } }>(
          platform.url,
          `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
          { input: { cycleId, stationId: ids.station, level: 'CITY', form: FORM } },
          { token: tokens.manager },
        );
        return res.errors ? undefined : res.data!.submitApplication.id;
      },
      20000,
      'accreditation replica of the station',
    );
    at(`${YEAR}-08-05`);
    await ok(
      tokens.county,
      `mutation($id: ID!, $input: EndorseInput!) { endorseApplication(id: $id, input: $input) { status } }`,
      {
        id: appId,
        input: { decision: 'RETURN', comment: '请补充每月活动的照片和台账' },
      },
    );

    await onPage('application', 'application-resubmit', async (page) => {
      const returned = page.getByTestId('returned-application');
      await returned.waitFor();
      expect(await returned.getByTestId('return-comment').innerText()).toContain('请补充每月活动的照片和台账');
      await returned.getByRole('button', { name: '修改后重新提交' }).click();
      await page.getByText('修改附件2（按审核意见修改后重新提交）').waitFor();
      const practices = page.getByLabel('主要做法和经验');
      expect(await practices.inputValue()).toBe(FORM.practices);
      await practices.fill('每月组织志愿服务活动，活动照片和台账已补充上传。');
      await page.getByRole('button', { name: '重新提交', exact: true }).click();
      await page.getByText('申报已重新提交').waitFor();
      await returned.waitFor({ state: 'detached' });
      await page.locator('tr', { hasText: '审核中' }).waitFor();
    });
    const { application } = await ok<{ application: unknown }>(
      tokens.manager,
      `query($id: ID!) { application(id: $id) { status currentStage form { practices plan } } }`,
      { id: appId },
    );
    expect(application).toEqual({
      status: 'SUBMITTED',
      currentStage: 'COUNTY',
      form: { practices: '每月组织志愿服务活动，活动照片和台账已补充上传。', plan: FORM.plan },
    });
  });
});
