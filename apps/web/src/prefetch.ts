/**
 * Render-as-you-fetch for the landing pages: a route's loader starts the page's chunk and its first
 * queries as soon as the router knows where it goes, instead of after the chunk has loaded and rendered
 * (a waterfall of chunk → render → query). The page then reads the same queries with `firstFetchPolicy`:
 * from the cache while the prefetched answer is fresh (an identical request still in flight is shared by
 * Apollo's de-duplication, one already answered is read from the cache), so the server does the work once.
 */
import { useMemo } from 'react';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { client } from './apollo';
import { FRESH_MS } from './landing';

const started = new Map<string, number>();

const keyOf = (query: TypedDocumentNode<unknown, never>, variables: unknown) =>
  `${getMainDefinition(query).name?.value ?? '?'}|${JSON.stringify(variables)}`;

/** Starts a query into the cache (errors are the page's to show: it asks again when nothing was cached). */
export function prefetchQuery<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): void {
  started.set(keyOf(query as TypedDocumentNode<unknown, never>, variables), performance.now());
  client.query({ query, variables, fetchPolicy: 'network-only' }).catch(() => undefined);
}

/**
 * `cache-first` when this exact query was prefetched just now, otherwise the console's `cache-and-network`;
 * decided once per query and variables (a policy that changed under a mounted page would fetch again).
 */
export function useFirstFetchPolicy<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): 'cache-first' | 'cache-and-network' {
  const key = keyOf(query as TypedDocumentNode<unknown, never>, variables);
  return useMemo(() => {
    const at = started.get(key);
    return at !== undefined && performance.now() - at < FRESH_MS ? 'cache-first' : 'cache-and-network';
  }, [key]);
}
