import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { waitFor } from '@leifeng/kit/testing';
import type { BrowserGlobals } from './browser-globals';

/** The Debian Chromium, headless, as every browser test starts it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

/**
 * A browser context with the defaults of every browser test (1366×768, zh-CN, Asia/Shanghai), `options` adding
 * to or overriding them (a phone viewport, downloads, geolocation). With a token it is signed in (the token's
 * session in sessionStorage); with `null` it is signed out.
 */
export async function openContext(
  browser: Browser,
  token: string | null,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  if (token) {
    await context.addInitScript((t) => {
      const claims = JSON.parse(
        decodeURIComponent(escape(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))),
      );
      (globalThis as unknown as BrowserGlobals).sessionStorage.setItem(
        'leifeng.session',
        JSON.stringify({ token: t, user: claims }),
      );
    }, token);
  }
  return context;
}

/**
 * A page of `openContext` that records console errors, page errors, failed requests and HTTP errors: a test
 * expects `problems` to stay empty.
 */
export async function openWatched(
  browser: Browser,
  token: string | null,
  options: BrowserContextOptions = {},
): Promise<Watched> {
  const context = await openContext(browser, token, options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A request cut by the next navigation (or a download the page turns into a blob) is not a failure.
    if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? ''))
      problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  return { page, context, problems };
}

/** After a resize the layout settles within a frame or two (breakpoints re-render): poll, then assert. */
export async function noHorizontalScroll(page: Page) {
  const measure = () =>
    page.evaluate(() => {
      const root = (globalThis as unknown as BrowserGlobals).document.documentElement;
      return { scroll: root.scrollWidth as number, client: root.clientWidth as number };
    });
  await waitFor(
    async () => {
      const m = await measure();
      return m.scroll <= m.client;
    },
    3000,
    'no horizontal scroll',
  ).catch(() => undefined);
  const { scroll, client } = await measure();
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Both screen sizes of the brief: 390×844 (no horizontal scroll), then back to 1366×768. */
export async function bothSizes(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await noHorizontalScroll(page);
}

/** Ant Design puts a space between two Chinese characters of a button label: 登记 → "登 记". */
export function button(scope: Page | Locator, label: string): Locator {
  const spaced = [...label].length === 2 ? [...label].join(' ') : label;
  return scope
    .getByRole('button', { name: spaced, exact: true })
    .or(scope.getByRole('button', { name: label, exact: true }));
}
