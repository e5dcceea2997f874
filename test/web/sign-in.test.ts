/**
 * Signing in to the console through identity, in headless Chromium against the real platform:
 *   - a demo account (npm run dev's, services/identity/src/demo-accounts.ts) signs in with its phone and the
 *     6-digit code read from the development SMS sink (SMS_SINK_FILE, as `npm run dev` writes it);
 *   - the invitation it was sent became a second grant: it switches grant from the header, no new sign-in;
 *   - the refresh token is exchanged before the (30 s) access token runs out, and the page keeps working;
 *   - it sets a password from the header, signs out (the refresh token is then refused by the server) and
 *     signs in again with phone + password;
 *   - no console error or failed request, no horizontal scroll at 1366×768 or 390 wide.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { gql, tokenFor, uniqueSuffix, waitFor } from '@leifeng/kit/testing';
import { createDemoAccounts } from '../../services/identity/src/demo-accounts';
import { createChannelWorkers } from '../../services/notifications/src/jobs/channel-workers';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import type { BrowserGlobals } from './browser-globals';
import { launchChromium, noHorizontalScroll, openWatched } from './watched-page';

const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const SINK = join(tmpdir(), `leifeng-sms-sink-${uniqueSuffix()}.log`);
const COUNTY = '13800000003';
const PASSWORD = '芙蓉区 雷锋岗 2026 春';

let platform: TestPlatform;
let origin: string;
let browser: Browser;

/** The newest sign-in code the development sink "sent" to that phone (it logs the number masked). */
function codeFromSink(phone: string): string | undefined {
  if (!existsSync(SINK)) return undefined;
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const lines = readFileSync(SINK, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { to: string; text: string });
  const text = lines.filter((l) => l.to === masked && l.text.includes('验证码')).at(-1)?.text;
  return text?.match(/(\d{6})/)?.[1];
}

/** A signed-out page, watched like every other. */
const open = (viewport = { width: 1366, height: 768 }) => openWatched(browser, null, { viewport });

const stored = (page: Page, key: string) =>
  page.evaluate((k) => (globalThis as unknown as BrowserGlobals).sessionStorage.getItem(k) as string | null, key);

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    execSync('npm run build -w apps/web', { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  platform = await startTestPlatform({
    // identity relays its code events, notifications sends them through the development sink.
    workers: ['identity', 'notifications'],
    extraWorkers: {
      notifications: (deps) =>
        createChannelWorkers(deps, {
          env: { ...process.env, NODE_ENV: 'test', SMS_SINK_FILE: SINK },
        }),
    },
    envBySubgraph: { identity: { ACCESS_TOKEN_TTL_SEC: '30' } },
  });
  origin = platform.url.replace(/\/graphql$/, '');
  // What `npm run dev` does after the platform is up: one demo account per role.
  const lines = await createDemoAccounts({
    ...platform.subgraphs.identity.env,
    GATEWAY_URL: platform.url,
  });
  expect(lines.join('\n')).toContain(COUNTY);
  // The city invites the county admin as an inspector too: accepted at the next sign-in with that phone.
  const city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-admin',
  });
  const invited = await gql(
    platform.url,
    `mutation ($i: InviteGrantInput!) { inviteGrant(input: $i) { id } }`,
    { i: { phone: COUNTY, role: 'INSPECTOR', regionCode: '430102' } },
    { token: city },
  );
  expect(invited.errors).toBeUndefined();
  browser = await launchChromium();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(SINK, { force: true });
});

describe('console sign-in through identity', () => {
  it('signs in with the SMS code from the development sink, switches grant, refreshes in time, sets a password and signs out', async () => {
    const { page, context, problems } = await open({ width: 390, height: 844 });
    try {
      await page.goto(`${origin}/stations`);
      await page.waitForURL(/\/signin\?next=/);
      await page.getByRole('tab', { name: '开发环境' }).waitFor(); // outside production only
      await page.getByLabel('手机号').fill(COUNTY);
      await page.getByTestId('send-code').click();
      await page.getByTestId('code-sent').waitFor();
      await noHorizontalScroll(page);
      await page.screenshot({
        path: join(SHOTS, 'signin-code-390.png'),
        fullPage: true,
      });
      const code = await waitFor(async () => codeFromSink(COUNTY), 20000, 'the code in the development SMS sink');

      // A wrong code first: the page says so in Chinese and stays.
      await page.getByRole('textbox', { name: '验证码' }).fill(code === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByTestId('signin-error').getByText('验证码错误').waitFor();
      problems.length = 0; // the refused sign-in is an expected GraphQL error, not a page problem
      await page.getByRole('textbox', { name: '验证码' }).fill(code);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL('**/stations');
      expect(await page.getByTestId('current-role').innerText()).toBe('县级管理员');
      await noHorizontalScroll(page);

      // Two grants (demo county admin + the accepted invitation): switch from the header.
      await page.setViewportSize({ width: 1366, height: 768 });
      const firstRefresh = await stored(page, 'leifeng.refresh');
      expect(firstRefresh).toBeTruthy();
      await page.getByTestId('grant-switcher').click();
      await page.getByTitle('督导员 · 芙蓉区').click();
      await waitFor(
        async () => (await page.getByTestId('current-role').innerText()) === '督导员',
        10000,
        'the inspector grant in use',
      );
      await page.screenshot({ path: join(SHOTS, 'grant-switched.png') });
      const switched = await stored(page, 'leifeng.refresh');
      expect(switched).not.toBe(firstRefresh);

      // The 30 s access token is exchanged before it runs out (half its life for so short a token).
      const before = JSON.parse((await stored(page, 'leifeng.session'))!) as {
        user: { exp: number };
      };
      const renewed = await waitFor(
        async () => {
          const now = await stored(page, 'leifeng.refresh');
          return now && now !== switched ? now : undefined;
        },
        40000,
        'the refresh token rotated by the page',
      );
      expect(Date.now()).toBeLessThan(before.user.exp * 1000); // before the old access token ran out
      const after = JSON.parse((await stored(page, 'leifeng.session'))!) as {
        user: { exp: number; roles: string[] };
      };
      expect(after.user.exp).toBeGreaterThan(before.user.exp);
      expect(after.user.roles).toEqual(['INSPECTOR']); // the grant in use survives the refresh
      // A reload keeps the session (sessionStorage) and the grant.
      await page.goto(`${origin}/`);
      expect(await page.getByTestId('current-role').innerText()).toBe('督导员');

      // A password from the header, then sign out: the server refuses the last refresh token afterwards.
      await page.getByTestId('account-menu').hover();
      await page.getByText('设置密码').click();
      await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
      await page.getByLabel('确认新密码').fill(PASSWORD);
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('密码已设置').waitFor();
      const last = await stored(page, 'leifeng.refresh');
      await page.getByRole('button', { name: '退出', exact: true }).click();
      await page.waitForURL('**/signin');
      expect(await stored(page, 'leifeng.refresh')).toBeNull();
      const ended = await gql(
        platform.url,
        `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
        { t: last ?? renewed },
      );
      expect(ended.errors?.[0].extensions?.code).toBe('SESSION_ENDED');

      // Phone + password.
      await page.getByRole('tab', { name: '密码登录' }).click();
      await page.getByLabel('手机号').fill(COUNTY);
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${origin}/`);
      expect(await page.getByTestId('current-role').innerText()).toBe('县级管理员');
      await page.screenshot({ path: join(SHOTS, 'signed-in-password.png') });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240000);
});
