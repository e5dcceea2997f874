import { maskPhone, type Logger } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { Clock } from '../config';
import { SmsProviderError, type SmsProvider } from '../domain/sms-provider';
import type { RecipientDirectory, RecipientKind } from '../services/recipients';

const RECEIPT_POLL_BATCH = 200;

/**
 * The scheduled receipt poll: asks the provider (QuerySendDetails / PullSmsSendStatus) about SENT
 * messages and records DELIVERED or FAILED. Messages older than `maxAgeMs` are no longer asked about.
 */
export class ReceiptPoller {
  constructor(
    private readonly d: {
      ds: DataSource;
      provider: SmsProvider;
      directory: RecipientDirectory;
      logger: Logger;
      now: Clock;
      maxAgeMs: number;
    },
  ) {}

  async pollOnce(): Promise<{
    checked: number;
    delivered: number;
    failed: number;
  }> {
    const now = this.d.now();
    const rows: {
      id: string;
      recipient_kind: RecipientKind;
      recipient_id: string;
      provider_id: string | null;
      sent_at: Date;
    }[] = await this.d.ds.query(
      `SELECT id, recipient_kind, recipient_id, provider_id, sent_at FROM sms_message
        WHERE status = 'SENT' AND sent_at >= $1 ORDER BY sent_at LIMIT $2`,
      [new Date(now.getTime() - this.d.maxAgeMs), RECEIPT_POLL_BATCH],
    );
    const out = { checked: 0, delivered: 0, failed: 0 };
    // One directory read per recipient kind for the whole run (≤ RECEIPT_POLL_BATCH ids), in memory only.
    const phones = new Map<string, string | null>();
    for (const kind of [...new Set(rows.map((r) => r.recipient_kind))]) {
      const ids = [...new Set(rows.filter((r) => r.recipient_kind === kind).map((r) => r.recipient_id))];
      try {
        const read = await this.d.directory.phonesOf(kind, ids);
        ids.forEach((id, i) => phones.set(`${kind}:${id}`, read[i] ?? null));
      } catch (err) {
        this.d.logger.warn({ kind, err: (err as Error).message }, 'receipt poll: recipients unavailable');
      }
    }
    for (const row of rows) {
      const phone = phones.get(`${row.recipient_kind}:${row.recipient_id}`);
      if (!phone) continue;
      try {
        const r = await this.d.provider.receipt({
          phone,
          outId: row.id,
          sentAt: new Date(row.sent_at),
          providerId: row.provider_id,
        });
        out.checked++;
        if (r.status === 'DELIVERED') {
          await this.d.ds.query(
            `UPDATE sms_message SET status = 'DELIVERED', delivered_at = $2, updated_at = now() WHERE id = $1 AND status = 'SENT'`,
            [row.id, now],
          );
          out.delivered++;
        } else if (r.status === 'FAILED') {
          await this.d.ds.query(
            `UPDATE sms_message SET status = 'FAILED', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'SENT'`,
            [row.id, `RECEIPT: ${r.error ?? '投递失败'}`.slice(0, 500)],
          );
          out.failed++;
          this.d.logger.info({ smsId: row.id, to: maskPhone(phone), error: r.error }, 'SMS not delivered');
        }
      } catch (err) {
        if (!(err instanceof SmsProviderError)) throw err;
        this.d.logger.warn({ smsId: row.id, code: err.code }, 'receipt poll: provider error, trying next time');
      }
    }
    return out;
  }
}
