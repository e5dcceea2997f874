import { decryptPii, encryptPii, maskIdNumber, maskPhone, piiLookupHash, type PiiKeys } from '@leifeng/kit';

export type PiiField = 'phone' | 'idNumber';

/** Encrypts, hashes and masks the volunteer's phone and resident ID number. */
export class VolunteerPii {
  constructor(private readonly keys: PiiKeys) {}

  encrypt(field: PiiField, value: string): string {
    return encryptPii(value, this.keys.encryptionKey, `volunteers.${field}`);
  }

  decrypt(field: PiiField, token: string): string {
    return decryptPii(token, this.keys.encryptionKey, `volunteers.${field}`);
  }

  hash(field: PiiField, value: string): string {
    return piiLookupHash(value, this.keys.hashKey, `volunteers.${field}`);
  }

  static mask(field: PiiField, value: string): string {
    return (field === 'phone' ? maskPhone(value) : maskIdNumber(value)) ?? '';
  }
}
