/**
 * The volunteer pages (apps/web/src/volunteer) in headless Chromium at 390×844 against the real platform
 * (five subgraphs with workers, the gateway serving the built app). Proves that a volunteer
 *   - opens an activity's QR URL signed out, signs in with the SMS code and comes back to it: a check-in
 *     outside the activity's time window is refused with the platform's Chinese message;
 *   - finds an activity of a nearby station (browser location), signs up, checks in through /checkin/<code>,
 *     checks out, and sees the record as verified (hours, star progress) once the station verifies it;
 *   - downloads the certificate PDF whose text holds the number, name and hours and whose QR code decodes
 *     to the verification URL, which shows VALID, then REVOKED after revocation;
 *   - checks in by typing the 6-character code by hand, signs up for a duty slot, and on the points page
 *     redeems from the station catalogue, withdraws for service and donates by the recipient's mobile number
 *     (masked name shown first; a number of no co-volunteer refused in Chinese) — each checked in the graph;
 *   - meets no console error, failed request or horizontal scroll on any page.
 * Screenshots land in test-results/screenshots (git-ignored).
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { gql, gqlData, reservePort, tokenFor, waitFor, type TypedQuery, typedQuery } from '@leifeng/kit/testing';
import { lastCodeFor } from '../../services/identity/test/support';
import { CREATE, stationInput } from '../../services/stations/test/fixtures';
import { createAccreditationModule } from '../../services/accreditation/src/module';
import { ENDORSE, form, PHASES, PUBLISH, SUBMIT } from '../../services/accreditation/test/support/platform';
import { createVolunteersModule } from '../../services/volunteers/src/module';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { launchChromium, noHorizontalScroll, openContext, openWatched, type Watched } from './watched-page';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const YEAR = Number(
  new Date().toLocaleString('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
  }),
);
const PHONE = '13700137001';
const NAME = '雷锋锋';
const work = mkdtempSync(join(tmpdir(), 'vol-web-'));

/** The accreditation clock (campaign phases follow it); the other services use the real one. */
let now = new Date(`${YEAR}-07-05T02:00:00Z`);
const accEnv: Record<string, string | undefined> = { ...process.env };

let platform: TestPlatform;
let origin: string;
let browser: Browser;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

function ok<T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  return gqlData(platform.url, query, variables, { token });
}

/** GB 11643 check digit on a 17-digit body. */
function residentId(body = '43010219980412031'): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** A signed-out, phone-sized page that records console errors, page errors, failed requests and HTTP errors. */
const open = () =>
  openWatched(browser, null, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    acceptDownloads: true,
    // Standing next to station B (五一广场), further from A.
    geolocation: { longitude: 112.9855, latitude: 28.1965 },
    permissions: ['geolocation'],
  });

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

function pdfText(pdf: Buffer): string {
  const file = join(work, 'cert.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

function qrOfFirstPage(pdf: Buffer): string | undefined {
  const dir = mkdtempSync(join(work, 'png-'));
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, join(dir, 'page')]);
  const png = PNG.sync.read(
    readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.png'))!,
      ),
    ),
  );
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

const ACTIVITY = typedQuery<{ createActivity: { id: string; signInCode: string } }>(
  `mutation($i: CreateActivityInput!) { createActivity(input: $i) { id signInCode } }`,
);
const at = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    execSync('npm run build -w apps/web', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  // The certificate's QR carries <PUBLIC_BASE_URL>/verify/<code>: the gateway's own origin, so fix its port first.
  const port = await reservePort();
  origin = `http://127.0.0.1:${port}`;
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers', 'accreditation', 'notifications'],
    gatewayEnv: { PORT: String(port) },
    // The volunteers module reads its settings from the env it is built with.
    modules: {
      volunteers: createVolunteersModule({
        ...process.env,
        PUBLIC_BASE_URL: origin,
        // Points can be spent from the first one (the default asks for a star, i.e. 100 hours).
        TIMEBANK_MIN_STAR_TO_REDEEM: '0',
      }),
      accreditation: createAccreditationModule({
        clock: { now: () => now },
        env: accEnv,
      }),
    },
    envBySubgraph: { identity: { GATEWAY_URL: `${origin}/graphql` } },
  });
  expect(platform.url).toBe(`${origin}/graphql`);
  accEnv.GATEWAY_URL = platform.url;
  accEnv.JWT_SECRET = platform.subgraphs.accreditation.env.JWT_SECRET;

  tokens.city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-1',
  });
  const stations = [
    ['A', '芙蓉区文艺路学雷锋志愿服务站', { longitude: 112.9936, latitude: 28.1872 }],
    ['B', '芙蓉区五一广场学雷锋志愿服务站', { longitude: 112.9861, latitude: 28.1962 }],
  ] as const;
  for (const [key, name, location] of stations) {
    ids[key] = (await ok(tokens.city, CREATE, { input: stationInput({ name, location }) })).createStation.id;
    tokens[key] = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: ids[key],
      sub: `manager-${key}`,
    });
  }
  // Registered at A by its manager with the number the volunteer will sign in with (identity links them).
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
            name: NAME,
            phone: PHONE,
            idNumber: residentId(),
            politicalStatus: 'CYL_MEMBER',
            stationId: ids.A,
          },
        },
        { token: tokens.A },
      );
      return res.errors ? undefined : res.data!.registerVolunteer.id;
    },
    20000,
    'volunteers replica of station A',
  );
  // B's activity is under way (check-in open); A's starts in three days (check-in not yet open).
  const running = await waitFor(
    async () => {
      const res = await gql(
        platform.url,
        ACTIVITY,
        {
          i: {
            stationId: ids.B,
            title: '广场文明引导',
            category: 'CIVILITY',
            place: '五一广场东侧',
            startsAt: at(-120),
            endsAt: at(90),
            capacity: 30,
          },
        },
        { token: tokens.B },
      );
      return res.errors ? undefined : res.data!.createActivity;
    },
    20000,
    'volunteers replica of station B',
  );
  ids.activityB = running.id;
  ids.codeB = running.signInCode;
  const later = (
    await ok(tokens.A, ACTIVITY, {
      i: {
        stationId: ids.A,
        title: '社区读书会',
        category: 'CULTURAL',
        place: '文艺路社区活动室',
        startsAt: at(3 * 1440),
        endsAt: at(3 * 1440 + 120),
        capacity: 20,
      },
    })
  ).createActivity;
  ids.activityA = later.id;
  ids.codeA = later.signInCode;

  browser = await launchChromium();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('volunteer on a phone', () => {
  let watched: Watched;
  beforeAll(async () => {
    watched = await open();
  });
  afterAll(async () => {
    await watched?.context.close();
  });

  it('opens a QR URL signed out, signs in with the SMS code, comes back; outside the time window it is refused', async () => {
    const { page, problems } = watched;
    await page.goto(`${origin}/checkin/${ids.codeA}`);
    await page.waitForURL(/\/me\/signin\?next=/);
    await page.getByLabel('手机号').fill(PHONE);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('验证码').waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-signin-390');
    await page
      .getByLabel('验证码')
      .fill(await waitFor(() => lastCodeFor(platform, PHONE).catch(() => undefined), 10000, 'SMS code'));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`**/checkin/${ids.codeA}`);
    await page.getByTestId('checkin-error').waitFor();
    expect(await page.getByTestId('checkin-error').innerText()).toContain('不在活动签到时间内');
    expect(await page.getByTestId('checkin-error').innerText()).toContain('CHECK_IN_CLOSED');
    await shot(page, 'volunteer-checkin-refused-390');
    // Nothing was recorded.
    const records = await ok<{ volunteer: { serviceRecords: unknown } }>(
      tokens.A,
      `query($id: ID!) { volunteer(id: $id) { serviceRecords { id } } }`,
      {
        id: ids.volunteer,
      },
    );
    expect(records.volunteer.serviceRecords).toEqual([]);
    // The only HTTP errors allowed: none (refusals are GraphQL errors with HTTP 200).
    expect(problems).toEqual([]);
  });

  it('finds the activity of the station near them, signs up, checks in by the QR URL and checks out', async () => {
    const { page, problems } = watched;
    await page.goto(`${origin}/me`);
    await page.getByTestId('volunteer-name').waitFor();
    expect(await page.getByTestId('volunteer-name').innerText()).toBe(NAME);
    await page.getByRole('link', { name: '活动', exact: true }).click();
    await page.waitForURL('**/me/activities');
    // A's activity (my station) is listed with a cancel-free sign-up; B's only under 附近 once located.
    await page.getByTestId('my-station-activities').getByText('社区读书会').waitFor();
    await page.getByRole('button', { name: '使用我的位置' }).click();
    await page.getByText('按与我的距离排序').waitFor();
    const nearB = page.getByTestId(`activity-${ids.activityB}`);
    await nearB.waitFor();
    expect(await nearB.innerText()).toContain('芙蓉区五一广场学雷锋志愿服务站');
    expect(await nearB.innerText()).toMatch(/\d+ 米/);
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-activities-390');
    await nearB.getByRole('button', { name: '报名' }).click();
    await nearB.getByRole('button', { name: '取消报名' }).waitFor();
    expect(await nearB.innerText()).toContain('已报名 1 / 30 人');

    // What the camera opens: the QR of B's poster.
    await page.goto(`${origin}/checkin/${ids.codeB}`);
    await page.getByTestId('checkin-done').waitFor();
    expect(await page.getByTestId('checkin-done').innerText()).toContain('广场文明引导');
    await page.getByTestId('open-checkins').getByText('广场文明引导').waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-checked-in-390');
    // Two hours of service: the check-in is moved back (the clock is real), then check-out through the page.
    const vds = platform.subgraphs.volunteers.api.deps.ds;
    await vds.query(
      `UPDATE service_records SET started_at = now() - interval '2 hours' WHERE activity_id = $1 AND ended_at IS NULL`,
      [ids.activityB],
    );
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByText(/已签退，服务时长 2/).waitFor();
    await page.getByTestId('open-checkins').getByText('没有进行中的签到').waitFor();
    expect(problems).toEqual([]);
  });

  it('sees the record with its hours and star progress once the station verifies it', async () => {
    const { page, problems } = watched;
    const pending = await ok<{ serviceRecords: { id: string; hours: number; activity: { id: string } }[] }>(
      tokens.B,
      `query($s: ID!) { serviceRecords(stationId: $s, statuses: [PENDING]) { id hours activity { id } } }`,
      { s: ids.B },
    );
    expect(pending.serviceRecords).toHaveLength(1);
    expect(pending.serviceRecords[0].activity.id).toBe(ids.activityB);
    ids.record = pending.serviceRecords[0].id;
    await page.goto(`${origin}/me/mine`);
    await page.getByTestId(`record-${ids.record}`).waitFor();
    expect(await page.getByTestId(`record-${ids.record}`).innerText()).toContain('待审核');

    await ok(tokens.B, `mutation($id: ID!) { verifyServiceRecord(id: $id, quality: GOOD) { status } }`, {
      id: ids.record,
    });
    await page.goto(`${origin}/me`);
    await page.getByTestId('hours-year').waitFor();
    // The record came from the request the entry chunk sent before the app loaded (landing.ts).
    expect(await page.evaluate(() => performance.getEntriesByName('landing:VolunteerMyRecord').length)).toBe(1);
    expect(await page.getByTestId('hours-year').innerText()).toBe('2.0');
    expect(await page.getByTestId('hours-total').innerText()).toBe('2.0');
    expect(await page.getByText('距下一星级还差 98.0 小时').count()).toBe(1);
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-home-390');
    await page.goto(`${origin}/me/mine`);
    await page.getByTestId(`record-${ids.record}`).waitFor();
    expect(await page.getByTestId(`record-${ids.record}`).innerText()).toContain('已审核');
    expect(await page.getByTestId(`record-${ids.record}`).innerText()).toContain('2.0 小时');
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-records-390');
    expect(problems).toEqual([]);
  });

  it('downloads the certificate PDF; its QR opens the verification page: VALID, then REVOKED', async () => {
    const { page, problems } = watched;
    const cert = (
      await ok<{ issueCertificate: { id: string; number: string; verificationCode: string } }>(
        tokens.B,
        `mutation($i: IssueCertificateInput!) { issueCertificate(input: $i) { id number verificationCode } }`,
        {
          i: {
            stationId: ids.B,
            volunteerId: ids.volunteer,
            recordIds: [ids.record],
          },
        },
      )
    ).issueCertificate;
    await page.goto(`${origin}/me/mine`);
    const item = page.getByTestId(`certificate-${cert.number}`);
    await item.waitFor();
    await shot(page, 'volunteer-certificates-390');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${cert.number}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(cert.number);
    expect(text).toContain(NAME);
    expect(text).toMatch(/累计志愿服务时间\s*2\s*小时/);
    const url = qrOfFirstPage(pdf);
    expect(url).toBe(`${origin}/verify/${cert.verificationCode}`);

    await page.goto(url!);
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('VALID');
    await noHorizontalScroll(page);
    await shot(page, 'certificate-verify-valid-390');
    await ok(
      tokens.B,
      `mutation($id: ID!) { revokeCertificate(id: $id, reason: "记录有误，重新出具") { revokedAt } }`,
      { id: cert.id },
    );
    await page.reload();
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('REVOKED');
    expect(await page.locator('[data-state]').innerText()).toContain('已撤销');
    await shot(page, 'certificate-verify-revoked-390');
    expect(problems).toEqual([]);
  });

  it('checks in by typing the code by hand', async () => {
    const { page, problems } = watched;
    const running = (
      await ok(tokens.A, ACTIVITY, {
        i: {
          stationId: ids.A,
          title: '文艺路便民服务',
          category: 'CONVENIENCE',
          place: '文艺路站点门口',
          startsAt: at(-30),
          endsAt: at(60),
          capacity: 10,
        },
      })
    ).createActivity;
    await page.goto(`${origin}/me`);
    await page.getByRole('link', { name: '签到', exact: true }).click();
    await page.waitForURL('**/checkin');
    const submit = page.getByRole('button', { name: '签到', exact: true });
    const field = page.getByLabel('签到码（活动现场海报上的 6 位字符）');
    // Typed key by key in lower case, as on a phone keyboard; the button waits for all six.
    await field.pressSequentially(String(running.signInCode).slice(0, 5).toLowerCase());
    expect(await submit.isDisabled()).toBe(true);
    await field.pressSequentially(String(running.signInCode).slice(5).toLowerCase());
    expect(await field.inputValue()).toBe(running.signInCode);
    await submit.click();
    await page.getByTestId('checkin-done').waitFor();
    expect(await page.getByTestId('checkin-done').innerText()).toContain('文艺路便民服务');
    await page.getByTestId('open-checkins').getByText('文艺路便民服务').waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-checkin-typed-390');
    const pending = await ok<{ serviceRecords: unknown }>(
      tokens.A,
      `query($s: ID!) { serviceRecords(stationId: $s, statuses: [PENDING]) { status endedAt volunteer { id } activity { id } } }`,
      { s: ids.A },
    );
    expect(pending.serviceRecords).toEqual([
      { status: 'PENDING', endedAt: null, volunteer: { id: ids.volunteer }, activity: { id: running.id } },
    ]);
    expect(problems).toEqual([]);
  }, 120000);

  it("signs up for a duty slot of next week at the volunteer's station", async () => {
    const { page, problems } = watched;
    await page.goto(`${origin}/me/mine`);
    await page.getByRole('link', { name: '值班报名' }).click();
    await page.waitForURL('**/me/duty');
    await page.getByText('下周', { exact: true }).click();
    const card = page.locator('.ant-card', { hasText: '芙蓉区文艺路学雷锋志愿服务站' });
    const slot = card.locator('.vol-list-item').first();
    await slot.waitFor();
    const [date, weekday, hours] = (await slot.locator('span').first().innerText()).split(/\s+/);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-duty-390');
    await slot.getByRole('button', { name: '报名值班' }).click();
    await page.getByText('值班报名成功').waitFor();
    // The slot is covered now: it leaves the list without a reload.
    await waitFor(
      async () => !(await card.innerText()).includes(`${date} ${weekday} ${hours}`),
      10000,
      'the taken slot leaves the list',
    );
    const shifts = await ok<{ station: { dutyShifts: unknown } }>(
      tokens.A,
      `query($s: ID!, $d: Date!) { station(id: $s) { dutyShifts(from: $d, to: $d) { date opens volunteer { id } } } }`,
      { s: ids.A, d: date },
    );
    expect(shifts.station.dutyShifts).toEqual([{ date, opens: hours.split('–')[0], volunteer: { id: ids.volunteer } }]);
    expect(problems).toEqual([]);
  }, 120000);

  it('redeems from the catalogue, withdraws for service and donates by mobile number after seeing the masked name', async () => {
    const { page, problems } = watched;
    const friendPhone = '13700137002';
    const friend = (
      await ok<{ registerVolunteer: { id: string } }>(
        tokens.A,
        `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
        {
          input: {
            name: '张小明',
            phone: friendPhone,
            idNumber: residentId('43010219990523042'),
            politicalStatus: 'OTHER',
            stationId: ids.A,
          },
        },
      )
    ).registerVolunteer.id as string;
    await ok(tokens.A, `mutation($i: CatalogueItemInput!) { addCatalogueItem(input: $i) { id } }`, {
      i: { stationId: ids.A, name: '爱心雨伞', points: 0.5 },
    });
    const balance = page.getByTestId('points-balance');
    await page.goto(`${origin}/me/mine`);
    await page.getByRole('link', { name: '积分', exact: true }).click();
    await page.waitForURL('**/me/points');
    await balance.waitFor();
    expect(await balance.innerText()).toBe('2.0');

    const redeem = page.getByTestId('points-redeem');
    await redeem.getByText('爱心雨伞 · 0.5 积分').waitFor();
    await redeem.getByRole('button', { name: '兑换' }).click();
    await page.getByText('兑换成功').waitFor();
    await waitFor(async () => (await balance.innerText()) === '1.5', 10000, 'balance after redemption');

    const withdraw = page.getByTestId('points-withdraw');
    await withdraw.getByLabel('积分').fill('0.5');
    await withdraw.getByLabel('所需服务').fill('上门理发一次');
    await withdraw.getByRole('button', { name: '兑换服务' }).click();
    await page.getByText('兑换服务成功').waitFor();
    await waitFor(async () => (await balance.innerText()) === '1.0', 10000, 'balance after withdrawal');

    const donate = page.getByTestId('points-donate');
    const phoneField = donate.getByLabel('受赠志愿者手机号（须为同站点志愿者）');
    // A number of no volunteer of my stations: refused in Chinese, nothing to confirm.
    await phoneField.fill('13900000000');
    await donate.getByRole('button', { name: '查找受赠人' }).click();
    await page.getByTestId('donate-recipient-error').waitFor();
    expect(await page.getByTestId('donate-recipient-error').innerText()).toContain('不是与您同站点的志愿者');
    expect(await page.getByTestId('donate-recipient-error').innerText()).toContain('RECIPIENT_NOT_FOUND');
    expect(await donate.getByRole('button', { name: '捐赠', exact: true }).isDisabled()).toBe(true);

    await phoneField.fill('137 0013 7002');
    await donate.getByRole('button', { name: '查找受赠人' }).click();
    await page.getByTestId('donate-recipient').waitFor();
    const shown = await page.getByTestId('donate-recipient').innerText();
    expect(shown).toContain('受赠人：张*明');
    expect(shown).toContain('芙蓉区文艺路学雷锋志愿服务站');
    expect(shown).not.toContain('张小明');
    await donate.getByLabel('积分').fill('0.5');
    await noHorizontalScroll(page);
    await shot(page, 'volunteer-points-donate-390');
    await donate.getByRole('button', { name: '确认捐赠给 张*明' }).click();
    await page.getByText('捐赠成功').waitFor();
    await waitFor(async () => (await balance.innerText()) === '0.5', 10000, 'balance after donation');
    await page
      .getByTestId('points-history')
      .getByText(/捐出积分/)
      .waitFor();
    const history = await page.getByTestId('points-history').innerText();
    expect(history).toMatch(/兑换物品 · [\d-]+ [\d:]+\s*-0\.5/);
    expect(history).toMatch(/兑换服务 · [\d-]+ [\d:]+\s*-0\.5/);
    expect(history).toMatch(/捐出积分 · [\d-]+ [\d:]+\s*-0\.5/);
    expect(history).toMatch(/服务积分 · [\d-]+ [\d:]+\s*\+2\.0/);

    const graph = await ok<{
      me: { timeBank: { balance: number; transactions: { kind: string; counterpartyId: string | null }[] } };
      friend: { timeBank: { balance: number } };
    }>(
      tokens.A,
      `query($me: ID!, $friend: ID!) {
        me: volunteer(id: $me) { timeBank { balance transactions { kind amount counterpartyId } } }
        friend: volunteer(id: $friend) { timeBank { balance } }
      }`,
      { me: ids.volunteer, friend },
    );
    expect(graph.me.timeBank.balance).toBe(0.5);
    expect(graph.friend.timeBank.balance).toBe(0.5);
    const kinds = graph.me.timeBank.transactions.map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(['SERVICE_CREDIT', 'REDEMPTION', 'SERVICE_WITHDRAWAL', 'DONATION']));
    expect(graph.me.timeBank.transactions.find((t) => t.kind === 'DONATION')?.counterpartyId).toBe(friend);
    expect(problems).toEqual([]);
  }, 120000);
});

describe('公示 in public', () => {
  it("publishing puts it on the region's board; its public page shows the candidates and the window, no login", async () => {
    const province = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
      sub: 'province-1',
    });
    const county = await tokenFor({
      roles: ['COUNTY_ADMIN'],
      regionCode: '430102',
      sub: 'county-1',
    });
    const cycle = (
      await ok<{ createCycle: { id: string } }>(
        province,
        `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`,
        {
          input: {
            issuingRegionCode: '430000',
            year: YEAR,
            standardSetId: 'hunan-2012-eight-haves@1',
            ruleProfileId: 'hunan-2012@1',
            levels: ['CITY', 'PROVINCE'],
            phases: PHASES(YEAR),
            quotaTemplate: 'hunan-2012-provincial',
          },
        },
      )
    ).createCycle;
    // Accreditation's replica of station B (station.created) before B applies.
    const app = await waitFor(
      async () => {
        const res = await gql(
          platform.url,
          SUBMIT,
          {
            input: {
              cycleId: cycle.id,
              stationId: ids.B,
              level: 'CITY',
              form: form('五一广场'),
            },
          },
          { token: tokens.B },
        );
        return res.errors ? undefined : res.data!.submitApplication.id;
      },
      20000,
      'accreditation replica of station B',
    );
    now = new Date(`${YEAR}-08-05T10:00:00+08:00`);
    await ok(county, ENDORSE, {
      id: app,
      input: { decision: 'RECOMMEND', comment: '同意推荐' },
    });
    await ok(tokens.city, ENDORSE, {
      id: app,
      input: { decision: 'RECOMMEND', comment: '同意命名' },
    });
    now = new Date(`${YEAR}-10-12T10:00:00+08:00`);
    const notice = (
      await ok(tokens.city, PUBLISH, {
        input: { cycleId: cycle.id, regionCode: '430100' },
      })
    ).publishNotice;

    const { page, problems, context } = await open();
    try {
      // The region's public board (notifications) shows it, pinned, with the public page's address.
      const board = `${platform.subgraphs.notifications.url.replace(/\/graphql$/, '')}/board/regions/430100`;
      await waitFor(
        async () => {
          await page.goto(board);
          return (await page.locator('body').innerText()).includes('市级“雷锋号”拟命名对象公示');
        },
        20000,
        'the 公示 on the region board',
      );
      expect(await page.locator('body').innerText()).toContain(`/publicity/${notice.id}`);
      await noHorizontalScroll(page);
      await shot(page, 'publicity-board-390');

      await page.goto(`${origin}/publicity/${notice.id}`);
      // The region's name arrives with its own query, after the notice.
      await page.getByTestId('publicity-title').filter({ hasText: '长沙市市级“雷锋号”拟命名对象公示' }).waitFor();
      expect(await page.getByTestId('publicity-window').innerText()).toContain(
        `公示期：${notice.startsOn} 至 ${notice.endsOn}`,
      );
      expect(await page.getByTestId('publicity-window').innerText()).toContain('均可对公示对象实名提出异议');
      const candidate = await page.getByTestId(`candidate-${app}`).innerText();
      expect(candidate).toContain('芙蓉区五一广场学雷锋志愿服务站');
      expect(candidate).toContain('主办单位：文艺路街道办事处');
      expect(candidate).toContain('市级');
      await noHorizontalScroll(page);
      await shot(page, 'publicity-page-390');

      // Anyone objects without an account: name, phone proven by the SMS code (read from identity's
      // outbox as notifications would), reason with its counter.
      const objector = '13900139017';
      const reason = '该站点今年多次活动照片与往年重复，服务时长疑似虚报，请核实。';
      await page.getByTestId('objection-name').fill('王小明');
      await page.getByTestId('objection-phone').fill(objector);
      await page.getByTestId('objection-send-code').click();
      await page.getByTestId('objection-code-sent').waitFor();
      expect(await page.getByTestId('objection-code-sent').innerText()).toContain('139****9017');
      await page
        .getByTestId('objection-code')
        .fill(await waitFor(() => lastCodeFor(platform, objector).catch(() => undefined), 10000, 'SMS code'));
      await page.getByTestId('objection-reason').fill(reason);
      expect(await page.getByTestId('objection-form').innerText()).toContain(`${reason.length} / 500`);
      await noHorizontalScroll(page);
      await shot(page, 'publicity-objection-form-390');
      await page.getByTestId('objection-submit').click();
      await page.getByTestId('objection-done').waitFor();
      expect(await page.getByTestId('objection-done').innerText()).toContain('异议已提交');
      await shot(page, 'publicity-objection-done-390');
      expect(problems).toEqual([]);

      // The city's notices page lists it with the objector's name and phone (whole: the city resolves it).
      const officer = await openContext(browser, tokens.city);
      try {
        const officerPage = await officer.newPage();
        await officerPage.goto(`${origin}/campaign/${cycle.id}/notices`);
        await officerPage.getByTestId('objections-table').getByText(reason).waitFor();
        const row = await officerPage.getByTestId('objections-table').innerText();
        expect(row).toContain('王小明 13900139017');
        expect(row).toContain('公众');
      } finally {
        await officer.close();
      }
      // Another officer sees the name and the phone masked; the public sees neither.
      const objections = typedQuery<{ notice: { objections: unknown[] } }>(
        `query($id: ID!) { notice(id: $id) { objections { content publicFiling objectorName objectorPhone } } }`,
      );
      const county = (
        await ok(
          await tokenFor({
            roles: ['COUNTY_ADMIN'],
            regionCode: '430102',
            sub: 'county-2',
          }),
          objections,
          { id: notice.id },
        )
      ).notice.objections;
      expect(county).toEqual([
        {
          content: reason,
          publicFiling: true,
          objectorName: '王小明',
          objectorPhone: '139****9017',
        },
      ]);
      const anonymous = await gql(platform.url, objections, { id: notice.id });
      expect(anonymous.data?.notice.objections[0]).toMatchObject({
        objectorName: null,
        objectorPhone: null,
      });
    } finally {
      await context.close();
    }
  }, 120000);
});
