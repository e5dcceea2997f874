import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: "whsec_" + base64 of 32 random bytes (the spec allows 24–64). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** whsec_ + canonical base64 of 24–64 bytes. */
export function isValidSecret(secret: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m) return false;
  const key = Buffer.from(m[1], 'base64');
  return key.length >= 24 && key.length <= 64 && key.toString('base64') === m[1];
}

function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  if (key.length < 24 || key.length > 64) throw new Error('webhook secret must be 24–64 bytes');
  return key;
}

/**
 * `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, by the standardwebhooks package (the
 * spec's reference library); `verify` below stays our own, so the tests check its output independently.
 */
function sign(secret: string, id: string, timestamp: number, body: string): string {
  return new Webhook(keyOf(secret), { format: 'raw' }).sign(id, new Date(timestamp * 1000), body);
}

/** The webhook-signature header: one signature per active secret, space separated. */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => sign(s, id, timestamp, body)).join(' ');
}

/**
 * What a receiver does (also the README's example): any listed v1 signature may match. Written out
 * with node:crypto on purpose: it is the independent check of the library's signatures in the tests.
 */
export function verify(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = createHmac('sha256', keyOf(secret)).update(`${headers.id}.${ts}.${body}`).digest();
  return headers.signature.split(' ').some((part) => {
    const [version, sig] = part.split(',');
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
