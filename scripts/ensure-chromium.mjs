#!/usr/bin/env node
// Make sure Debian's Chromium, CJK fonts and poppler-utils are installed for the browser and PDF tests.
//
//   node scripts/ensure-chromium.mjs        (run by `npm test`)
//
// The notice-board test drives /usr/bin/chromium through playwright-core (never
// `npx playwright install`: browser downloads are blocked). On a fresh machine:
//   - /usr/bin/chromium present and a CJK font installed → nothing to do;
//   - else, as root on Debian/Ubuntu → apt-get update && apt-get install -y chromium fonts-noto-cjk
//     (non-interactive);
//   - else exit non-zero saying what to install.
// Settings: CHROMIUM_PATH (default /usr/bin/chromium).
import { existsSync } from 'node:fs';
import { run, which } from './lib/run.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const log = (msg) => console.log(`[chromium] ${msg}`);

async function hasCjkFont() {
  if (!which('fc-list')) return false;
  const res = await run('fc-list', [':lang=zh', 'family']);
  return res.code === 0 && res.stdout.trim().length > 0;
}

function canApt() {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (!which('apt-get') || !existsSync('/etc/debian_version')) return 'not a Debian/Ubuntu system with apt-get';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root';
  return null;
}

async function main() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!(await hasCjkFont())) missing.push('fonts-noto-cjk');
  // Certificate PDFs are read back with poppler (pdftotext, pdftoppm) in the volunteers tests.
  if (!which('pdftotext') || !which('pdftoppm')) missing.push('poppler-utils');
  if (missing.length === 0) return;

  const why = canApt();
  if (why) {
    console.error(
      `[chromium] missing: ${missing.join(', ')} (${why}, so not installing).\n` +
        `Install them yourself, e.g.: sudo apt-get install -y ${missing.join(' ')}\n` +
        `or point CHROMIUM_PATH at a Chromium binary.`,
    );
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing ${missing.join(' ')} with apt-get (can take a few minutes)`);
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', '--no-install-recommends', ...missing],
  ]) {
    const res = await run('apt-get', args, {
      env,
      stdio: 'inherit',
      timeoutMs: 15 * 60_000,
    });
    if (res.code !== 0) {
      console.error(`[chromium] apt-get ${args.join(' ')} failed (exit ${res.code}); see its output above`);
      process.exit(1);
    }
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`[chromium] apt-get finished but ${CHROMIUM} is still missing; set CHROMIUM_PATH`);
    process.exit(1);
  }
  log('ready');
}

main().catch((err) => {
  console.error(`[chromium] ${err?.message ?? err}`);
  process.exit(1);
});
