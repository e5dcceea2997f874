// The city dashboard query (same fields as test/perf/n-plus-one.test.ts) and common CLI options.
export const DASHBOARD = `query Dashboard($region: ID!, $first: Int!, $year: Int!) {
  stations(filter: { regionCode: $region }, first: $first) {
    totalCount
    edges { node {
      id name status
      region { name parent { name } }
      serviceStats(year: $year) { memberCount activeVolunteerCount verifiedHours activityCount monthsWithActivity }
      currentTitle { level conferredOn certificateNumber }
      announcements(first: 1) { title publishFrom }
    } }
  }
}`;

export const dashboardBody = (first, region = '430200', year = 2026) => JSON.stringify({ query: DASHBOARD, variables: { region, first, year } });

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
