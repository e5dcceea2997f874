#!/usr/bin/env node
// `npm run migrate [-- [--no-build] [service ...]]`: run the migrations of every subgraph (or of the
// ones named), one after the other, from the compiled dist/ (compiled first with tsc -b unless --no-build).
//
// Each service migrates its own database: DATABASE_URL is not shared between services, so it is read
// per service as <NAME>_DATABASE_URL (e.g. STATIONS_DATABASE_URL); when that is not set the service
// derives it itself (POSTGRES_URL's server, database leifeng_<name>, created when missing).
// Migrations run under an advisory lock, so running this next to a live deployment is safe.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Every subgraph, from the one list of subgraphs (services/gateway/src/subgraphs.json). Dependency order does not
 * matter (no service reads another's database); this is the dev order.
 */
export const SUBGRAPHS = JSON.parse(readFileSync(path.join(ROOT, 'services/gateway/src/subgraphs.json'), 'utf8')).map(
  (s) => s.name,
);

function runNode(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function main(argv) {
  const build = !argv.includes('--no-build');
  const named = argv.filter((a) => !a.startsWith('--'));
  const unknown = named.filter((n) => !SUBGRAPHS.includes(n));
  if (unknown.length) {
    console.error(`[migrate] unknown service ${unknown.join(', ')}; known: ${SUBGRAPHS.join(', ')}`);
    return 2;
  }
  const services = named.length ? SUBGRAPHS.filter((s) => named.includes(s)) : SUBGRAPHS;
  if (build) {
    console.log('[migrate] compiling: tsc -b tsconfig.build.json');
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const code = await runNode([tsc, '-b', 'tsconfig.build.json'], process.env);
    if (code !== 0) {
      console.error('[migrate] the build failed; nothing migrated');
      return code;
    }
  }
  for (const name of services) {
    const entry = path.join('services', name, 'dist', 'migrate.js');
    if (!existsSync(path.join(ROOT, entry))) {
      console.error(`[migrate] ${entry} does not exist; run without --no-build`);
      return 1;
    }
    const env = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
    };
    delete env.DATABASE_URL; // one URL can never be right for every service
    const own = process.env[`${name.toUpperCase()}_DATABASE_URL`];
    if (own) env.DATABASE_URL = own;
    console.log(`[migrate] ${name}`);
    // One at a time: concurrent CREATE DATABASE from template1 can fail.
    const code = await runNode([entry], env);
    if (code !== 0) {
      console.error(`[migrate] ${name} failed (exit ${code}); the services after it were not migrated`);
      return code;
    }
  }
  console.log(`[migrate] done: ${services.join(', ')}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
