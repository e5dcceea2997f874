import { randomBytes } from 'node:crypto';
import { ConfigError, decryptPii, encryptPii, envReader, maskIdNumber, piiLookupHash, readPiiKeys } from '@leifeng/kit';
import { readVolunteersConfig } from '../src/config';
import { parseResidentId, withCheckDigit } from '../src/domain/resident-id';

describe('PII crypto (kit)', () => {
  const key = randomBytes(32);

  it('round-trips with a fresh IV each time and refuses tampering, another key or another column', () => {
    const a = encryptPii('13812341234', key, 'volunteers.phone');
    const b = encryptPii('13812341234', key, 'volunteers.phone');
    expect(a).not.toBe(b);
    expect(decryptPii(a, key, 'volunteers.phone')).toBe('13812341234');
    const parts = a.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      decryptPii([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), key, 'volunteers.phone'),
    ).toThrow();
    expect(() => decryptPii(a, randomBytes(32), 'volunteers.phone')).toThrow();
    expect(() => decryptPii(a, key, 'volunteers.idNumber')).toThrow();
  });

  it('hashes deterministically per key and namespace', () => {
    expect(piiLookupHash('x', key, 'phone')).toBe(piiLookupHash('x', key, 'phone'));
    expect(piiLookupHash('x', key, 'phone')).not.toBe(piiLookupHash('x', key, 'id'));
    expect(piiLookupHash('x', key, 'phone')).not.toBe(piiLookupHash('x', randomBytes(32), 'phone'));
  });

  it('requires both keys in production and checks their size', () => {
    const read = (env: Record<string, string>) => {
      const r = envReader(env);
      readPiiKeys(r);
      r.done();
    };
    expect(() => read({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() =>
      read({
        NODE_ENV: 'development',
        PII_ENCRYPTION_KEY: randomBytes(16).toString('base64'),
      }),
    ).toThrow(/32 bytes/);
    const same = randomBytes(32).toString('base64');
    expect(() =>
      read({
        NODE_ENV: 'production',
        PII_ENCRYPTION_KEY: same,
        PII_HASH_KEY: same,
      }),
    ).toThrow(/must differ/);
    expect(() =>
      read({
        NODE_ENV: 'production',
        PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        PII_HASH_KEY: randomBytes(32).toString('base64'),
      }),
    ).not.toThrow();
    expect(() => readVolunteersConfig({ STAR_THRESHOLDS: '100,50,600,1000,1500' })).toThrow(/STAR_THRESHOLDS/);
    expect(() => readVolunteersConfig({ TIMEBANK_QUALITY_FACTORS: 'GREAT=2' })).toThrow(/TIMEBANK_QUALITY_FACTORS/);
  });

  it('masks ID numbers to the first four and last four', () => {
    expect(maskIdNumber('43010219900307123X')).toBe('4301**********123X');
  });
});

describe('GB 11643 resident ID', () => {
  it('accepts the standard example and derives birth date and gender', () => {
    expect(parseResidentId('11010519491231002X', '2026-01-01')).toEqual({
      birthDate: '1949-12-31',
      gender: 'FEMALE',
    });
    expect(parseResidentId(withCheckDigit('43010219900307123'), '2026-01-01')).toEqual({
      birthDate: '1990-03-07',
      gender: 'MALE',
    });
  });

  it.each([
    ['a wrong check character', '110105194912310021'],
    ['17 digits', '11010519491231002'],
    ['February 30th', withCheckDigit('43010219900230123')],
    ['a birth date after today', withCheckDigit('43010230000101123')],
  ])('refuses %s', (_label, id) => {
    expect(parseResidentId(id, '2026-01-01')).toBeUndefined();
  });
});
