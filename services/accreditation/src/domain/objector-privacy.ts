import { decryptPii, encryptPii, maskPhone, regionCovers, type AuthUser, type PiiKeys } from '@leifeng/kit';
import { maySign } from './endorsement-chain';
import type { TitleLevel } from './standards';

/** Binds the ciphertext to this column (copied elsewhere it fails to open). */
const AAD = 'accreditation.objection.objectorPhone';
const ADMIN_ROLES = ['PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN'] as const;

interface NoticeScope {
  level: TitleLevel;
  regionCode: string;
}

/**
 * A public objector's phone: stored AES-256-GCM encrypted (kit PII crypto); the group that resolves the
 * notice's objections sees it whole (to call back), other officers of related regions see it masked and
 * see the name; the public sees neither.
 */
export class ObjectorPhoneCipher {
  constructor(private readonly keys: PiiKeys) {}

  seal(phone: string): string {
    return encryptPii(phone, this.keys.encryptionKey, AAD);
  }

  open(sealed: string): string {
    return decryptPii(sealed, this.keys.encryptionKey, AAD);
  }

  /** Officers of the notice's region, above or below it. */
  static mayKnowObjector(user: AuthUser | undefined, notice: NoticeScope): boolean {
    const region = user?.regionCode;
    if (!region || !user.roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r))) return false;
    return regionCovers(region, notice.regionCode) || regionCovers(notice.regionCode, region);
  }

  phoneFor(user: AuthUser | undefined, notice: NoticeScope, sealed: string | null): string | null {
    if (!sealed || !ObjectorPhoneCipher.mayKnowObjector(user, notice)) return null;
    const phone = this.open(sealed);
    return maySign(user, notice.level, notice.regionCode) ? phone : maskPhone(phone);
  }
}
