/**
 * References to entities another subgraph owns: what a resolver returns for such a field, and the parent
 * its extending fields receive (codegen mappers in codegen.ts). The router resolves the rest by key.
 */
export interface StationRef {
  __typename?: 'Station';
  id: string;
}

export interface RegionRef {
  __typename?: 'Region';
  code: string;
}

export const stationRef = (id: string): StationRef => ({
  __typename: 'Station',
  id,
});

export const regionRef = (code: string): RegionRef => ({
  __typename: 'Region',
  code,
});
