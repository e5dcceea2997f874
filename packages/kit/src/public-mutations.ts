import {
  defaultFieldResolver,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { unauthenticated } from './errors';

/**
 * Authentication before anything else, in one place. Every Mutation field needs a caller unless
 * its SDL marks it `@tag(name: "public")` (Federation's own tag, so the mark travels into the
 * supergraph unchanged). The SDL is the single source of truth: the kit reads a subgraph's
 * typeDefs to wrap its resolvers, the gateway reads the supergraph to refuse an anonymous mutation
 * before planning (so no argument coercion, validation or SQL of a subgraph ever runs for it).
 */
export const PUBLIC_TAG = 'public';

/** Names of the Mutation fields tagged public in an SDL document (a subgraph's or the supergraph). */
export function publicMutationFields(doc: DocumentNode): Set<string> {
  const names = new Set<string>();
  for (const def of doc.definitions) {
    if (
      (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
      def.name.value !== 'Mutation'
    )
      continue;
    for (const field of def.fields ?? []) {
      const tagged = field.directives?.some(
        (d) =>
          d.name.value === 'tag' &&
          d.arguments?.some(
            (a) => a.name.value === 'name' && a.value.kind === Kind.STRING && a.value.value === PUBLIC_TAG,
          ),
      );
      if (tagged) names.add(field.name.value);
    }
  }
  return names;
}

/**
 * Wraps every Mutation resolver not in `publicFields`: an anonymous caller gets UNAUTHENTICATED
 * before the resolver (validation, look-ups, SQL) runs. Mutates and returns the schema.
 */
export function requireCallerOnMutations(schema: GraphQLSchema, publicFields: ReadonlySet<string>): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const [name, field] of Object.entries(mutation.getFields())) {
    if (publicFields.has(name)) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, ctx, info) => {
      if (!(ctx as { user?: unknown } | undefined)?.user) throw unauthenticated();
      return resolve(source, args, ctx, info);
    };
  }
  return schema;
}

/**
 * The root fields of a mutation operation (through fragment spreads and inline fragments) that are
 * not public; `__typename` needs no caller. Empty for queries and subscriptions.
 */
export function nonPublicRootFields(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  publicFields: ReadonlySet<string>,
): string[] {
  if (operation.operation !== 'mutation') return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== '__typename' && !publicFields.has(sel.name.value)) found.add(sel.name.value);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...found];
}
