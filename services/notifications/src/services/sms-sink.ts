import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { maskPhone, type Logger } from '@leifeng/kit';
import type { ReceiptStatus, SmsProvider, SmsSendRequest } from '../domain/sms-provider';
import { render, TEMPLATES } from '../domain/sms-templates';

/**
 * Local development: messages are logged (masked number) instead of sent, and with SMS_SINK_FILE also
 * appended to that file as JSON lines `{to, text}` (how `npm run dev` and the browser tests read codes).
 */
export class SinkSmsProvider implements SmsProvider {
  readonly name = 'sink';
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly logger: Logger,
    private readonly file?: string,
  ) {}

  async send(req: SmsSendRequest): Promise<{ providerId: string }> {
    const t = Object.values(TEMPLATES).find((x) => x.providerCode === req.templateCode);
    const text = t ? `【${req.signName}】${render(t, req.params)}` : req.templateCode;
    const providerId = `sink-${randomUUID()}`;
    this.sent.set(req.outId, providerId);
    const to = maskPhone(req.phone);
    this.logger.info({ to, outId: req.outId, text }, 'SMS (development sink, not sent)');
    if (this.file) this.append(JSON.stringify({ to, text }));
    return { providerId };
  }

  private append(line: string): void {
    try {
      mkdirSync(dirname(this.file!), { recursive: true });
      appendFileSync(this.file!, `${line}\n`);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'SMS sink file not written');
    }
  }

  async receipt(q: { outId: string }): Promise<{ status: ReceiptStatus; providerId?: string }> {
    const providerId = this.sent.get(q.outId);
    return providerId ? { status: 'DELIVERED', providerId } : { status: 'NOT_FOUND' };
  }
}
