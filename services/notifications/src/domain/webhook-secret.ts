import { decryptPii, encryptPii } from '@leifeng/kit';

/**
 * Webhook secrets at rest: sealed with the kit's PII crypto (AES-256-GCM), bound to the endpoint id
 * as associated data, so a sealed value copied to another endpoint's row does not decrypt.
 */
const aad = (endpointId: string) => `webhook_endpoint.secret:${endpointId}`;

export const sealSecret = (secret: string, key: Buffer, endpointId: string): string =>
  encryptPii(secret, key, aad(endpointId));
export const openSecret = (sealed: string, key: Buffer, endpointId: string): string =>
  decryptPii(sealed, key, aad(endpointId));
export const isSealed = (stored: string): boolean => stored.startsWith('v1.');
