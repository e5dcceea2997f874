import { hash, verify } from '@node-rs/argon2';
import { assertAllowed, decryptPii, DomainError, isUuid, type AuthUser, type Clock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { IdentityConfig } from '../config';
import { lockedMessage, normalizePhone } from '../domain/codes';
import { PASSWORD_MAX, passwordProblem } from '../domain/passwords';
import { recordPasswordChangedNotice } from './credential-notice';
import type { AuthSession, SessionService } from './session-service';
import { phoneLookupHash } from './sign-in-service';
import type { SignInLimits } from './sign-in-limits';

/**
 * argon2id (algorithm 2: the package's const enum cannot be imported under isolatedModules) at OWASP's
 * recommended minimum (19 MiB, 2 passes, 1 lane); the parameters travel in the PHC string.
 */
type Argon2Options = NonNullable<Parameters<typeof hash>[1]>;
const ARGON2: Argon2Options = {
  algorithm: 2 as Argon2Options['algorithm'],
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

interface AccountRow {
  id: string;
  status: string;
  phone_enc: string;
  password_hash: string | null;
}

/**
 * Officers' optional password. Set (or changed, with the current one) by a person signed in who holds a
 * grant; sign-in with phone + password shares the SMS code's failure counters and lock-outs (per phone,
 * per client address). Unknown numbers and accounts without a password are verified against a dummy hash
 * so the answer takes as long and says the same ("手机号或密码错误").
 */
export class PasswordService {
  private dummy?: Promise<string>;

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionService,
    private readonly limits: SignInLimits,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  private async matches(stored: string | null, password: string): Promise<boolean> {
    this.dummy ??= hash('leifeng-dummy-password-for-timing', ARGON2);
    const target = stored ?? (await this.dummy);
    const ok = await verify(target, password).catch(() => false);
    return ok && stored !== null;
  }

  async signIn(rawPhone: string, password: string, clientIp: string | null): Promise<AuthSession> {
    const phone = normalizePhone(rawPhone);
    const phoneHash = phoneLookupHash(phone, this.config.pii.hashKey);
    await this.limits.assertNotLocked(phoneHash, clientIp);
    const [row]: AccountRow[] = await this.ds.query(
      `SELECT id, status, phone_enc, password_hash FROM account WHERE phone_hash = $1`,
      [phoneHash],
    );
    const usable = typeof password === 'string' && password.length > 0 && password.length <= PASSWORD_MAX * 4;
    if (!usable || !(await this.matches(row?.password_hash ?? null, password))) {
      if (await this.limits.recordFailure(phoneHash, clientIp)) {
        throw new DomainError('SIGN_IN_LOCKED', lockedMessage(Math.ceil(this.config.lockoutSec / 60)), {
          retryAfterSeconds: this.config.lockoutSec,
        });
      }
      throw new DomainError('SIGN_IN_PASSWORD_INVALID', '手机号或密码错误；未设置密码请使用验证码登录');
    }
    if (row.status !== 'ACTIVE') throw new DomainError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
    const session = await this.ds.transaction((m) => this.sessions.start(m, row.id, clientIp));
    await this.limits.clearPhone(phoneHash);
    return session;
  }

  /** Sets the signed-in officer's password; changing an existing one needs the current one. */
  async set(
    user: AuthUser | undefined,
    password: string,
    currentPassword: string | null | undefined,
  ): Promise<boolean> {
    assertAllowed(user, !!user && isUuid(user.sub), '请先使用验证码登录');
    const accountId = user!.sub;
    const [row]: AccountRow[] = await this.ds.query(
      `SELECT id, status, phone_enc, password_hash FROM account WHERE id = $1`,
      [accountId],
    );
    if (!row || row.status !== 'ACTIVE') throw new DomainError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
    const grants = await this.sessions.activeGrants(accountId);
    assertAllowed(user, grants.length > 0, '只有持有管理授权的人员可以设置密码，志愿者请使用验证码登录');
    const phone = decryptPii(row.phone_enc, this.config.pii.encryptionKey, 'identity.account.phone');
    if (row.password_hash) {
      const phoneHash = phoneLookupHash(phone, this.config.pii.hashKey);
      await this.limits.assertNotLocked(phoneHash, null);
      if (!currentPassword || !(await this.matches(row.password_hash, currentPassword))) {
        await this.limits.recordFailure(phoneHash, null);
        throw new DomainError('CURRENT_PASSWORD_INVALID', '当前密码不正确', {
          field: 'currentPassword',
        });
      }
    }
    const problem = passwordProblem(String(password ?? ''), phone);
    if (problem)
      throw new DomainError('VALIDATION_FAILED', problem, {
        field: 'password',
      });
    const stored = await hash(password, ARGON2);
    await this.ds.transaction(async (m) => {
      await m.query(`UPDATE account SET password_hash = $2, password_set_at = $3, updated_at = $3 WHERE id = $1`, [
        accountId,
        stored,
        this.clock.now(),
      ]);
      await recordPasswordChangedNotice(m, phone, this.config, this.clock);
    });
    return true;
  }
}
