import { join } from 'node:path';

/** The subgraphs: name, SDL file, env variable for the URL and the local default. */
export const SUBGRAPHS = [
  { name: 'stations', env: 'STATIONS_URL', port: 4001 },
  { name: 'volunteers', env: 'VOLUNTEERS_URL', port: 4002 },
  { name: 'accreditation', env: 'ACCREDITATION_URL', port: 4003 },
  { name: 'notifications', env: 'NOTIFICATIONS_URL', port: 4004 },
  { name: 'identity', env: 'IDENTITY_URL', port: 4005 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SERVICES_DIR = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export function schemaPath(name: SubgraphName): string {
  return join(SERVICES_DIR, name, 'schema.graphql');
}
