import { join } from 'node:path';
import list from './subgraphs.json';

export interface SubgraphEntry {
  name: string;
  /** The gateway's variable for the subgraph's GraphQL URL. */
  env: string;
  /** Local default port of the API, and of the worker's health server (npm run dev). */
  port: number;
  workerPort: number;
}

/**
 * The subgraphs: name, URL variable and local ports. subgraphs.json is the one list: the gateway,
 * scripts/dev.mjs and the tests' platform harness read it.
 */
export const SUBGRAPHS: readonly SubgraphEntry[] = list;

export type SubgraphName = string;

const SERVICES_DIR = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export function schemaPath(name: SubgraphName): string {
  return join(SERVICES_DIR, name, 'schema.graphql');
}
