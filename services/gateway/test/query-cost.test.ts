/**
 * The gateway's cost model (issue 11, point 12b): list sizes from `first` (inline, variable or the
 * schema default), objects 1, scalar leaves free, so the documented page of 500 reviews fits the
 * default limit while nested pages multiply.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { readGatewayConfig } from '../src/config';
import { queryCost } from '../src/query-cost';

const schema = Supergraph.build(readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(query);
  return queryCost(
    schema,
    doc,
    doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode,
    variables,
  );
};
const MAX = readGatewayConfig({}).limits.maxCost;
const PAGE = `{ reviewRun(id: "r") { reviews(first: 500) { totalCount edges { cursor node { outcome reasons facts station { name } } } pageInfo { hasNextPage endCursor } } } }`;

describe('queryCost', () => {
  it('the README page of 500 reviews with facts and station names fits the default limit', () => {
    // reviewRun 1 + 500 × (reviews 1 + edges 1 + node 1 + station 1 + pageInfo 1)
    expect(cost(PAGE)).toBe(1 + 500 * 5);
    expect(cost(PAGE)).toBeLessThanOrEqual(MAX);
  });

  it('counts a size passed as a variable like the same number inline, and the schema default when absent', () => {
    const withVar = PAGE.replace('{ reviewRun', 'query($n: Int) { reviewRun').replace('first: 500', 'first: $n');
    expect(cost(withVar, { n: 500 })).toBe(cost(PAGE));
    expect(cost(PAGE.replace('(first: 500)', ''))).toBe(1 + 100 * 5); // reviews(first: Int = 100)
  });

  it('multiplies nested pages, through fragments too', () => {
    const nested = `{ stations(first: 500) { edges { node { announcements(first: 100) { station { id } } } } } }`;
    expect(cost(nested)).toBe(500 * (1 + 1 + 1 + 100 * (1 + 1)));
    expect(cost(nested)).toBeGreaterThan(MAX);
    const viaFragment = `{ stations(first: 500) { edges { node { ...A } } } } fragment A on Station { announcements(first: 100) { station { id } } }`;
    expect(cost(viaFragment)).toBe(cost(nested));
  });

  it('scalar leaves and introspection cost nothing', () => {
    expect(cost(`{ region(code: "430100") { code name fullName } }`)).toBe(1);
    expect(cost(`{ __schema { types { name fields { name } } } }`)).toBe(0);
  });
});
