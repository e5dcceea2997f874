import { DomainError, maskPhone, PHONE_PROOF_PURPOSES, PHONE_PROOF_TYP, type PhoneProofPurpose } from '@leifeng/kit';
import type { KeyService } from './key-service';
import type { CodeRequestResult, SignInService } from './sign-in-service';

/** A proof lives 15 minutes: long enough to write a reason, short enough to be useless once leaked. */
const PHONE_PROOF_TTL_SEC = 15 * 60;

export interface PhoneProofResult {
  token: string;
  expiresAt: Date;
  phoneMasked: string;
}

const assertPurpose = (purpose: string): PhoneProofPurpose => {
  if (!(PHONE_PROOF_PURPOSES as readonly string[]).includes(purpose))
    throw new DomainError('INVALID_PURPOSE', '验证用途不正确');
  return purpose as PhoneProofPurpose;
};

/**
 * Public "verify this phone" for people without an account (e.g. objecting to a 公示): the sign-in
 * code machinery (limits, lock-outs, SMS through notifications) with a purpose, answered with a
 * short-lived signed proof (kit phone-proof.ts) instead of a session. No account is created.
 */
export class PhoneProofService {
  constructor(
    private readonly signIn: SignInService,
    private readonly keys: KeyService,
  ) {}

  requestCode(phone: string, purpose: string, clientIp: string | null, requestId?: string): Promise<CodeRequestResult> {
    return this.signIn.requestCode(phone, clientIp, requestId, assertPurpose(purpose));
  }

  async verify(rawPhone: string, code: string, purpose: string, clientIp: string | null): Promise<PhoneProofResult> {
    const p = assertPurpose(purpose);
    const { phone, phoneHash } = await this.signIn.proveCode(rawPhone, code, p, clientIp);
    const { token, expiresAt } = await this.keys.sign(
      phoneHash,
      { purpose: p, phone },
      PHONE_PROOF_TTL_SEC,
      PHONE_PROOF_TYP,
    );
    return { token, expiresAt, phoneMasked: maskPhone(phone)! };
  }
}
