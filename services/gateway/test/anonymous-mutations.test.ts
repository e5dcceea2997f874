/**
 * Authentication before validation or look-up (issue 11.1), generated from the supergraph: every
 * Mutation field not tagged `@tag(name: "public")` is called anonymously through the real gateway over
 * the real subgraphs — with a missing id, with ids that exist, and with wrong values — and must answer
 * UNAUTHENTICATED (HTTP 401) each time, writing nothing. A new mutation is covered without editing
 * this file; the answer can never tell a stranger whether an id exists or what a valid input is.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { composeServices } from '@apollo/composition';
import { publicMutationFields } from '@leifeng/kit';
import { gql, tokenFor, type GqlResponse, type TypedQuery } from '@leifeng/kit/testing';
import { SUBGRAPH_NAMES, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { applyStationEvent } from '../../volunteers/src/services/station-ref';
import { volunteerInput } from '../../volunteers/test/helpers';
import { SUPERGRAPH_PATH } from '../src/subgraphs';

const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const schema: GraphQLSchema = buildSchema(sdl);
const PUBLIC = publicMutationFields(parse(sdl));
const MUTATIONS = Object.values(schema.getMutationType()!.getFields()).filter((f) => !PUBLIC.has(f.name));

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

type Variant = 'missing' | 'existing' | 'invalid';

/** Ids of rows that exist, by kind; filled by the fixtures below. */
const existing: Record<string, string> = {};

/** The id a variant puts in an ID-typed value, chosen by the argument's name and the mutation's result. */
function idFor(variant: Variant, name: string, field: GraphQLField<unknown, unknown>): string {
  if (/regionCode$/i.test(name)) return variant === 'existing' ? '430102' : variant === 'invalid' ? '43' : '999999';
  if (variant === 'invalid') return "1' OR '1'='1";
  if (variant === 'missing') return MISSING_ID;
  const byName: Record<string, string> = {
    stationId: 'station',
    cycleId: 'cycle',
    volunteerId: 'volunteer',
    activityId: 'activity',
    membershipId: 'membership',
  };
  const byResult: Record<string, string> = {
    Station: 'station',
    AccreditationCycle: 'cycle',
    Volunteer: 'volunteer',
    Activity: 'activity',
    Membership: 'membership',
  };
  const kind = byName[name] ?? (name === 'id' ? byResult[getNamedType(field.type).name] : undefined);
  // Kinds without a fixture get an id that exists elsewhere (a station's): still a real row.
  return existing[kind ?? 'station'];
}

/** A type-correct value (or, for `invalid`, a well-typed but wrong one) for every required input. */
function valueFor(
  type: GraphQLInputType,
  name: string,
  variant: Variant,
  field: GraphQLField<unknown, unknown>,
): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, variant, field);
  if (isListType(type)) return [valueFor(type.ofType, name, variant, field)];
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = valueFor(f.type, f.name, variant, field);
    }
    return out;
  }
  if (isEnumType(type)) return type.getValues()[0].name;
  const bad = variant === 'invalid';
  switch (type.name) {
    case 'ID':
      return idFor(variant, name, field);
    case 'String':
      return bad ? '' : '测试';
    case 'Int':
      return bad ? -2147483648 : 1;
    case 'Float':
      return bad ? -1e308 : 1.5;
    case 'Boolean':
      return true;
    case 'Date':
      return bad ? '2026-02-30' : '2027-03-01';
    case 'DateTime':
      return bad ? 'yesterday' : '2027-03-01T09:00:00+08:00';
    default:
      return bad ? { $where: '1' } : {};
  }
}

/** A GraphQL literal for a value (the invalid variant goes inline, as a hand-written attack would). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return `[${(value as unknown[]).map((v) => literal(v, type.ofType)).join(', ')}]`;
  if (isEnumType(type)) return String(value);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k].type)}`)
      .join(', ')}}`;
  }
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k.replace(/\W/g, '')}: ${JSON.stringify(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

function call(
  field: GraphQLField<unknown, unknown>,
  variant: Variant,
): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
  const variables: Record<string, unknown> = {};
  if (variant === 'invalid') {
    const args = required
      .map((a) => `${a.name}: ${literal(valueFor(a.type, a.name, variant, field), a.type)}`)
      .join(', ');
    return {
      query: `mutation { ${field.name}${args ? `(${args})` : ''}${selection} }`,
      variables,
    };
  }
  const defs = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  for (const a of required) variables[a.name] = valueFor(a.type, a.name, variant, field);
  return {
    query: `mutation${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    variables,
  };
}

let platform: TestPlatform;
const dbs: Record<string, Client> = {};

/** Row counts of every table (outbox included) of every subgraph database. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const { rows } = await dbs[name].query(`
      SELECT table_name AS t,
             (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text::int AS c
        FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    for (const r of rows) counts[`${name}.${r.t}`] = r.c;
  }
  return counts;
}

async function ok<T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown>): Promise<T> {
  const res = await gql(platform.url, query, variables, { token });
  if (res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
  if (res.data === undefined) throw new Error(`fixture failed: no data for ${query}`);
  return res.data;
}

beforeAll(async () => {
  // No workers: nothing changes rows behind the test's back between the two counts.
  platform = await startTestPlatform();
  for (const name of SUBGRAPH_NAMES) {
    dbs[name] = new Client({
      connectionString: platform.subgraphs[name].db.url,
    });
    await dbs[name].connect();
  }
  const city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-430100',
  });
  existing.station = (await ok(city, CREATE, { input: stationInput({ name: '匿名变更测试站' }) })).createStation.id;
  // The volunteers' station replica, as its event consumer would write it.
  await platform.subgraphs.volunteers.api.deps.ds.transaction((m) =>
    applyStationEvent(m, {
      id: randomUUID(),
      type: 'station.created',
      source: 'stations',
      aggregateType: 'Station',
      aggregateId: existing.station,
      occurredAt: new Date().toISOString(),
      payload: {
        stationId: existing.station,
        name: '匿名变更测试站',
        regionCode: '430102',
        category: 'COMMUNITY',
        status: 'ACTIVE',
        unitHeadcount: 40,
        openingHours: [],
        establishedOn: '2012-03-05',
      },
    }),
  );
  const registered = await ok<{ registerVolunteer: { id: string; stations: { id: string }[] } }>(
    city,
    `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id stations { id } } }`,
    {
      input: volunteerInput({ stationId: existing.station }),
    },
  );
  existing.volunteer = registered.registerVolunteer.id;
  existing.membership = registered.registerVolunteer.stations[0].id;
  existing.activity = (
    await ok<{ createActivity: { id: string } }>(
      city,
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
      {
        input: {
          stationId: existing.station,
          title: '社区助老',
          category: 'CENTRAL_WORK',
          startsAt: '2027-03-01T09:00:00+08:00',
          endsAt: '2027-03-01T11:00:00+08:00',
          place: '五一社区',
        },
      },
    )
  ).createActivity.id;
  const province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
    sub: 'province',
  });
  const phases = ['DEPLOYMENT', 'PREPARATION', 'APPLICATION', 'CULTIVATION', 'REVIEW', 'NAMING'].map((phase, i) => ({
    phase,
    startsOn: `2027-${String(i + 4).padStart(2, '0')}-01`,
    endsOn: `2027-${String(i + 4).padStart(2, '0')}-20`,
  }));
  existing.cycle = (
    await ok<{ createCycle: { id: string } }>(
      province,
      `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`,
      {
        input: {
          issuingRegionCode: '430000',
          ruleProfileId: 'hunan-2012@1',
          year: 2027,
          standardSetId: 'hunan-2012-eight-haves@1',
          levels: ['CITY', 'PROVINCE'],
          phases,
        },
      },
    )
  ).createCycle.id;
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(dbs).map((c) => c.end()));
  await platform?.stop();
});

it('covers every mutation of the supergraph (only sign-in and the public objection to a 公示 are public)', () => {
  expect(MUTATIONS.length).toBeGreaterThanOrEqual(58);
  expect([...PUBLIC].sort()).toEqual([
    'filePublicObjection',
    'refreshSession',
    'requestPhoneVerificationCode',
    'requestSignInCode',
    'signInWithCode',
    'signInWithPassword',
    'signOut',
    'verifyPhone',
  ]);
});

describe.each<Variant>(['missing', 'existing', 'invalid'])('anonymous mutations with %s ids and values', (variant) => {
  it('answer UNAUTHENTICATED (401) for every non-public mutation and write nothing', async () => {
    const before = await rowCounts();
    const wrong: {
      mutation: string;
      status: number;
      errors: GqlResponse['errors'];
      data: unknown;
    }[] = [];
    for (const field of MUTATIONS) {
      const { query, variables } = call(field, variant);
      const res = await gql<Record<string, unknown>>(platform.url, query, variables);
      const codes = res.errors?.map((e) => e.extensions?.code);
      if (res.status !== 401 || codes?.length !== 1 || codes[0] !== 'UNAUTHENTICATED' || res.data?.[field.name]) {
        wrong.push({
          mutation: field.name,
          status: res.status,
          errors: res.errors,
          data: res.data,
        });
      }
    }
    expect(wrong).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  }, 60_000);
});

it('refuses an anonymous mutation hidden in a fragment or next to __typename, and a mixed one', async () => {
  const queries = [
    `mutation { ...M } fragment M on Mutation { closeStation(id: "${MISSING_ID}", reason: "x") { id } }`,
    `mutation { __typename ... on Mutation { cancelActivity(id: "${MISSING_ID}") { id } } }`,
  ];
  for (const q of queries) {
    const res = await gql(platform.url, q);
    expect({
      status: res.status,
      codes: res.errors?.map((e) => e.extensions?.code),
    }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
  }
  // __typename alone needs no caller (nothing runs in a subgraph).
  const typename = await gql(platform.url, `mutation { __typename }`);
  expect(typename.errors).toBeUndefined();
});

it('refuses an anonymous call in the subgraph itself (direct access bypassing the gateway), before any look-up', async () => {
  const res = await gql(
    platform.subgraphs.accreditation.url,
    `mutation { setQuota(cycleId: "${MISSING_ID}", regionCode: "430100", level: PROVINCE, amount: 7) { amount } }`,
  );
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
});

it('reads a subgraph\'s @tag(name: "public") from the composed supergraph (the list the gateway lets through)', () => {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@tag"])
    type Query { ping: String }
    type Mutation { signIn(phone: String!): String @tag(name: "public") closeThing(id: ID!): String }`);
  const { supergraphSdl, errors } = composeServices([
    { name: 'identity', url: 'http://127.0.0.1:1/graphql', typeDefs },
  ]);
  expect(errors).toBeUndefined();
  expect([...publicMutationFields(parse(supergraphSdl!))]).toEqual(['signIn']);
});
