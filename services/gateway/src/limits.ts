import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayConfig } from './config';

/**
 * Depth, alias, token and directive limits, checked before any subgraph is called. The cost limit is
 * ours (query-cost.ts): armor's counts a `first` given as a variable as 1, charges every scalar leaf
 * and grows 1.5× per level, which refused the documented page of 500 reviews (cost 50 668).
 */
export function armorProtection(config: GatewayConfig) {
  const { limits } = config;
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    // The token limit is graphql-js's own parser option (see `parseOptions`): armor's token plugin parses
    // in a plugin hook, so a syntax error or a long document answered HTTP 500 instead of 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    costLimit: { enabled: false },
    // Suggestions ("Did you mean …") map the schema for an attacker; off in production.
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
}

/** The parser stops after `maxTokens` lexical tokens with a syntax error (GRAPHQL_PARSE_FAILED, HTTP 400). */
export function parseOptions(config: GatewayConfig) {
  return { maxTokens: config.limits.maxTokens };
}

const LIMIT_ERRORS: [RegExp, string, (n: string) => string][] = [
  [/^Query depth limit of (\d+) exceeded/, 'QUERY_TOO_DEEP', (n) => `查询嵌套层数超过上限 ${n}`],
  [/^Aliases limit of (\d+) exceeded/, 'TOO_MANY_ALIASES', (n) => `查询别名数量超过上限 ${n}`],
  [
    /^Document contains more th(?:an|at) (\d+) tokens/,
    'TOO_MANY_TOKENS',
    (n) => `查询语句过长（超过 ${n} 个词法单元）`,
  ],
  [/^Directives limit of (\d+) exceeded/, 'TOO_MANY_DIRECTIVES', (n) => `查询指令数量超过上限 ${n}`],
  [/^Query Cost limit of (\d+) exceeded/, 'QUERY_TOO_COMPLEX', (n) => `查询复杂度超过上限 ${n}`],
];

/** Gives limit rejections a stable code and a message people can read. */
export function limitError(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const message = formatted.message.replace(/^Syntax Error: /, '');
  for (const [pattern, code, text] of LIMIT_ERRORS) {
    const m = pattern.exec(message);
    if (m) return { message: text(m[1]), extensions: { code, detail: message } };
  }
  return undefined;
}
