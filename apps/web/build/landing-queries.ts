/**
 * `virtual:landing-queries`: the text of the landing pages' first queries as Apollo Client sends them (with the
 * `__typename` fields its cache adds), so src/landing.ts can send them from the first lines of the entry chunk
 * without loading Apollo or graphql-js first. Printed at build time from the generated documents.
 */
import { addTypenameToDocument } from '@apollo/client/utilities';
import { print, type DocumentNode } from 'graphql';
import type { Plugin } from 'vite';
import { readGeneratedDocuments } from './generated-documents.ts';

const ID = 'virtual:landing-queries';

export function landingQueries(srcDir: string, operations: string[]): Plugin {
  return {
    name: 'landing-queries',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load(id) {
      if (id !== `\0${ID}`) return null;
      const documents = readGeneratedDocuments(srcDir);
      const texts = Object.fromEntries(
        operations.map((name) => {
          const json = documents.get(name);
          if (!json) throw new Error(`landing-queries: no generated document for ${name} (run npm run codegen)`);
          return [name, print(addTypenameToDocument(JSON.parse(json) as DocumentNode))];
        }),
      );
      return `export default ${JSON.stringify(texts)};`;
    },
  };
}
