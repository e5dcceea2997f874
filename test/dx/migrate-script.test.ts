/**
 * `npm run migrate` (issue 11, point 13): every npm script that runs a file names one that exists,
 * and the migrate script migrates every subgraph's own database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@leifeng/kit/testing';

const ROOT = join(__dirname, '..', '..');
/** Every subgraph (the one list the gateway, dev script and migrate script read). */
const SERVICES = (
  JSON.parse(readFileSync(join(ROOT, 'services/gateway/src/subgraphs.json'), 'utf8')) as { name: string }[]
).map((s) => s.name);
jest.setTimeout(240_000);

describe('npm scripts', () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const files = Object.entries(scripts)
    .flatMap(([name, cmd]) => [...cmd.matchAll(/\bnode\s+(\S+\.m?js)\b/g)].map((m) => [name, m[1]] as const))
    .filter(([, f]) => !f.includes('/dist/'));
  it.each(files)('%s runs %s, which exists', (_name, file) => {
    expect({ file, exists: existsSync(join(ROOT, file)) }).toEqual({
      file,
      exists: true,
    });
  });
});

describe('scripts/migrate.mjs', () => {
  const dbs = new Map<string, TestDatabase>();
  afterAll(async () => {
    await Promise.all([...dbs.values()].map((d) => d.drop()));
  });

  it('migrates the database of every subgraph, each its own, and is idempotent', async () => {
    for (const s of SERVICES) dbs.set(s, await createTestDatabase(`mig_${s}`));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: 'postgres://wrong:wrong@127.0.0.1:1/never',
    };
    for (const s of SERVICES) env[`${s.toUpperCase()}_DATABASE_URL`] = dbs.get(s)!.url;
    for (let run = 0; run < 2; run++)
      execFileSync(process.execPath, [join(ROOT, 'scripts/migrate.mjs')], {
        cwd: ROOT,
        env,
        stdio: 'pipe',
      });
    for (const s of SERVICES) {
      const client = new Client({ connectionString: dbs.get(s)!.url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT name FROM migrations`);
        const dir = join(ROOT, 'services', s, 'src', 'db', 'migrations');
        // Every migration of the service ran exactly once (the second run added nothing).
        const own = readdirSync(dir)
          .filter((f) => f.endsWith('.ts'))
          .map((f) => f.replace(/^(\d+)-(\w+)\.ts$/, '$2$1'));
        expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(own));
        expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
      } finally {
        await client.end();
      }
    }
  });

  it('refuses an unknown service name and migrates nothing', () => {
    let status = 0;
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/migrate.mjs'), '--no-build', 'nosuch'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
