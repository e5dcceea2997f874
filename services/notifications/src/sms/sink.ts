import { randomUUID } from 'node:crypto';
import { maskPhone, type Logger } from '@leifeng/kit';
import type { ReceiptStatus, SmsProvider, SmsSendRequest } from './provider';
import { render, TEMPLATES } from './templates';

/** Local development: messages are logged (masked number) instead of sent. */
export class SinkSmsProvider implements SmsProvider {
  readonly name = 'sink';
  private readonly sent = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  async send(req: SmsSendRequest): Promise<{ providerId: string }> {
    const t = Object.values(TEMPLATES).find((x) => x.providerCode === req.templateCode);
    const text = t ? `【${req.signName}】${render(t, req.params)}` : req.templateCode;
    const providerId = `sink-${randomUUID()}`;
    this.sent.set(req.outId, providerId);
    this.logger.info({ to: maskPhone(req.phone), outId: req.outId, text }, 'SMS (development sink, not sent)');
    return { providerId };
  }

  async receipt(q: { outId: string }): Promise<{ status: ReceiptStatus; providerId?: string }> {
    const providerId = this.sent.get(q.outId);
    return providerId ? { status: 'DELIVERED', providerId } : { status: 'NOT_FOUND' };
  }
}
