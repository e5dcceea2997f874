import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { getNamedType, isCompositeType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { deepFreeze, readsCallerIdentity, SCOPE_ONLY_TYPES, SharedRuns } from '../src/payload-sharing';
import { SUBGRAPHS, schemaPath } from '../src/subgraphs';

/** The client-facing schema, as the gateway serves it. */
function apiSchema(): GraphQLSchema {
  const composed = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: 'http://127.0.0.1/graphql',
      typeDefs: parse(readFileSync(schemaPath(s.name), 'utf8')),
    })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.schema.toAPISchema().toGraphQLJSSchema();
}
const api = apiSchema();

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SharedRuns', () => {
  afterEach(() => jest.useRealTimers());

  it('runs once for callers that overlap, and again once the run is gone', async () => {
    const runs = new SharedRuns<number>({ lingerMs: 0 });
    const d = deferred<number>();
    const start = jest.fn(() => d.promise);
    const a = runs.run('k', start);
    const b = runs.run('k', start);
    const other = runs.run('other', async () => 7);
    expect([a.joined, b.joined, other.joined]).toEqual([false, true, false]);
    d.resolve(42);
    expect(await Promise.all([a.result, b.result, other.result])).toEqual([42, 42, 7]);
    expect(start).toHaveBeenCalledTimes(1);
    expect(runs.size).toBe(0);
    expect(runs.run('k', async () => 43).joined).toBe(false);
  });

  it('gives every sharer the same failure and keeps nothing', async () => {
    const runs = new SharedRuns<number>({ lingerMs: 60_000 });
    const d = deferred<number>();
    const a = runs.run('k', () => d.promise);
    const b = runs.run('k', () => d.promise);
    d.reject(new Error('subgraph down'));
    await expect(a.result).rejects.toThrow('subgraph down');
    await expect(b.result).rejects.toThrow('subgraph down');
    expect(runs.size).toBe(0);
  });

  it('lets a clean answer linger for late callers, at most lingerMs, and never one that `keep` refuses', async () => {
    jest.useFakeTimers();
    const runs = new SharedRuns<{ errors?: string[] }>({
      lingerMs: 2000,
      keep: (v) => !v.errors,
    });
    await runs.run('clean', async () => ({})).result;
    await runs.run('failed', async () => ({ errors: ['x'] })).result;
    expect(runs.size).toBe(1);
    expect(runs.run('clean', async () => ({})).joined).toBe(true);
    jest.advanceTimersByTime(1999);
    expect(runs.run('clean', async () => ({})).joined).toBe(true);
    jest.advanceTimersByTime(1);
    expect(runs.size).toBe(0);
    expect(runs.run('clean', async () => ({})).joined).toBe(false);
  });
});

it('deepFreeze makes a shared answer read-only all the way down', () => {
  const v = deepFreeze({
    event: { station: { leader: { phone: '138' } }, list: [{ a: 1 }] },
  });
  expect(() => {
    'use strict';
    (v.event.station.leader as { phone: string }).phone = 'x';
  }).toThrow(TypeError);
  expect(Object.isFrozen(v.event.list[0])).toBe(true);
  // An answer someone froze only at the top still gets its children frozen.
  const top = deepFreeze(Object.freeze({ data: { station: { name: '站' } } }));
  expect(Object.isFrozen(top.data.station)).toBe(true);
});

describe('readsCallerIdentity', () => {
  const q = (selection: string, fragments = '') =>
    parse(`query($__eventId: ID!) { event(id: $__eventId) ${selection} } ${fragments}`);

  it.each([
    [
      'event fields and federated station fields',
      '{ id type payload station { id name leader { phone } currentTitle { level } region { fullName } } }',
      false,
    ],
    ['station members without the volunteer', '{ station { members { role current } } }', false],
    ['a volunteer under the station', '{ station { members { volunteer { name } } } }', true],
    [
      'a volunteer through an inline fragment',
      '{ station { members { ... on Membership { volunteer { __typename } } } } }',
      true,
    ],
  ])('%s', (_label, selection, reads) => expect(readsCallerIdentity(api, q(selection))).toBe(reads));

  it('sees into named fragments', () => {
    expect(
      readsCallerIdentity(
        api,
        q(
          '{ station { ...S } }',
          'fragment S on Station { dutyShifts(from: "2026-01-01", to: "2026-01-31") { volunteer { phone } } }',
        ),
      ),
    ).toBe(true);
    expect(
      readsCallerIdentity(
        api,
        q(
          '{ station { ...S } }',
          'fragment S on Station { dutyShifts(from: "2026-01-01", to: "2026-01-31") { date } }',
        ),
      ),
    ).toBe(false);
  });

  it('lists only object types of the graph, and nothing that answers per person', () => {
    for (const name of SCOPE_ONLY_TYPES) expect([name, isObjectType(api.getType(name))]).toEqual([name, true]);
    // Everything reachable through Volunteer (its file, records, time bank, certificates) stays off the list.
    const underVolunteer = new Set<string>();
    const queue = ['Volunteer'];
    while (queue.length) {
      const type = api.getType(queue.shift()!);
      if (!type || underVolunteer.has(type.name) || !isObjectType(type)) continue;
      underVolunteer.add(type.name);
      for (const f of Object.values(type.getFields())) {
        const named = getNamedType(f.type);
        if (isCompositeType(named) && !SCOPE_ONLY_TYPES.has(named.name)) queue.push(named.name);
      }
    }
    expect(underVolunteer.has('ServiceRecord')).toBe(true);
    expect([...underVolunteer].filter((n) => SCOPE_ONLY_TYPES.has(n))).toEqual([]);
  });
});
