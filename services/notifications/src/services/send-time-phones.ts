import type { DataSource } from 'typeorm';
import { MAX_LOOKUP_IDS, type RecipientDirectory, type RecipientKind } from './recipients';

/** Statuses of messages that will still need their recipient's number. */
const UNSENT = `('PENDING', 'DEFERRED', 'RETRYING', 'SENDING')`;

export interface MessageRecipient {
  /** The sms_message row id. */
  id: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
}

export interface SendTimePhonesOptions {
  /** How long a number read for a batch is reused in this process (memory only), ms. */
  ttlMs: number;
  /** At most this many numbers are held; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Phone numbers at send time, one directory read per dispatch batch instead of one per message.
 *
 * The dispatcher queues messages in batches (one transaction, one `dispatched_at`); job data stays the
 * message id. When a send job misses the cache, the ids of every still-unsent recipient of the same kind
 * in the message's dispatch batch (≤ MAX_LOOKUP_IDS) are read with one `phonesOf` call, and the numbers
 * kept in this process's memory for `ttlMs` — never in Redis or the database. Concurrent jobs of the same
 * batch wait for that one read. A message deferred past the TTL reads again (again for its whole batch).
 */
export class SendTimePhones {
  private readonly cache = new Map<string, { phone: string | null; expires: number }>();
  private readonly loading = new Map<string, Promise<Map<string, string | null>>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly ds: DataSource,
    private readonly directory: RecipientDirectory,
    private readonly opts: SendTimePhonesOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.maxEntries = opts.maxEntries ?? 20_000;
  }

  async phoneFor(msg: MessageRecipient): Promise<string | null> {
    const key = `${msg.recipient_kind}:${msg.recipient_id}`;
    const hit = this.fresh(key);
    if (hit !== undefined) return hit;
    // The dispatcher queues jobs inside the transaction that sets dispatched_at (rows locked FOR UPDATE):
    // a job that starts before that commit waits here for it, so it sees its batch.
    const [batch]: { k: string | null }[] = await this.ds.query(
      `SELECT dispatched_at::text AS k FROM sms_message WHERE id = $1 FOR KEY SHARE`,
      [msg.id],
    );
    const again = this.fresh(key); // another job of the batch may have read it meanwhile
    if (again !== undefined) return again;
    const group = `${msg.recipient_kind}|${batch?.k ?? msg.id}`;
    const running = this.loading.get(group);
    if (running) {
      const read = await running;
      if (read.has(msg.recipient_id)) return read.get(msg.recipient_id)!;
    }
    const load = this.load(msg, batch?.k ?? null);
    this.loading.set(group, load);
    try {
      return (await load).get(msg.recipient_id) ?? null;
    } finally {
      if (this.loading.get(group) === load) this.loading.delete(group);
    }
  }

  private fresh(key: string): string | null | undefined {
    const e = this.cache.get(key);
    if (!e) return undefined;
    if (e.expires > this.now()) return e.phone;
    this.cache.delete(key);
    return undefined;
  }

  /** The message's recipient plus its batch's other unsent recipients of the same kind, in one read. */
  private async load(msg: MessageRecipient, batchKey: string | null): Promise<Map<string, string | null>> {
    const siblings: { recipient_id: string }[] = batchKey
      ? await this.ds.query(
          `SELECT DISTINCT recipient_id FROM sms_message
            WHERE dispatched_at = (SELECT dispatched_at FROM sms_message WHERE id = $1)
              AND recipient_kind = $2 AND status IN ${UNSENT} AND id <> $1
            LIMIT $3`,
          [msg.id, msg.recipient_kind, MAX_LOOKUP_IDS],
        )
      : [];
    const ids = [msg.recipient_id];
    for (const s of siblings) {
      if (ids.length >= MAX_LOOKUP_IDS) break;
      if (s.recipient_id !== msg.recipient_id && this.fresh(`${msg.recipient_kind}:${s.recipient_id}`) === undefined)
        ids.push(s.recipient_id);
    }
    const phones = await this.directory.phonesOf(msg.recipient_kind, ids);
    const read = new Map(ids.map((id, i) => [id, phones[i] ?? null]));
    const expires = this.now() + this.opts.ttlMs;
    for (const [id, phone] of read) {
      const key = `${msg.recipient_kind}:${id}`;
      this.cache.delete(key);
      this.cache.set(key, { phone, expires });
    }
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxEntries) break;
      this.cache.delete(oldest);
    }
    return read;
  }
}
