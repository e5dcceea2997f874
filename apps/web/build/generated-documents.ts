/** The documents graphql-codegen's client preset generated into src/gql/graphql.ts, by operation or fragment name. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const EXPORT =
  /^export const \w+ = (\{"kind":"Document","definitions":\[\{"kind":"\w+",(?:"operation":"\w+",)?"name":\{"kind":"Name","value":"(\w+)"\}.*\}) as unknown as DocumentNode<.*>;$/gm;

/** Name → the document's AST as JSON text. */
export function readGeneratedDocuments(srcDir: string): Map<string, string> {
  const source = readFileSync(resolve(srcDir, 'gql/graphql.ts'), 'utf8');
  return new Map([...source.matchAll(EXPORT)].map((m) => [m[2]!, m[1]!]));
}
