import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Business time goes through the kit's clock (`systemClock` / an injected `Clock`), so a sandbox
 * deployment and tests can move it (issue 13 §5). This guard fails on any `Date.now()` or argument-less
 * `new Date()` in service or kit source outside the allowlist below: each entry is real time on
 * purpose (timeouts, latencies, caches, token expiry, a provider's protocol timestamp), with how many
 * such reads the file has, so a new one there fails too.
 */
const ALLOWED: Record<string, { count: number; why: string }> = {
  'packages/kit/src/clock.ts': {
    count: 1,
    why: 'the clock itself (real time plus the sandbox offset)',
  },
  'packages/kit/src/graph-client.ts': {
    count: 3,
    why: 'service token expiry, self-signed or from client credentials (checked by jose against real time)',
  },
  'packages/kit/src/reconciler.ts': {
    count: 1,
    why: 'when the Redis marker was written (operators read it)',
  },
  'packages/kit/src/queue-dashboard.ts': {
    count: 2,
    why: 'refresh throttle of the dashboard queue list',
  },
  'services/accreditation/src/services/graph-facts-source.ts': {
    count: 2,
    why: 'one-minute cache of the schema probe',
  },
  'services/gateway/src/subscriptions.ts': {
    count: 5,
    why: 'token expiry margin, a request id and the agency-scope refresh throttle',
  },
  'services/identity/src/services/key-service.ts': {
    count: 2,
    why: 'cache age of the signing key (signatures and expiry are real time, never sandbox time)',
  },
  'services/notifications/src/jobs/channel-workers.ts': {
    count: 1,
    why: 'BullMQ delays are real-time timestamps',
  },
  'services/notifications/src/services/aliyun-sms-provider.ts': {
    count: 1,
    why: "the provider's signed request timestamp",
  },
  'services/notifications/src/services/webhook-http-post.ts': {
    count: 4,
    why: 'request latency and timeout',
  },
  'services/notifications/src/domain/webhook-signing.ts': {
    count: 1,
    why: 'receivers check the signature timestamp against their real clock',
  },
};

const ROOT = join(__dirname, '../..');
const PATTERN = /Date\.now\(\)|new Date\(\)/g;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist' && name !== 'testing') out.push(...sources(path));
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

it('no Date.now() / new Date() for business time in services or the kit', () => {
  const dirs = [
    join(ROOT, 'packages/kit/src'),
    ...readdirSync(join(ROOT, 'services')).map((s) => join(ROOT, 'services', s, 'src')),
  ].filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  const found: Record<string, number> = {};
  for (const file of dirs.flatMap(sources)) {
    // Comments may talk about Date.now(); code may not.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    const n = code.match(PATTERN)?.length ?? 0;
    if (n) found[relative(ROOT, file)] = n;
  }
  const expected = Object.fromEntries(Object.entries(ALLOWED).map(([f, a]) => [f, a.count]));
  expect(found).toEqual(expected);
});

/**
 * The same for SQL: `now()` / `CURRENT_TIMESTAMP` / `clock_timestamp()` in a statement is the database's
 * real time, which a sandbox clock does not move. Business stamps (signatures, decisions, namings,
 * resolutions, reviews, revocations, matches, cancellations) are passed from the kit's clock; what is left
 * below is bookkeeping on purpose (migrations' column defaults are not scanned: statements pass their values).
 */
const SQL_ALLOWED: Record<string, { count: number; why: string }> = {
  'packages/kit/src/outbox.ts': {
    count: 5,
    why: 'relay bookkeeping: occurred/processed/sent stamps and the reconciler age window are real time (sandbox time ahead of them would stall recovery)',
  },
  'services/accreditation/src/services/application-service.ts': {
    count: 2,
    why: 'application.updated_at, a row audit stamp',
  },
  'services/accreditation/src/services/notice-service.ts': {
    count: 1,
    why: 'application.updated_at, a row audit stamp',
  },
  'services/accreditation/src/services/title-service.ts': {
    count: 1,
    why: 'application.updated_at, a row audit stamp',
  },
  'services/identity/src/demo-accounts.ts': {
    count: 1,
    why: 'development demo grants',
  },
  'services/notifications/src/db/event-log.entity.ts': {
    count: 1,
    why: 'received_at: when the event reached notifications (delivery bookkeeping)',
  },
  'services/notifications/src/jobs/dispatcher.ts': {
    count: 3,
    why: 'dispatched_at markers compared by the job reconciler with real time',
  },
  'services/notifications/src/jobs/receipt-poller.ts': {
    count: 2,
    why: 'sms_message.updated_at, a row audit stamp',
  },
  'services/notifications/src/services/sms-sender.ts': {
    count: 1,
    why: 'sms_message.updated_at, a row audit stamp',
  },
  'services/volunteers/src/services/training-service.ts': {
    count: 2,
    why: 'clock_timestamp() keeps the order of the marks of one call',
  },
  'services/volunteers/src/services/volunteer-profile.ts': {
    count: 2,
    why: 'volunteers.updated_at, a row audit stamp',
  },
};
const SQL_NOW = /(?<![.\w])now\(\)(?!\s*[:{.])|current_timestamp|clock_timestamp\(\)/gi;

it('no SQL now() for business time in services or the kit (migrations aside)', () => {
  const dirs = [
    join(ROOT, 'packages/kit/src'),
    ...readdirSync(join(ROOT, 'services')).map((s) => join(ROOT, 'services', s, 'src')),
  ].filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  const found: Record<string, number> = {};
  for (const file of dirs.flatMap(sources).filter((f) => !f.includes('/migrations/'))) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    const n = code.match(SQL_NOW)?.length ?? 0;
    if (n) found[relative(ROOT, file)] = n;
  }
  expect(found).toEqual(Object.fromEntries(Object.entries(SQL_ALLOWED).map(([f, a]) => [f, a.count])));
});
