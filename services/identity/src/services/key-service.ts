import { randomUUID } from 'node:crypto';
import { decryptPii, encryptPii, type Clock } from '@leifeng/kit';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { DataSource } from 'typeorm';
import type { IdentityConfig } from '../config';

const ALG = 'ES256';
const AAD = 'identity.signing_key';
/** How long a process keeps using the key it loaded before it looks for a newer one. */
const CACHE_MS = 60_000;

export interface SigningKeyInfo {
  kid: string;
  state: string;
  createdAt: Date;
}

/**
 * ES256 signing keys in the identity database. The private half is sealed with
 * IDENTITY_KEY_ENCRYPTION_KEY (AES-256-GCM). The JWKS publishes NEXT (so verifiers know it before it
 * signs anything), CURRENT and PREVIOUS (tokens signed just before a rotation still verify until they expire).
 */
export class KeyService {
  private cached?: { kid: string; key: KeyLike | Uint8Array; loadedAt: number };

  constructor(
    private readonly ds: DataSource,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  private async newKeyRow(): Promise<{
    kid: string;
    publicJwk: JWK;
    privateEnc: string;
  }> {
    const { publicKey, privateKey } = await generateKeyPair(ALG, {
      extractable: true,
    });
    const kid = `${this.clock.now().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const publicJwk = {
      ...(await exportJWK(publicKey)),
      kid,
      alg: ALG,
      use: 'sig',
    };
    const privateEnc = encryptPii(JSON.stringify(await exportJWK(privateKey)), this.config.keyEncryptionKey, AAD);
    return { kid, publicJwk, privateEnc };
  }

  private async insert(m: { query: DataSource['query'] }, state: 'NEXT' | 'CURRENT'): Promise<string> {
    const row = await this.newKeyRow();
    await m.query(
      `INSERT INTO signing_key (kid, alg, public_jwk, private_enc, state, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.kid, ALG, row.publicJwk, row.privateEnc, state, this.clock.now()],
    );
    return row.kid;
  }

  /**
   * NEXT becomes CURRENT (it has been published since the last rotation, so verifiers already know it),
   * CURRENT becomes PREVIOUS (still published: tokens it signed live on), PREVIOUS is retired, and a new
   * NEXT is made and published.
   */
  async rotate(onlyIfOlderThanMs?: number): Promise<SigningKeyInfo | null> {
    const now = this.clock.now();
    const kid = await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('identity.signing_key'))`);
      if (onlyIfOlderThanMs !== undefined) {
        // Decided under the lock: two workers checking at once rotate once.
        const [cur]: { created_at: Date }[] = await m.query(
          `SELECT created_at FROM signing_key WHERE state = 'CURRENT'`,
        );
        if (cur && now.getTime() - new Date(cur.created_at).getTime() < onlyIfOlderThanMs) return null;
      }
      await m.query(`UPDATE signing_key SET state = 'RETIRED', retired_at = $1 WHERE state = 'PREVIOUS'`, [now]);
      await m.query(`UPDATE signing_key SET state = 'PREVIOUS' WHERE state = 'CURRENT'`);
      const [next]: { kid: string }[] = await m
        .query(`UPDATE signing_key SET state = 'CURRENT', created_at = $1 WHERE state = 'NEXT' RETURNING kid`, [now])
        .then((r: [unknown[], number]) => r[0] as { kid: string }[]);
      const current = next?.kid ?? (await this.insert(m, 'CURRENT'));
      await this.insert(m, 'NEXT');
      return current;
    });
    if (!kid) return null;
    this.cached = undefined;
    return { kid, state: 'CURRENT', createdAt: now };
  }

  /** The CURRENT key, made (with its NEXT) on first use of a fresh deployment. */
  private async current(): Promise<{ kid: string; key: KeyLike | Uint8Array }> {
    if (this.cached && Date.now() - this.cached.loadedAt < CACHE_MS) return this.cached;
    let [row]: { kid: string; private_enc: string }[] = await this.ds.query(
      `SELECT kid, private_enc FROM signing_key WHERE state = 'CURRENT'`,
    );
    if (!row) {
      await this.ds.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('identity.signing_key'))`);
        const [exists] = await m.query(`SELECT 1 FROM signing_key WHERE state = 'CURRENT'`);
        if (exists) return;
        await this.insert(m, 'CURRENT');
        await this.insert(m, 'NEXT');
      });
      [row] = await this.ds.query(`SELECT kid, private_enc FROM signing_key WHERE state = 'CURRENT'`);
    }
    const jwk = JSON.parse(decryptPii(row.private_enc, this.config.keyEncryptionKey, AAD)) as JWK;
    this.cached = {
      kid: row.kid,
      key: await importJWK(jwk, ALG),
      loadedAt: Date.now(),
    };
    return this.cached;
  }

  /** The JSON Web Key Set: public keys that may have signed a live token. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.current();
    const rows: { public_jwk: JWK }[] = await this.ds.query(
      `SELECT public_jwk FROM signing_key WHERE state IN ('NEXT', 'CURRENT', 'PREVIOUS') ORDER BY created_at DESC`,
    );
    return { keys: rows.map((r) => r.public_jwk) };
  }

  async list(): Promise<SigningKeyInfo[]> {
    const rows: { kid: string; state: string; created_at: Date }[] = await this.ds.query(
      `SELECT kid, state, created_at FROM signing_key ORDER BY created_at DESC LIMIT 20`,
    );
    return rows.map((r) => ({
      kid: r.kid,
      state: r.state,
      createdAt: r.created_at,
    }));
  }

  /** Rotates when the CURRENT key is older than the configured period (worker schedule). */
  async rotateIfDue(): Promise<boolean> {
    if (!this.config.keyRotationDays) return false;
    await this.current();
    return (await this.rotate(this.config.keyRotationDays * 86400_000)) !== null;
  }

  /** Signs an access token (or, with another typ, a phone proof): ES256, kid in the header, iat/exp from the clock. */
  async sign(
    sub: string,
    claims: Record<string, unknown>,
    ttlSec: number,
    typ = 'JWT',
  ): Promise<{ token: string; expiresAt: Date }> {
    const { kid, key } = await this.current();
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid, typ })
      .setSubject(sub)
      .setIssuer(this.config.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSec)
      .setJti(randomUUID());
    if (this.config.audience) jwt = jwt.setAudience(this.config.audience);
    return {
      token: await jwt.sign(key),
      expiresAt: new Date((now + ttlSec) * 1000),
    };
  }
}
