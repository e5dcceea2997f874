import { envReader, readPiiKeys, type PiiKeys } from '@leifeng/kit';

/** Settings of the stations service beyond the kit's ServiceConfig. */
export interface StationsConfig {
  /** PII_ENCRYPTION_KEY / PII_HASH_KEY: the leader's phone is stored encrypted. */
  pii: PiiKeys;
}

export function readStationsConfig(env: Record<string, string | undefined> = process.env): StationsConfig {
  const r = envReader(env);
  const config: StationsConfig = { pii: readPiiKeys(r) };
  r.done();
  return config;
}
