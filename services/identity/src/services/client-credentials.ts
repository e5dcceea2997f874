import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Clock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { IdentityConfig } from '../config';
import { sameHash } from '../domain/codes';
import type { KeyService } from './key-service';

export const TOKEN_PATH = '/oauth/token';
const CLIENT_ID = /^[a-z][a-z0-9-]{2,59}$/;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for machines: a worker posts its client id and secret
 * to /oauth/token and gets a short ES256 SERVICE token, verified like every other through the JWKS,
 * so production needs no shared HMAC secret. Secrets are 256 random bits, stored as an HMAC.
 */
export class ClientCredentials {
  constructor(
    private readonly ds: DataSource,
    private readonly keys: KeyService,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  private hash(secret: string): string {
    return createHmac('sha256', this.config.codeHashKey).update(`client\u0000${secret}`).digest('hex');
  }

  /** Creates (or replaces the secret of) a client; the secret is shown once (or given: a deployment's Secret). */
  async register(clientId: string, given?: string): Promise<string> {
    if (!CLIENT_ID.test(clientId)) throw new Error(`client id must match ${CLIENT_ID}`);
    if (given !== undefined && given.length < 32)
      throw new Error(`the secret of client ${clientId} must be at least 32 characters`);
    const secret = given ?? randomBytes(32).toString('base64url');
    await this.ds.query(
      `INSERT INTO service_client (client_id, secret_hash, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, disabled_at = NULL`,
      [clientId, this.hash(secret), this.clock.now()],
    );
    return secret;
  }

  async issue(clientId: string, secret: string): Promise<{ token: string; expiresAt: Date } | null> {
    const [row]: { secret_hash: string; disabled_at: Date | null }[] = CLIENT_ID.test(clientId)
      ? await this.ds.query(`SELECT secret_hash, disabled_at FROM service_client WHERE client_id = $1`, [clientId])
      : [];
    if (!row || row.disabled_at || !sameHash(this.hash(String(secret ?? '')), row.secret_hash)) return null;
    return this.keys.sign(`service:${clientId}`, { roles: ['SERVICE'] }, this.config.accessTtlSec);
  }

  /** POST /oauth/token, form- or JSON-encoded, or HTTP Basic client authentication. */
  readonly handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' });
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
      if (raw.length > 4096) return sendJson(res, 413, { error: 'invalid_request' });
    }
    const body: Record<string, string> = (req.headers['content-type'] ?? '').includes('json')
      ? safeJson(raw)
      : Object.fromEntries(new URLSearchParams(raw));
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = basic
      ? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
      : [body.client_id, body.client_secret];
    if (body.grant_type !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    const issued = await this.issue(String(id ?? ''), String(secret ?? ''));
    res.setHeader('cache-control', 'no-store');
    if (!issued) return sendJson(res, 401, { error: 'invalid_client' });
    sendJson(res, 200, {
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: Math.round((issued.expiresAt.getTime() - this.clock.now().getTime()) / 1000),
    });
  };
}

function safeJson(raw: string): Record<string, string> {
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
