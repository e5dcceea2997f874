#!/usr/bin/env node
// Installs dependencies (`npm ci`) when node_modules is missing or older than package-lock.json, so a
// newcomer's `npm run dev` / `npm test` work on a fresh clone. Node built-ins only: it runs before any
// dependency exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(ROOT, 'package-lock.json');
// npm writes node_modules/.package-lock.json on every install: its age says when we last installed.
const installed = path.join(ROOT, 'node_modules', '.package-lock.json');

export function dependenciesStale() {
  return !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (dependenciesStale()) {
    console.log('[deps] node_modules missing or older than package-lock.json: running npm ci');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error('[deps] npm ci failed; fix the error above and run it again');
      process.exit(result.status ?? 1);
    }
  }
}
