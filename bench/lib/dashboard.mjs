// The city dashboard query (bench/queries/city-dashboard.graphql, shared with test/perf) and common CLI options.
import { readFileSync } from 'node:fs';
export const DASHBOARD = readFileSync(new URL('../queries/city-dashboard.graphql', import.meta.url), 'utf8');

export const dashboardBody = (first, region = '430200', year = 2026) =>
  JSON.stringify({ query: DASHBOARD, variables: { region, first, year } });

export function parseOpts(argv, defaults) {
  const o = { dbPrefix: 'bench', ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') Object.assign(o, { runs: 1, seconds: 3 });
    else if (a === '--db-prefix') o.dbPrefix = argv[++i];
    else if (a.startsWith('--')) o[a.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = Number(argv[++i]);
  }
  return o;
}
