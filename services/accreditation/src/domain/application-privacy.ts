import { canManageStation, decryptPii, encryptPii, maskPhone, type AuthUser, type PiiKeys } from '@leifeng/kit';

/** Binds a ciphertext to this field: a value copied into another column or service fails to open. */
const AAD = 'accreditation.application.form.leaderPhone';

/** The form as stored in `application.form`: the leader's phone only as `leaderPhoneEnc`. */
export type StoredForm = Record<string, string>;

/**
 * The 附件2 form names the leader with a personal phone number. It is stored AES-256-GCM encrypted
 * (`form.leaderPhoneEnc`, the kit's PII crypto under PII_ENCRYPTION_KEY), like stations' leader_phone_enc,
 * and shown in full only to those who manage the station (its manager, an admin whose region covers it,
 * internal services); everyone else sees it masked (138****1234), wherever the application is read from.
 */
export class FormPhoneCipher {
  constructor(private readonly keys: PiiKeys) {}

  /** The form to store: `leaderPhone` replaced by its ciphertext. */
  seal<F extends { leaderPhone: string }>(form: F): StoredForm {
    const { leaderPhone, ...rest } = form;
    return {
      ...rest,
      leaderPhoneEnc: encryptPii(leaderPhone, this.keys.encryptionKey, AAD),
    };
  }

  open(sealed: string): string {
    return decryptPii(sealed, this.keys.encryptionKey, AAD);
  }

  /** The form as the caller may read it: the phone whole for a manager of the station, masked otherwise. */
  formFor(
    user: AuthUser | undefined,
    app: { stationId: string; regionCode: string; form: StoredForm },
  ): Record<string, string> {
    const { leaderPhoneEnc, ...rest } = app.form;
    const phone = leaderPhoneEnc ? this.open(leaderPhoneEnc) : '';
    const whole = canManageStation(user, {
      id: app.stationId,
      regionCode: app.regionCode,
    });
    return { ...rest, leaderPhone: whole ? phone : (maskPhone(phone) ?? '') };
  }
}
