import { decryptPii, encryptPii, maskPhone, type PiiKeys } from '@leifeng/kit';

/** The additional data binding a ciphertext to its column (a value copied into another column fails to open). */
const AAD = 'stations.leader_phone';

/**
 * The station leader's phone is personal data: stored AES-256-GCM encrypted (`leader_phone_enc`),
 * shown whole only to who may manage the station, masked to everyone else. Nothing looks a station up
 * by the leader's phone, so there is no lookup hash. The public contact is the hotline (plain).
 */
export class LeaderPhoneCipher {
  constructor(private readonly keys: PiiKeys) {}

  seal(phone: string): string {
    return encryptPii(phone, this.keys.encryptionKey, AAD);
  }

  open(sealed: string): string {
    return decryptPii(sealed, this.keys.encryptionKey, AAD);
  }

  /** Whole for a manager of the station, masked otherwise. */
  show(sealed: string, mayManage: boolean): string {
    const phone = this.open(sealed);
    return mayManage ? phone : (maskPhone(phone) ?? '');
  }
}
