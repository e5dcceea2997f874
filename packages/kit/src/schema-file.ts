import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** Reads a service's schema.graphql, which sits beside src/ and dist/ alike. */
export function loadSchema(serviceDir: string, file = 'schema.graphql'): DocumentNode {
  return parse(readFileSync(join(serviceDir, file), 'utf8'));
}
