/**
 * The SERVICE token a job signs for itself carries the issuer and audience the platform checks
 * (issue 11, point 12a): a verifier configured like docker-compose (JWT_ISSUER / JWT_AUDIENCE set,
 * no SERVICE_TOKEN) accepts it.
 */
import { createServer, type Server } from 'node:http';
import { createTokenVerifier, DEV_JWT_SECRET, serviceGraphClient, userFromAuthorization, type AuthUser } from '../src';

let server: Server;
let url = '';
const seen: (AuthUser | string)[] = [];
const auth = {
  secret: DEV_JWT_SECRET,
  algorithms: ['HS256'],
  issuer: 'https://id.leifeng.example',
  audience: 'leifeng-platform',
};

beforeAll(async () => {
  const verifier = createTokenVerifier(auth);
  server = createServer(
    (req, res) =>
      void (async () => {
        req.resume();
        try {
          const user = (await userFromAuthorization(verifier, req.headers.authorization))!;
          seen.push(user);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ok: true } }));
        } catch (err) {
          seen.push((err as Error).message);
          res.writeHead(401, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              errors: [
                {
                  message: (err as Error).message,
                  extensions: { code: 'UNAUTHENTICATED' },
                },
              ],
            }),
          );
        }
      })(),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('serviceGraphClient', () => {
  it("under npm run dev (identity's JWKS, no JWT_SECRET) signs with the development secret the services also accept", async () => {
    // What a worker's config holds there: no shared secret, the dev one accepted beside the JWKS.
    const devAuth = {
      secret: undefined,
      devSecret: DEV_JWT_SECRET,
      issuer: auth.issuer,
      audience: auth.audience,
    };
    const client = serviceGraphClient(devAuth, { url, subject: 'svc-dev' });
    await expect(client.request('{ ok }')).resolves.toEqual({
      data: { ok: true },
    });
    expect(seen.pop()).toMatchObject({ sub: 'svc-dev', roles: ['SERVICE'] });
  });

  it('signs its SERVICE token with the configured issuer and audience, which a checking verifier accepts', async () => {
    const client = serviceGraphClient(auth, { url, subject: 'svc-test' });
    await expect(client.request('{ ok }')).resolves.toEqual({
      data: { ok: true },
    });
    expect(seen.pop()).toMatchObject({ sub: 'svc-test', roles: ['SERVICE'] });
  });

  it('without them the same verifier refuses the token (what the production environment saw)', async () => {
    const client = serviceGraphClient({ secret: DEV_JWT_SECRET }, { url, subject: 'svc-test' });
    await expect(client.request('{ ok }')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(seen.pop()).toMatch(/iss/);
  });

  it('uses SERVICE_TOKEN as given when there is one', async () => {
    const client = serviceGraphClient(auth, {
      url,
      token: 'not-a-jwt',
      subject: 'svc-test',
    });
    await expect(client.request('{ ok }')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
