import { execute, parse, type OperationDefinitionNode } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { nonPublicRootFields, publicMutationFields, requireCallerOnMutations } from '../src';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@tag"])
  type Query { ping: String }
  type Mutation {
    signIn(phone: String!): String @tag(name: "public")
    closeThing(id: ID!): String @tag(name: "internal")
  }
`);

describe('public mutations from the SDL', () => {
  it('reads only @tag(name: "public") Mutation fields', () => {
    expect([...publicMutationFields(typeDefs)]).toEqual(['signIn']);
  });

  it('refuses an anonymous caller before the resolver runs, lets public fields and callers through', async () => {
    const ran: string[] = [];
    const schema = requireCallerOnMutations(
      buildSubgraphSchema([
        {
          typeDefs,
          resolvers: {
            Mutation: {
              signIn: () => (ran.push('signIn'), 'ok'),
              closeThing: () => (ran.push('closeThing'), 'closed'),
            },
          },
        },
      ]),
      publicMutationFields(typeDefs),
    );
    const anonymous = await execute({
      schema,
      document: parse(`mutation { closeThing(id: "x") }`),
      contextValue: {},
    });
    expect(anonymous.errors?.[0].originalError).toMatchObject({
      name: 'DomainError',
      code: 'UNAUTHENTICATED',
    });
    expect(ran).toEqual([]);
    const open = await execute({
      schema,
      document: parse(`mutation { signIn(phone: "1") }`),
      contextValue: {},
    });
    expect(open).toEqual({ data: { signIn: 'ok' } });
    const signedIn = await execute({
      schema,
      document: parse(`mutation { closeThing(id: "x") }`),
      contextValue: { user: { sub: 'u', roles: [] } },
    });
    expect(signedIn).toEqual({ data: { closeThing: 'closed' } });
  });

  it('finds the non-public root fields of a mutation through fragments', () => {
    const doc = parse(
      `mutation M { __typename signIn(phone: "1") ...F ... on Mutation { other } } fragment F on Mutation { closeThing(id: "x") ...F }`,
    );
    const op = doc.definitions[0] as OperationDefinitionNode;
    expect(nonPublicRootFields(op, doc, new Set(['signIn'])).sort()).toEqual(['closeThing', 'other']);
    const query = parse(`query { ping }`);
    expect(nonPublicRootFields(query.definitions[0] as OperationDefinitionNode, query, new Set())).toEqual([]);
  });
});
