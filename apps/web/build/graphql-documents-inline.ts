/**
 * The job of graphql-codegen's client-preset Babel plugin, for Vite (whose React plugin no longer runs Babel):
 * each `graphql(`…`)` call is replaced by that operation's generated document (its AST, from src/gql/graphql.ts).
 * Without it every page goes through `graphql()`'s lookup table, which holds every operation of the console
 * (its text and its AST) and so sits in the initial bundle whatever page is opened. The document is inlined
 * rather than imported because a module lives in one chunk: importing from graphql.ts would put every document
 * some page uses into the chunk that holds graphql.ts. The types come from the same generated file either way.
 */
import { resolve } from 'node:path';
import { parse } from 'graphql';
import type { Plugin } from 'vite';
import { readGeneratedDocuments } from './generated-documents.ts';

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;

export function graphqlDocumentsInline(srcDir: string): Plugin {
  const generatedDir = resolve(srcDir, 'gql');
  let documents: Map<string, string> | undefined;
  /** Operation or fragment name → its generated document as JSON (read once per build, after codegen). */
  const documentFor = (name: string) => {
    documents ??= readGeneratedDocuments(srcDir);
    const json = documents.get(name);
    if (!json) throw new Error(`graphql-documents-inline: no generated document for ${name} (run npm run codegen)`);
    return json;
  };
  return {
    name: 'graphql-documents-inline',
    enforce: 'pre',
    buildStart() {
      documents = undefined;
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || !id.startsWith(srcDir) || id.startsWith(generatedDir) || !code.includes('graphql(`'))
        return null;
      const out = code.replace(CALL, (_, source: string) => {
        const [first] = parse(source).definitions;
        if (!first || !('name' in first) || !first.name)
          throw new Error(`graphql-documents-inline: unnamed document in ${id}`);
        return `(${documentFor(first.name.value)})`;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}
