import { SignJWT, generateKeyPair, exportJWK } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  canAdministerRegion,
  canManageStation,
  createTokenVerifier,
  DEV_JWT_SECRET,
  readServiceConfig,
  regionCovers,
  regionLevelOfCode,
  signDevToken,
  userFromAuthorization,
  ConfigError,
} from '../src';

const hs = createTokenVerifier({
  secret: DEV_JWT_SECRET,
  algorithms: ['HS256'],
});

describe('region scope from GB/T 2260 codes', () => {
  it.each([
    ['430000', 'PROVINCE'],
    ['430100', 'CITY'],
    ['430102', 'COUNTY'],
    ['430102001', 'TOWNSHIP'],
    ['4301', undefined],
  ])('%s is %s', (code, level) => expect(regionLevelOfCode(code)).toBe(level));

  it.each([
    ['430000', '430102001', true],
    ['430100', '430102', true],
    ['430100', '430100', true],
    ['430100', '430200', false],
    ['430102', '430100', false],
    ['430102', '430102001', true],
    ['430000', '370102', false],
    ['430000', '439901', true],
  ])('%s covers %s: %s', (scope, target, expected) => expect(regionCovers(scope, target)).toBe(expected));
});

describe('token verification', () => {
  it('accepts a dev token and reads the claims', async () => {
    const token = await signDevToken({ roles: ['CITY_ADMIN'], regionCode: '430100', sub: 'u1' }, DEV_JWT_SECRET);
    await expect(userFromAuthorization(hs, `Bearer ${token}`)).resolves.toMatchObject({
      sub: 'u1',
      roles: ['CITY_ADMIN'],
      regionCode: '430100',
    });
    await expect(userFromAuthorization(hs, undefined)).resolves.toBeUndefined();
  });

  it.each([
    ['a wrong secret', async () => signDevToken({ roles: ['SERVICE'] }, 'x'.repeat(40))],
    ['an expired token', async () => signDevToken({ roles: ['SERVICE'] }, DEV_JWT_SECRET, '-1m')],
    [
      'an unknown role',
      async () =>
        new SignJWT({ roles: ['GOD'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .sign(new TextEncoder().encode(DEV_JWT_SECRET)),
    ],
    [
      'a CITY_ADMIN scoped to a province code',
      async () => signDevToken({ roles: ['CITY_ADMIN'], regionCode: '430000' }, DEV_JWT_SECRET),
    ],
    ['a STATION_MANAGER without a station', async () => signDevToken({ roles: ['STATION_MANAGER'] }, DEV_JWT_SECRET)],
    [
      'an unsigned token (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["SERVICE"]}').toString('base64url')}.`,
    ],
    [
      'an HS384 token when only HS256 is allowed',
      async () =>
        new SignJWT({ roles: ['SERVICE'] })
          .setProtectedHeader({ alg: 'HS384' })
          .setSubject('x')
          .sign(new TextEncoder().encode(DEV_JWT_SECRET)),
    ],
  ])('rejects %s with UNAUTHENTICATED', async (_label, make) => {
    await expect(userFromAuthorization(hs, `Bearer ${await make()}`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('rejects a header that is not a bearer token', async () => {
    await expect(userFromAuthorization(hs, 'Basic abc')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('verifies RS256 tokens against a JWKS URL and refuses HS256 tokens there', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = {
      ...(await exportJWK(publicKey)),
      kid: 'k1',
      alg: 'RS256',
      use: 'sig',
    };
    const server = http.createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const rs = createTokenVerifier({ jwksUrl: url, algorithms: ['RS256'] });
      const good = await new SignJWT({ roles: ['INSPECTOR'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('i1')
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(rs.verify(good)).resolves.toMatchObject({
        sub: 'i1',
        roles: ['INSPECTOR'],
      });
      const hsToken = await signDevToken({ roles: ['SERVICE'] }, DEV_JWT_SECRET);
      await expect(rs.verify(hsToken)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    } finally {
      server.close();
    }
  });

  it('with a JWKS URL: ES256 from the JWKS, HS256 dev tokens too outside production, never in production', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = {
      ...(await exportJWK(publicKey)),
      kid: 'e1',
      alg: 'ES256',
      use: 'sig',
    };
    const server = http.createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      const es = await new SignJWT({ roles: ['VOLUNTEER'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'e1' })
        .setSubject('v1')
        .setExpirationTime('5m')
        .sign(privateKey);
      const dev = await signDevToken({ roles: ['SERVICE'] }, DEV_JWT_SECRET);
      // An HS256 token signed with the wrong secret, and one signed with the public key's JSON (algorithm confusion).
      const forged = await signDevToken({ roles: ['SERVICE'] }, 'x'.repeat(40));
      const confused = await signDevToken({ roles: ['SERVICE'] }, JSON.stringify(jwk));

      const devConfig = readServiceConfig('t', 0, { JWT_JWKS_URL: url });
      expect(devConfig.auth.algorithms).toEqual(['RS256', 'ES256']);
      const devVerifier = createTokenVerifier(devConfig.auth);
      await expect(devVerifier.verify(es)).resolves.toMatchObject({
        sub: 'v1',
        roles: ['VOLUNTEER'],
      });
      await expect(devVerifier.verify(dev)).resolves.toMatchObject({
        roles: ['SERVICE'],
      });
      await expect(devVerifier.verify(forged)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      await expect(devVerifier.verify(confused)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });

      const prodEnv = {
        NODE_ENV: 'production',
        JWT_JWKS_URL: url,
        DATABASE_URL: 'postgres://x@h/d',
        REDIS_URL: 'redis://h:6379',
      };
      // A shared secret beside the JWKS is refused outright in production (no second way in).
      expect(() => readServiceConfig('t', 0, { ...prodEnv, JWT_SECRET: DEV_JWT_SECRET })).toThrow(
        /JWT_SECRET must not be set in production/,
      );
      const prodConfig = readServiceConfig('t', 0, prodEnv);
      expect(prodConfig.auth.devSecret).toBeUndefined();
      const prod = createTokenVerifier(prodConfig.auth);
      await expect(prod.verify(es)).resolves.toMatchObject({ sub: 'v1' });
      await expect(prod.verify(dev)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    } finally {
      server.close();
    }
  });
});

describe('authorization helpers', () => {
  const station = { id: 's1', regionCode: '430102' };
  it('admins act within their region; managers on their own station; SERVICE everywhere', () => {
    expect(canAdministerRegion({ sub: 'a', roles: ['COUNTY_ADMIN'], regionCode: '430102' }, '430102001')).toBe(true);
    expect(canAdministerRegion({ sub: 'a', roles: ['COUNTY_ADMIN'], regionCode: '430103' }, '430102')).toBe(false);
    expect(canAdministerRegion({ sub: 'a', roles: ['INSPECTOR'], regionCode: '430000' }, '430102')).toBe(false);
    expect(canManageStation({ sub: 'm', roles: ['STATION_MANAGER'], stationId: 's1' }, station)).toBe(true);
    expect(canManageStation({ sub: 'm', roles: ['STATION_MANAGER'], stationId: 's2' }, station)).toBe(false);
    expect(canManageStation({ sub: 'svc', roles: ['SERVICE'] }, station)).toBe(true);
    expect(canManageStation(undefined, station)).toBe(false);
  });
});

describe('configuration', () => {
  it('reports every problem at once', () => {
    try {
      readServiceConfig('stations', 4001, {
        NODE_ENV: 'production',
        PORT: 'eighty',
        DATABASE_URL: 'not a url',
      });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as Error).message;
      expect(text).toMatch(/PORT must be an integer/);
      expect(text).toMatch(/DATABASE_URL is not a valid URL/);
      expect(text).toMatch(/REDIS_URL is required/);
      expect(text).toMatch(/JWT_SECRET is required/);
    }
  });

  it('uses local defaults in development, and refuses mixed HS/RS algorithms', () => {
    const config = readServiceConfig('stations', 4001, {});
    expect(config.databaseUrl).toBe('postgres://postgres:postgres@127.0.0.1:5432/leifeng_stations');
    expect(config.port).toBe(4001);
    expect(() =>
      readServiceConfig('stations', 4001, {
        JWT_ALGORITHMS: 'HS256,RS256',
        JWT_JWKS_URL: 'https://id.example.cn/jwks',
      }),
    ).toThrow(/must not mix/);
  });
});
