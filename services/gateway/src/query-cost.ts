import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Arguments that bound how many items a list field returns. */
const SIZE_ARGS = ['first', 'last'];

/**
 * What a query may cost the subgraphs, counted before anything runs: every object (composite) value
 * the answer can hold costs 1, scalar and enum leaves cost nothing, and a field with a `first` /
 * `last` argument multiplies everything under it by that size: the value given inline or in the
 * variables, else the argument's default in the schema. So `reviews(first: 500) { edges { node {
 * station { name } } } }` costs 500 × (1 + 1 + 1 + 1) = 2 000, a page of 500 stations with a nested
 * `members(first: 100)` list costs over 50 000. Lists without a size argument count once (their size
 * is bounded by the subgraph: ids a caller passes, a station's titles, …); depth is limited apart
 * (GRAPHQL_MAX_DEPTH). Introspection costs nothing (it is off in production).
 *
 * Unlike a validation rule, this runs once the variables are known: a size passed as `$first`
 * counts like the same number written inline.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;

  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += costOf(sel.selectionSet, t && isCompositeType(t) ? t : parent, seen);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (!f || seen.has(f.name.value)) continue; // cycles are refused by validation before this runs
        const t = schema.getType(f.typeCondition.name.value);
        total += costOf(f.selectionSet, t && isCompositeType(t) ? t : parent, new Set([...seen, f.name.value]));
      } else {
        if (sel.name.value.startsWith('__')) continue;
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
        if (!def || !sel.selectionSet) continue; // leaves (scalars, enums) cost nothing
        let size = 1;
        for (const argName of SIZE_ARGS) {
          const argDef = def.args.find((a) => a.name === argName);
          if (!argDef) continue;
          const node = sel.arguments?.find((a) => a.name.value === argName);
          const value = node ? valueFromAST(node.value, argDef.type, variables) : argDef.defaultValue;
          if (typeof value === 'number' && Number.isFinite(value)) size = Math.max(size, value);
        }
        const named = getNamedType(def.type);
        total += size * (1 + (isCompositeType(named) ? costOf(sel.selectionSet, named, seen) : 0));
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, new Set());
}

/** Refuses (HTTP 400, QUERY_TOO_COMPLEX through limits.ts) an operation whose cost exceeds maxCost. */
export function queryCostPlugin<Ctx extends object>(maxCost: number): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const cost = queryCost(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) {
            throw new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${cost}.`, {
              extensions: {
                code: 'QUERY_TOO_COMPLEX',
                http: { status: 400 },
              },
            });
          }
        },
      };
    },
  };
}
