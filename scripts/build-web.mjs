#!/usr/bin/env node
// Build the web console (apps/web → apps/web/dist, served by the gateway at /).
//
//   node scripts/build-web.mjs            build unless dist is newer than every input
//   node scripts/build-web.mjs --force    always build
//   node scripts/build-web.mjs --typecheck  also run `tsc --noEmit` on the console (CI)
//
// Steps: API schema from services/gateway/supergraph.graphql → graphql-codegen (operation types)
// → [tsc] → vite build. Run by `npm run dev`, `npm test` and `.ci/run`; `npm run build` always
// builds with the type-check.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'apps/web');
const force = process.argv.includes('--force');
const typecheck = process.argv.includes('--typecheck');
const log = (m) => console.log(`[web] ${m}`);

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p)) if (e !== 'gql') max = Math.max(max, newest(path.join(p, e)));
  return max;
}

const inputs = ['src', 'index.html', 'explorer.html', 'vite.config.ts', 'codegen.ts', 'package.json', 'scripts'].map(
  (f) => path.join(WEB, f),
);
inputs.push(
  path.join(ROOT, 'services/gateway/supergraph.graphql'),
  path.join(ROOT, 'services/gateway/src/subscription-sdl.ts'),
);
const built = newest(path.join(WEB, 'dist/index.html'));
if (!force && !typecheck && built && Math.max(...inputs.map(newest)) < built) {
  log('apps/web/dist is up to date');
  process.exit(0);
}

function step(what, cmd, args) {
  const started = Date.now();
  const res = spawnSync(cmd, args, {
    cwd: WEB,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  if (res.status !== 0) {
    console.error(`[web] ${what} failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status || 1);
  }
  log(`${what} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);
step('API schema', process.execPath, ['scripts/api-schema.mjs']);
step('graphql-codegen', process.execPath, [
  bin('@graphql-codegen/cli', 'cjs/bin.js'),
  '--config',
  'codegen.ts',
  '--silent',
]);
if (typecheck)
  step('type-check (tsc --noEmit)', process.execPath, [
    bin('typescript', 'bin/tsc'),
    '--noEmit',
    '-p',
    'tsconfig.json',
  ]);
step('vite build', process.execPath, [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn']);
