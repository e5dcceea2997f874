/**
 * Production has no shared signing secret: the kit reads client credentials (SERVICE_TOKEN_URL,
 * SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET) and the service graph client fetches its SERVICE token at that
 * token endpoint; a JWT_SECRET beside a JWKS URL stops a production process.
 */
import { createServer, type Server } from 'node:http';
import { envReader, readAuthConfig, serviceGraphClient } from '../src';

let server: Server;
let base = '';
const posted: string[] = [];
const bearers: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/oauth/token') {
        posted.push(body);
        const ok = new URLSearchParams(body).get('client_secret') === 'a-client-secret-of-at-least-32-characters';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok
              ? {
                  access_token: `tok-${posted.length}`,
                  token_type: 'Bearer',
                  expires_in: 600,
                }
              : { error: 'invalid_client' },
          ),
        );
        return;
      }
      bearers.push(String(req.headers.authorization));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const prod = (extra: Record<string, string>) => ({
  NODE_ENV: 'production',
  JWT_JWKS_URL: 'http://identity:4005/.well-known/jwks.json',
  JWT_ALGORITHMS: 'ES256',
  ...extra,
});

describe('SERVICE tokens by client credentials', () => {
  it('reads the client from the environment and fetches one token for many calls', async () => {
    const r = envReader(
      prod({
        SERVICE_TOKEN_URL: `${base}/oauth/token`,
        SERVICE_CLIENT_ID: 'accreditation',
        SERVICE_CLIENT_SECRET: 'a-client-secret-of-at-least-32-characters',
      }),
    );
    const auth = readAuthConfig(r);
    r.done();
    expect(auth.secret).toBeUndefined();
    const client = serviceGraphClient(auth, {
      url: `${base}/graphql`,
      subject: 'accreditation',
    });
    await client.request('{ ok }');
    await client.request('{ ok }');
    expect(posted).toHaveLength(1);
    expect(new URLSearchParams(posted[0]).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(posted[0]).get('client_id')).toBe('accreditation');
    expect(bearers).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('refuses a wrong secret with a coded error, not a self-signed token', async () => {
    const r = envReader(
      prod({
        SERVICE_TOKEN_URL: `${base}/oauth/token`,
        SERVICE_CLIENT_ID: 'accreditation',
        SERVICE_CLIENT_SECRET: 'wrong-secret-wrong-secret-wrong-secret',
      }),
    );
    const client = serviceGraphClient(readAuthConfig(r), {
      url: `${base}/graphql`,
      subject: 'accreditation',
    });
    await expect(client.request('{ ok }')).rejects.toMatchObject({
      code: 'GRAPH_UNAVAILABLE',
    });
  });

  it('stops a production process that has a JWT_SECRET beside the JWKS, or a client secret without its endpoint', () => {
    const withSecret = envReader(prod({ JWT_SECRET: 'x'.repeat(40) }));
    readAuthConfig(withSecret);
    expect(() => withSecret.done()).toThrow(/JWT_SECRET must not be set in production/);
    const half = envReader(
      prod({
        SERVICE_CLIENT_SECRET: 'a-client-secret-of-at-least-32-characters',
      }),
    );
    readAuthConfig(half);
    expect(() => half.done()).toThrow(/SERVICE_TOKEN_URL and SERVICE_CLIENT_ID/);
  });
});
