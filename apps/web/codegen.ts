// Operation types for the console, generated from the gateway's API schema (scripts/api-schema.mjs).
// A schema change that breaks a page's query fails `tsc` (npm run build / typecheck in this workspace).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'generated/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          ID: 'string',
          Date: 'string',
          DateTime: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};
export default config;
