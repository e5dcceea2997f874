#!/usr/bin/env node
// npm run seed:scale -- [small|city|province] [--stations N --volunteers N --records N] [--seed N] [--region CODE]
//                       [--titled PCT] [--db-prefix leifeng|bench] [--reset | --from records|summaries]
// Fills every service's database with consistent, deterministic data through bulk paths. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedAccreditation } from './accreditation.mjs';
import { fmt, Progress } from './lib.mjs';
import { applyTitleBadges, seedAnnouncements } from './notifications.mjs';
import { seedStationCommunities, seedStations } from './stations.mjs';
import {
  seedActivities,
  seedMemberships,
  seedServiceRecords,
  fillVerifiedHoursYearly,
  seedVolunteers,
  VOLUNTEERS_SUMMARY_CHECKS,
} from './volunteers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = ['stations', 'volunteers', 'accreditation', 'notifications'];
export const PRESETS = {
  small: {
    stations: 200,
    volunteers: 5000,
    records: 50000,
    region: '430200',
    titled: 20,
  },
  // 株洲市: 179 community stations + 900 service points, 530 k registered volunteers.
  city: {
    stations: 1100,
    volunteers: 530000,
    records: 2000000,
    region: '430200',
    titled: 20,
  },
  // Every station titled: the re-review benchmark's population (issue 7: 100 k titled stations).
  province: {
    stations: 100000,
    volunteers: 2000000,
    records: 30000000,
    region: '430000',
    titled: 100,
  },
};
// Tables this script fills, truncated by --reset (children first).
const TABLES = {
  stations: ['station_communities', 'station_month_changes', 'stations'],
  volunteers: [
    'tb_entries',
    'tb_transactions',
    'tb_catalogue',
    'tb_accounts',
    'duty_shifts',
    'training_attendance',
    'trainings',
    'pairings',
    'certificates',
    'demands',
    'activity_signups',
    'service_records',
    'activities',
    'memberships',
    'volunteers',
    'station_ref',
  ],
  accreditation: [
    'review',
    'review_item',
    'review_run',
    'rectification',
    'inspection',
    'title',
    'endorsement',
    'objection',
    'public_notice',
    'application',
    'quota',
    'cycle',
    'station_ref',
  ],
  notifications: ['announcement', 'station_ref'],
};

function parseArgs(argv) {
  const opts = { seed: 7, dbPrefix: 'leifeng', reset: false, from: undefined, ...PRESETS.small };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (PRESETS[a]) Object.assign(opts, PRESETS[a], { preset: a });
    else if (a === '--preset')
      Object.assign(opts, PRESETS[argv[++i]] ?? fail(`unknown preset ${argv[i]}`), { preset: argv[i] });
    else if (a === '--reset') opts.reset = true;
    else if (a === '--from')
      opts.from = ['records', 'summaries'].includes(argv[i + 1]) ? argv[++i] : fail('--from takes: records, summaries');
    else if (['--stations', '--volunteers', '--records', '--seed', '--titled'].includes(a))
      opts[a.slice(2)] = Number(argv[++i]);
    else if (a === '--region') opts.region = argv[++i];
    else if (a === '--db-prefix') opts.dbPrefix = argv[++i];
    else fail(`unknown argument ${a}`);
  }
  for (const k of ['stations', 'volunteers', 'records', 'seed', 'titled'])
    if (!Number.isInteger(opts[k]) || opts[k] < 0) fail(`--${k} must be a non-negative integer`);
  if (opts.stations < 1) fail('--stations must be ≥ 1');
  if (opts.titled > 100) fail('--titled is a percentage of stations (0–100)');
  if (opts.records / Math.max(1, opts.volunteers) > 690)
    fail('at most 690 records per volunteer (one a day over the generated period)');
  if (!/^[a-z][a-z0-9_]*$/.test(opts.dbPrefix)) fail('--db-prefix must be a lowercase identifier');
  if (opts.from && opts.reset) fail('--from resumes an interrupted run: it cannot be combined with --reset');
  return opts;
}

function fail(msg) {
  console.error(`seed:scale: ${msg}`);
  process.exit(2);
}

function dbUrl(prefix, service) {
  const url = new URL(process.env.POSTGRES_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}

/** Each service's own migrations (dist/migrate.js creates the database when missing). */
function migrate(opts) {
  for (const s of SERVICES) {
    execFileSync(process.execPath, [join(ROOT, `services/${s}/dist/migrate.js`)], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        DATABASE_URL: dbUrl(opts.dbPrefix, s),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}

/** station_ref of volunteers, accreditation and notifications: the snapshot station.* events carry. */
async function copyReplicas(db, progress, total) {
  progress.start('station_ref ×3 (replicas)', total * 3);
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await db.stations.query(
      `SELECT id, name, region_code, status, category, unit_headcount, opening_hours::text, established_on::text, updated_at FROM stations WHERE id > $1 ORDER BY id LIMIT 5000`,
      [last],
    );
    if (!rows.length) break;
    last = rows[rows.length - 1].id;
    const col = (k) => rows.map((r) => r[k]);
    await db.volunteers.query(
      `INSERT INTO station_ref (id, name, region_code, status, unit_headcount, opening_hours, source_event_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[], $7::timestamptz[])`,
      [
        col('id'),
        col('name'),
        col('region_code'),
        col('status'),
        col('unit_headcount'),
        col('opening_hours'),
        col('updated_at'),
      ],
    );
    await db.accreditation.query(
      `INSERT INTO station_ref (id, name, region_code, status, category, established_on) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[])`,
      [col('id'), col('name'), col('region_code'), col('status'), col('category'), col('established_on')],
    );
    await db.notifications.query(
      `INSERT INTO station_ref (station_id, name, region_code, status, opening_hours) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [col('id'), col('name'), col('region_code'), col('status'), col('opening_hours')],
    );
    progress.add(rows.length * 3);
  }
  return progress.finish();
}

/** The foreign keys the bulk load did not check row by row, checked set-based: every count must be 0. */
const ORPHANS = {
  volunteers: [
    `SELECT count(*) FROM memberships m WHERE NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.id = m.volunteer_id) OR NOT EXISTS (SELECT 1 FROM station_ref s WHERE s.id = m.station_id)`,
    `SELECT count(*) FROM activities a WHERE NOT EXISTS (SELECT 1 FROM station_ref s WHERE s.id = a.station_id)`,
    `SELECT count(*) FROM service_records r WHERE NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.id = r.volunteer_id) OR NOT EXISTS (SELECT 1 FROM station_ref s WHERE s.id = r.station_id)`,
    // Records are at a station the volunteer is a current member of.
    `SELECT count(*) FROM service_records r WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = r.volunteer_id AND m.station_id = r.station_id AND m.left_on IS NULL)`,
    ...VOLUNTEERS_SUMMARY_CHECKS,
  ],
  accreditation: [
    `SELECT count(*) FROM title t WHERE NOT EXISTS (SELECT 1 FROM cycle c WHERE c.id = t.cycle_id) OR NOT EXISTS (SELECT 1 FROM application a WHERE a.id = t.application_id)`,
    `SELECT count(*) FROM application a WHERE NOT EXISTS (SELECT 1 FROM cycle c WHERE c.id = a.cycle_id)`,
  ],
};

/**
 * `--from records` resumes a run interrupted in or after the service records (a `province` run is about an hour):
 * the stations, replicas, volunteers, memberships and activities stay; what the later steps write is emptied.
 * `--from summaries` also keeps the records and starts again at their summaries (the backfills truncate first).
 */
async function resetFrom(db, from) {
  if (from === 'records') await db.volunteers.query(`TRUNCATE service_records CASCADE`);
  for (const s of ['accreditation', 'notifications'])
    await db[s].query(`TRUNCATE ${TABLES[s].filter((t) => t !== 'station_ref').join(', ')} CASCADE`);
}

async function verify(db, progress) {
  const checks = Object.entries(ORPHANS).flatMap(([s, list]) => list.map((sql) => [s, sql]));
  progress.start('verify foreign keys (set-based)', checks.length);
  for (const [s, sql] of checks) {
    const {
      rows: [{ count }],
    } = await db[s].query(sql);
    if (Number(count) !== 0) throw new Error(`${s}: ${count} inconsistent rows for ${sql}`);
    progress.add(0, 1);
  }
  progress.finish();
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  console.error(
    `seed:scale ${opts.preset ?? 'custom'}: ${fmt(opts.stations)} stations, ${fmt(opts.volunteers)} volunteers, ${fmt(opts.records)} records under ${opts.region}, seed ${opts.seed}, databases ${opts.dbPrefix}_*`,
  );
  migrate(opts);
  const db = {};
  for (const s of SERVICES) {
    db[s] = new pg.Client({
      connectionString: dbUrl(opts.dbPrefix, s),
      application_name: 'seed-scale',
    });
    await db[s].connect();
    // Bulk load: no fsync wait per statement, a roomier sort memory for index builds.
    // Foreign keys are satisfied by construction (ids are the same md5 of seed and number everywhere) and
    // checked set-based at the end (verify): row-by-row FK triggers would cost 3–4× the insert itself.
    await db[s].query(
      `SET synchronous_commit = off; SET work_mem = '64MB'; SET maintenance_work_mem = '256MB'; SET session_replication_role = replica`,
    );
  }
  try {
    const {
      rows: [{ n }],
    } = await db.stations.query(`SELECT count(*)::int AS n FROM stations`);
    if (opts.from) {
      if (n !== opts.stations)
        fail(`--from ${opts.from} needs the ${fmt(opts.stations)} stations of the same preset (found ${fmt(n)})`);
      await resetFrom(db, opts.from);
    } else if (n > 0 && !opts.reset)
      fail(`${opts.dbPrefix}_stations already holds ${n} stations: pass --reset to replace the generated tables`);
    if (opts.reset) {
      for (const s of SERVICES) await db[s].query(`TRUNCATE ${TABLES[s].join(', ')} CASCADE`);
      // The time bank's system accounts, as the volunteers migration creates them.
      await db.volunteers.query(
        `INSERT INTO tb_accounts (system_code) VALUES ('ISSUANCE'), ('REDEMPTION'), ('EXPIRY')`,
      );
    }
    const progress = new Progress();
    if (!opts.from) {
      await seedStations(db.stations, progress, opts);
      await seedStationCommunities(db.stations, progress);
      const { rows: counties } = await db.stations.query(
        `SELECT code FROM regions WHERE level = 'COUNTY' AND code LIKE '43%' AND code <> '439900'`,
      );
      await copyReplicas(db, progress, opts.stations);
      await seedVolunteers(db.volunteers, progress, {
        ...opts,
        counties: counties.map((c) => c.code),
      });
      await seedMemberships(db.volunteers, progress, opts);
      await seedActivities(db.volunteers, progress, opts);
    }
    if (opts.from === 'summaries') await fillVerifiedHoursYearly(db.volunteers, progress);
    else await seedServiceRecords(db.volunteers, progress, opts);
    await seedAccreditation(db.accreditation, progress, opts);
    await applyTitleBadges(db.notifications, db.accreditation, progress);
    await seedAnnouncements(db.notifications, progress, opts);
    await verify(db, progress);
    progress.start('VACUUM ANALYZE', SERVICES.length);
    for (const s of SERVICES) {
      await db[s].query('VACUUM ANALYZE'); // sets the visibility map too, so index-only scans work as on a settled database
      progress.add(1);
    }
    progress.finish();
    const secs = (Date.now() - t0) / 1000;
    console.error(
      `done: ${fmt(progress.totalRows)} rows in ${secs.toFixed(1)} s (${fmt(progress.totalRows / secs)} rows/s overall, migrations included)`,
    );
  } finally {
    for (const s of SERVICES) await db[s].end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
