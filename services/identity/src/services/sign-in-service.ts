import { randomUUID } from 'node:crypto';
import {
  DomainError,
  encryptPii,
  maskPhone,
  piiLookupHash,
  recordEvent,
  sealSmsCode,
  SMS_CODE_EVENT,
  type Clock,
  type PhoneProofPurpose,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { IdentityConfig } from '../config';
import { codeHash, generateCode, isCodeShaped, lockedMessage, normalizePhone, sameHash } from '../domain/codes';
import type { AuthSession, SessionService } from './session-service';
import type { SignInLimits } from './sign-in-limits';
import type { VolunteerLinker } from './station-directory';

export interface CodeRequestResult {
  expiresAt: Date;
  resendAfterSeconds: number;
  phoneMasked: string;
}

/** Hooks run in the sign-in transaction once the phone is proven (invitations, volunteer link). */
export type SignInHook = (
  m: EntityManager,
  account: { id: string; phone: string; phoneHash: string; created: boolean },
) => Promise<void>;

/** What a code proves: a sign-in, or a phone for a public action (kit phone-proof purposes). */
export type CodePurpose = 'SIGN_IN' | PhoneProofPurpose;
type CodeCheck = { kind: 'expired' } | { kind: 'wrong'; left: number } | { kind: 'ok' };

export const phoneLookupHash = (phone: string, key: Buffer) => piiLookupHash(phone, key, 'identity.phone');

/**
 * Sign-in with a mobile number and a one-time SMS code. The code is 6 random digits, lives 5
 * minutes, is kept only as an HMAC bound to its challenge, and is used up by the first right answer;
 * a new request supersedes the previous code. The text goes out through notifications (outbox event
 * with the number and code sealed under SMS_CODE_SEAL_KEY). Signing in with a number that has no
 * account creates one (volunteers sign up this way).
 */
export class SignInService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionService,
    private readonly limits: SignInLimits,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
    private readonly hooks: SignInHook[] = [],
    private readonly volunteers?: VolunteerLinker,
    private readonly logger?: { warn(o: object, msg: string): void },
  ) {}

  phoneHash(phone: string): string {
    return phoneLookupHash(phone, this.config.pii.hashKey);
  }

  /** Sends a code for a purpose (SIGN_IN, or a public proof such as OBJECTION): same limits for all. */
  async requestCode(
    rawPhone: string,
    clientIp: string | null,
    requestId?: string,
    purpose: CodePurpose = 'SIGN_IN',
  ): Promise<CodeRequestResult> {
    const phone = normalizePhone(rawPhone);
    const hash = this.phoneHash(phone);
    await this.limits.takeCodeRequest(hash, clientIp);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.codeTtlSec * 1000);
    const code = generateCode();
    const id = randomUUID();
    await this.ds.transaction(async (m) => {
      await m.query(
        `UPDATE sign_in_challenge SET consumed_at = $2 WHERE phone_hash = $1 AND purpose = $3 AND consumed_at IS NULL`,
        [hash, now, purpose],
      );
      await m.query(
        `INSERT INTO sign_in_challenge (id, phone_hash, code_hash, expires_at, client_ip, created_at, purpose) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, hash, codeHash(code, id, this.config.codeHashKey), expiresAt, clientIp, now, purpose],
      );
      await recordEvent(m, 'identity', {
        type: SMS_CODE_EVENT,
        aggregateType: 'SignInChallenge',
        aggregateId: id,
        payload: {
          challengeId: id,
          template: 'VERIFICATION_CODE',
          sealed: sealSmsCode(
            {
              phone,
              template: 'VERIFICATION_CODE',
              params: { code },
              expiresAt: expiresAt.toISOString(),
            },
            this.config.smsSealKey,
          ),
        },
        requestId,
      });
    });
    return {
      expiresAt,
      resendAfterSeconds: this.config.codeResendSec,
      phoneMasked: maskPhone(phone)!,
    };
  }

  async signIn(rawPhone: string, code: string, clientIp: string | null): Promise<AuthSession> {
    const phone = normalizePhone(rawPhone);
    const hash = this.phoneHash(phone);
    await this.limits.assertNotLocked(hash, clientIp);
    const now = this.clock.now();
    const result = await this.ds.transaction(async (m) => {
      const check = await this.useCode(m, hash, code, 'SIGN_IN', now);
      if (check.kind !== 'ok') return check;
      const account = await this.findOrCreateAccount(m, phone, hash);
      if (account.status !== 'ACTIVE') return { kind: 'disabled' as const };
      for (const hook of this.hooks)
        await hook(m, {
          id: account.id,
          phone,
          phoneHash: hash,
          created: account.created,
        });
      return {
        kind: 'ok' as const,
        session: await this.sessions.start(m, account.id, clientIp),
      };
    });
    await this.refuseBadCode(result, hash, clientIp);
    if (result.kind !== 'ok') throw new DomainError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
    await this.limits.clearPhone(hash);
    await this.linkVolunteer(result.session.accountId, phone);
    return result.session;
  }

  /**
   * Proves the phone with a code of that purpose (used up when right); no account is made or touched.
   * Wrong codes count toward the same lock-outs as sign-in.
   */
  async proveCode(
    rawPhone: string,
    code: string,
    purpose: CodePurpose,
    clientIp: string | null,
  ): Promise<{ phone: string; phoneHash: string }> {
    const phone = normalizePhone(rawPhone);
    const hash = this.phoneHash(phone);
    await this.limits.assertNotLocked(hash, clientIp);
    const now = this.clock.now();
    const result = await this.ds.transaction((m) => this.useCode(m, hash, code, purpose, now));
    await this.refuseBadCode(result, hash, clientIp);
    await this.limits.clearPhone(hash);
    return { phone, phoneHash: hash };
  }

  /** The latest open challenge of the phone for the purpose: used up by the right code, else one attempt counted. */
  private async useCode(
    m: EntityManager,
    hash: string,
    code: string,
    purpose: CodePurpose,
    now: Date,
  ): Promise<CodeCheck> {
    const [ch]: {
      id: string;
      code_hash: string;
      expires_at: Date;
      attempts: number;
    }[] = await m.query(
      `SELECT id, code_hash, expires_at, attempts FROM sign_in_challenge WHERE phone_hash = $1 AND purpose = $2 AND consumed_at IS NULL
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [hash, purpose],
    );
    if (!ch || new Date(ch.expires_at) <= now || ch.attempts >= this.config.codeMaxAttempts) return { kind: 'expired' };
    const right =
      isCodeShaped(String(code ?? '')) &&
      sameHash(codeHash(String(code), ch.id, this.config.codeHashKey), ch.code_hash);
    if (!right) {
      await m.query(`UPDATE sign_in_challenge SET attempts = attempts + 1 WHERE id = $1`, [ch.id]);
      return {
        kind: 'wrong',
        left: this.config.codeMaxAttempts - ch.attempts - 1,
      };
    }
    await m.query(`UPDATE sign_in_challenge SET consumed_at = $2 WHERE id = $1`, [ch.id, now]);
    return { kind: 'ok' };
  }

  private async refuseBadCode(
    result: { kind: string; left?: number },
    hash: string,
    clientIp: string | null,
  ): Promise<void> {
    if (result.kind === 'expired') throw new DomainError('SIGN_IN_CODE_EXPIRED', '验证码已失效，请重新获取');
    if (result.kind !== 'wrong') return;
    if (await this.limits.recordFailure(hash, clientIp))
      throw new DomainError('SIGN_IN_LOCKED', lockedMessage(Math.ceil(this.config.lockoutSec / 60)), {
        retryAfterSeconds: this.config.lockoutSec,
      });
    const left = result.left ?? 0;
    throw new DomainError(
      'SIGN_IN_CODE_INVALID',
      left > 0 ? `验证码错误，还可尝试 ${left} 次` : '验证码错误，请重新获取',
      { attemptsLeft: Math.max(0, left) },
    );
  }

  /**
   * After a sign-in, an account not yet linked asks volunteers to link the record registered with the
   * verified number. Best effort: sign-in never fails because volunteers is unreachable (next time).
   */
  private async linkVolunteer(accountId: string, phone: string): Promise<void> {
    if (!this.volunteers) return;
    const [row]: { volunteer_id: string | null }[] = await this.ds.query(
      `SELECT volunteer_id FROM account WHERE id = $1`,
      [accountId],
    );
    if (row?.volunteer_id) return;
    try {
      const volunteerId = await this.volunteers.link(phone, accountId);
      if (volunteerId)
        await this.ds.query(`UPDATE account SET volunteer_id = $2, updated_at = $3 WHERE id = $1`, [
          accountId,
          volunteerId,
          this.clock.now(),
        ]);
    } catch (err) {
      this.logger?.warn(
        { err: (err as Error).message, accountId },
        'linking the volunteer record failed; tried again at the next sign-in',
      );
    }
  }

  /** The account of a verified number, created on first sign-in. */
  async findOrCreateAccount(
    m: EntityManager,
    phone: string,
    hash: string,
  ): Promise<{ id: string; status: string; created: boolean }> {
    const inserted: { id: string; status: string }[] = await m.query(
      `INSERT INTO account (phone_hash, phone_enc, phone_masked, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (phone_hash) DO NOTHING RETURNING id, status`,
      [
        hash,
        encryptPii(phone, this.config.pii.encryptionKey, 'identity.account.phone'),
        maskPhone(phone),
        this.clock.now(),
      ],
    );
    if (inserted[0]) return { ...inserted[0], created: true };
    const [row]: { id: string; status: string }[] = await m.query(
      `SELECT id, status FROM account WHERE phone_hash = $1`,
      [hash],
    );
    return { ...row, created: false };
  }
}
