#!/usr/bin/env node
// Prints a signed HS256 dev token: npm run token -- --role CITY_ADMIN --region 430100
// Uses JWT_SECRET when set (it must match the services'), else the development default.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const kit = require('../packages/kit/dist/index.js');

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    region: { type: 'string' },
    station: { type: 'string' },
    agency: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || !values.role?.length) {
  console.error(`usage: npm run token -- --role ROLE [--role ROLE] [--region CODE] [--station ID] [--agency ID] [--sub ID] [--expires 12h]
roles: ${kit.ROLES.join(', ')}
examples:
  npm run token -- --role PROVINCE_ADMIN --region 430000
  npm run token -- --role CITY_ADMIN --region 430100
  npm run token -- --role STATION_MANAGER --station <station id>`);
  process.exit(values.help ? 0 : 2);
}

const claims = {
  sub: values.sub,
  roles: values.role.flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase()),
  regionCode: values.region,
  stationId: values.station,
  agencyId: values.agency,
};
try {
  // Same coherence checks the services apply, so a token that prints is a token they accept.
  kit.userFromClaims({ ...claims, sub: claims.sub ?? 'dev' });
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
const secret = process.env.JWT_SECRET || kit.DEV_JWT_SECRET;
const token = await kit.signDevToken(claims, secret, values.expires, {
  issuer: process.env.JWT_ISSUER,
  audience: process.env.JWT_AUDIENCE,
});
console.log(token);
