/** What every SMS adapter offers (shaped like Aliyun dysmsapi and Tencent Cloud SMS). */
export interface SmsSendRequest {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  /** Our message id, echoed by the provider in receipts (Aliyun OutId / Tencent SessionContext). */
  outId: string;
}

export type ReceiptStatus = 'DELIVERED' | 'FAILED' | 'PENDING' | 'NOT_FOUND';

export interface SmsProvider {
  readonly name: string;
  /** Returns the provider's message id. Throws SmsProviderError. */
  send(req: SmsSendRequest): Promise<{ providerId: string }>;
  /** Looks the message up by phone, day and our outId (a send whose reply was lost can still be found). */
  receipt(q: {
    phone: string;
    outId: string;
    sentAt: Date;
    providerId?: string | null;
  }): Promise<{ status: ReceiptStatus; providerId?: string; error?: string }>;
}

/**
 * transient: nothing was sent, retry later with backoff (throttling, provider fault).
 * permanent: retrying cannot help (bad number, template, sign, blacklisted).
 * timeout: the request may or may not have been sent — look up the receipt before any resend.
 */
export class SmsProviderError extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent' | 'timeout',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}
