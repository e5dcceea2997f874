/**
 * Fuzzes every mutation of the supergraph through the gateway (issue 11): wrong types, empty and 1 MB
 * strings, unicode oddities, injection strings, negative and out-of-range numbers, impossible dates and
 * unknown enum values. Each answer must be a coded client error (never INTERNAL_SERVER_ERROR, never an
 * HTTP 5xx), and no row of any table of any service (outbox included) may change.
 *
 * The caller is authenticated with a wide scope (province admin of 430000 + SERVICE + AGENCY) so the
 * calls get past authentication. The mutations are read from the gateway's schema, so a new mutation is
 * fuzzed without touching this file. Each argument starts from a baseline that cannot succeed (ids are
 * random UUIDs that exist nowhere, codes are not codes), and one leaf at a time gets a fuzz value.
 */
import { Client } from 'pg';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { tokenFor } from '@leifeng/kit/testing';
import { startTestPlatform, SUBGRAPH_NAMES, type TestPlatform } from '../support/platform';

let platform: TestPlatform;
let schema: GraphQLSchema;
let token: string;
const dbs: Record<string, Client> = {};

const ONE_MB = 'x'.repeat(1024 * 1024);
const STRINGS: unknown[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202e文字反转',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '\ud800',
  'e\u0301\u0301\u0301\u0301',
  '\u200b\u200d\ufeff',
  "' OR '1'='1' --",
  "'; DROP TABLE outbox; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '../../../../etc/passwd',
  '{"$gt": ""}',
  'x'.repeat(20_000),
  '-1',
  '00000000-0000-0000-0000-000000000000',
];
const BY_TYPE: Record<string, unknown[]> = {
  String: STRINGS,
  ID: STRINGS,
  Int: [-1, -2147483648, 2147483648, 1.5, '1', 0],
  Float: [-1, -1e308, 1e308, '1.5', 0, -0.000001],
  Boolean: ['true', 0, 'yes'],
  Date: ['2026-02-30', '2026-13-01', 'yesterday', '', '9999-99-99', 20260101, '2026-02-29'],
  DateTime: ['2026-02-30T10:00:00Z', '2026-13-01T00:00:00+08:00', 'yesterday', '', '1', '2026-03-01T25:00:00Z'],
  JSON: ['x', [], -1, { $where: '1' }],
};
const ENUM_VALUES: unknown[] = ['NOT_A_VALUE', '', 0, 'active'];
/** Wrong types for any leaf. */
const WRONG_TYPES: unknown[] = [{ nested: 'object' }, [[1]], true];

const randomUuid = () => crypto.randomUUID();

function scalarBaseline(type: GraphQLNamedType): unknown {
  if (isEnumType(type)) return type.getValues()[0].name;
  switch (type.name) {
    case 'ID':
      return randomUuid();
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return true;
    case 'Date':
      return '2026-03-01';
    case 'DateTime':
      return '2026-03-01T08:00:00+08:00';
    case 'JSON':
      return {};
    default:
      return '测试';
  }
}

/** Every field filled (down to a depth), so every leaf has a place to put a fuzz value. */
function baseline(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return baseline(type.ofType, depth);
  if (isListType(type)) return [baseline(type.ofType, depth)];
  if (isInputObjectType(type)) {
    if (depth > 3) return undefined;
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const v = baseline(f.type, depth + 1);
      if (v !== undefined) out[f.name] = v;
      else if (isNonNullType(f.type)) return undefined;
    }
    return out;
  }
  return scalarBaseline(getNamedType(type));
}

interface Leaf {
  path: (string | number)[];
  type: GraphQLNamedType;
}

function leaves(type: GraphQLInputType, path: (string | number)[], out: Leaf[], depth = 0): void {
  if (isNonNullType(type)) return leaves(type.ofType, path, out, depth);
  if (isListType(type)) return leaves(type.ofType, [...path, 0], out, depth);
  if (isInputObjectType(type)) {
    if (depth > 3) return;
    for (const f of Object.values(type.getFields())) leaves(f.type, [...path, f.name], out, depth + 1);
    return;
  }
  out.push({ path, type: getNamedType(type) });
}

function setAt(args: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  // Arguments are plain JSON: objects and arrays indexed by the path's keys.
  type Node = Record<string | number, unknown>;
  let at: Node = copy;
  for (const key of path.slice(0, -1)) {
    if (at[key] === undefined || at[key] === null) return copy;
    at = at[key] as Node;
  }
  at[path[path.length - 1]] = value;
  return copy;
}

function fuzzValues(type: GraphQLNamedType): unknown[] {
  if (isEnumType(type)) return ENUM_VALUES;
  return BY_TYPE[type.name] ?? STRINGS;
}

interface Case {
  label: string;
  variables: Record<string, unknown>;
}

/** Rotates through each value list across the whole run, so every value is used somewhere. */
const rotation = new Map<unknown[], number>();
function nextOf(values: unknown[]): unknown {
  const i = rotation.get(values) ?? 0;
  rotation.set(values, i + 1);
  return values[i % values.length];
}

/**
 * Fuzz cases of a mutation: one value per leaf (rotating), a wrong type on every third leaf, every
 * value of the non-text classes (numbers, dates, enums …) on the first leaf of that type, one 1 MB string.
 */
function casesOf(field: GraphQLField<unknown, unknown>): Case[] {
  const base: Record<string, unknown> = {};
  const all: Leaf[] = [];
  for (const arg of field.args) {
    const v = baseline(arg.type);
    if (v !== undefined) base[arg.name] = v;
    leaves(arg.type, [arg.name], all);
  }
  const cases: Case[] = [];
  const add = (leaf: Leaf, value: unknown, label = JSON.stringify(value).slice(0, 40)) =>
    cases.push({
      label: `${leaf.path.join('.')}=${label}`,
      variables: setAt(base, leaf.path, value),
    });
  all.forEach((leaf, i) => {
    const values = fuzzValues(leaf.type);
    add(leaf, nextOf(values));
    if (i % 3 === 0) add(leaf, nextOf(WRONG_TYPES), '<wrong type>');
  });
  for (const [name, values] of Object.entries({
    ...BY_TYPE,
    enum: ENUM_VALUES,
  })) {
    if (name === 'String' || name === 'ID') continue;
    const leaf = all.find((l) => (name === 'enum' ? isEnumType(l.type) : l.type.name === name));
    if (leaf) for (const value of values) add(leaf, value);
  }
  const text = all.find((l) => isScalarType(l.type) && (l.type.name === 'String' || l.type.name === 'ID'));
  if (text) add(text, ONE_MB, '<1 MB>');
  // A mutation without arguments has no input to get wrong (signOutEverywhere, rotateSigningKey): nothing to fuzz.
  return cases;
}

function operationOf(field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation Fuzz${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** Count and content hash of every table of every service. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const db = dbs[name];
    const { rows: tables } = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const sql = tables
      .map(
        ({ table_name: t }) =>
          `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`,
      )
      .join(' UNION ALL ');
    if (!sql) continue;
    for (const r of (await db.query(sql)).rows) out[`${name}.${r.t}`] = `${r.n}:${r.h}`;
  }
  return out;
}

/** Codes that mean the server, not the input, failed. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR', undefined]);

async function run(query: string, c: Case): Promise<string | undefined> {
  const res = await fetch(platform.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables: c.variables }),
  });
  const text = await res.text();
  let body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  try {
    body = JSON.parse(text);
  } catch {
    return `${c.label}: HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`;
  }
  if (res.status >= 500) return `${c.label}: HTTP ${res.status} ${text.slice(0, 200)}`;
  if (!body.errors?.length) return `${c.label}: accepted (${text.slice(0, 200)})`;
  const bad = body.errors.find((e) => SERVER_CODES.has(e.extensions?.code));
  if (bad) return `${c.label}: ${bad.extensions?.code} ${bad.message.slice(0, 200)}`;
  const value = body.data ? Object.values(body.data)[0] : null;
  if (value !== null && value !== undefined) return `${c.label}: data returned ${JSON.stringify(value).slice(0, 120)}`;
  return undefined;
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

beforeAll(async () => {
  platform = await startTestPlatform();
  token = await tokenFor({
    sub: 'fuzzer',
    roles: ['PROVINCE_ADMIN', 'SERVICE', 'AGENCY'],
    regionCode: '430000',
    agencyId: 'fuzz-agency',
  });
  for (const name of SUBGRAPH_NAMES) {
    dbs[name] = new Client({
      connectionString: platform.subgraphs[name].db.url,
    });
    await dbs[name].connect();
  }
  const res = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  schema = buildClientSchema(((await res.json()) as { data: IntrospectionQuery }).data);
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(dbs).map((db) => db.end()));
  await platform?.stop();
});

it('every mutation answers fuzzed input with a coded client error and writes nothing', async () => {
  const mutations = Object.values(schema.getMutationType()!.getFields());
  expect(mutations.length).toBeGreaterThan(50);
  const before = await snapshot();
  const failures: string[] = [];
  const transient: string[] = [];
  let total = 0;
  const started = Date.now();
  for (const field of mutations) {
    const query = operationOf(field);
    const cases = casesOf(field);
    total += cases.length;
    await inParallel(cases, 6, async (c) => {
      let failure = await run(query, c);
      if (failure && / (INTERNAL_SERVER_ERROR|SUBGRAPH_UNAVAILABLE) /.test(failure)) {
        // Once, under a heavily loaded machine (load average 25 on 2 cores), a request failed inside the
        // server for a reason the same input did not reproduce: a server error is retried once, and one
        // that comes back is a finding. Transient ones are still printed.
        const retry = await run(query, c);
        if (!retry) transient.push(`${field.name}(${failure})`);
        failure = retry;
      }
      if (failure) failures.push(`${field.name}(${failure})`);
    });
  }
  console.log(
    `fuzzed ${mutations.length} mutations with ${total} requests in ${Date.now() - started} ms`,
    transient.length ? { transient } : '',
  );
  const after = await snapshot();
  const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
  expect({ failures, changed }).toEqual({ failures: [], changed: [] });
  expect(total).toBeGreaterThan(500);
}, 240_000);
