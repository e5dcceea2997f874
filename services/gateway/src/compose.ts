import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, schemaPath } from './subgraphs';

/**
 * Composes the supergraph in-process from the subgraphs' SDL files (no rover binary).
 * URLs in the committed file are the local defaults; the gateway overrides them from env.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: `http://127.0.0.1:${s.port}/graphql`,
      typeDefs: parse(readFileSync(schemaPath(s.name), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}
