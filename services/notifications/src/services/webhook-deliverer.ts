import { currentSandboxOffset, recordEvent, type Logger } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { Clock, NotificationsConfig } from '../config';
import { postPinned, PostTimeout, type PostResult } from './webhook-http-post';
import { nextDelay, parseRetryAfter } from '../domain/webhook-schedule';
import { openSecret } from '../domain/webhook-secret';
import { signatureHeader } from '../domain/webhook-signing';
import { resolvePublic, SsrfRefused } from './webhook-ssrf';

export type DeliveryOutcome =
  { kind: 'done'; status: 'SUCCEEDED' | 'FAILED' } | { kind: 'retry'; delayMs: number; attempt: number };

interface Row {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempt_count: number;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  failing_since: Date | null;
}

/** Thin payload: ids, types, codes and times only; anything that looks personal is dropped. */
function thinPayload(event: { event_id: string; type: string; occurred_at: Date; payload: Record<string, unknown> }) {
  const data: Record<string, unknown> = { eventId: event.event_id };
  for (const [k, v] of Object.entries(event.payload)) {
    if (/phone|mobile|idcard|name$|address/i.test(k)) continue;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) data[k] = v;
  }
  return {
    type: event.type,
    timestamp: new Date(event.occurred_at).toISOString(),
    data,
  };
}

const webhookMessageId = (eventId: string) => `msg_${eventId.replace(/-/g, '')}`;

/** One attempt of one delivery (Standard Webhooks), with the retry and disable rules. */
export class WebhookDeliverer {
  constructor(
    private readonly ds: DataSource,
    private readonly config: NotificationsConfig['webhook'],
    private readonly logger: Logger,
    private readonly now: Clock,
    private readonly secretKey: Buffer,
    private readonly random: () => number = Math.random,
  ) {}

  async process(deliveryId: string): Promise<DeliveryOutcome> {
    const [row]: Row[] = await this.ds.query(
      `SELECT d.id, d.event_id, d.event_type, d.status, d.attempt_count, e.id AS endpoint_id, e.url, e.enabled, e.secret,
              e.previous_secret, e.previous_secret_until, e.failing_since
         FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row || row.status === 'SUCCEEDED' || row.status === 'FAILED')
      return {
        kind: 'done',
        status: row?.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
      };
    if (!row.enabled) {
      await this.ds.query(`UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL WHERE id = $1`, [
        row.id,
      ]);
      return { kind: 'done', status: 'FAILED' };
    }
    const [event] = await this.ds.query(
      `SELECT event_id, type, occurred_at, payload FROM event_log WHERE event_id = $1`,
      [row.event_id],
    );
    const now = this.now();
    const attempt = row.attempt_count + 1;
    const body = JSON.stringify(thinPayload(event));
    // One message per (event, endpoint): the same id on retries and on a manual replay.
    const msgId = webhookMessageId(row.event_id);
    // Receivers check webhook-timestamp against their own real clock (Standard Webhooks, 5 min): sign with
    // real time even in a sandbox, whose clock runs ahead (a partner testing its receiver would refuse all).
    const timestamp = Math.floor((now.getTime() - currentSandboxOffset()) / 1000);
    const secrets = [openSecret(row.secret, this.secretKey, row.endpoint_id)];
    if (row.previous_secret && row.previous_secret_until && new Date(row.previous_secret_until) > now)
      secrets.push(openSecret(row.previous_secret, this.secretKey, row.endpoint_id));
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'LeifengStationPlatform-Webhooks/1.0',
      'webhook-id': msgId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, msgId, timestamp, body),
    };

    let result: PostResult | null = null;
    let error: string | null = null;
    let throttled = false;
    let latencyMs = 0;
    try {
      const url = new URL(row.url);
      const pinned = await resolvePublic(url.hostname, this.config.allowPrivateNetworks);
      result = await postPinned(url, pinned, headers, body, this.config.timeoutMs);
      latencyMs = result.latencyMs;
    } catch (err) {
      if (err instanceof PostTimeout) {
        error = 'TIMEOUT';
        throttled = true;
        latencyMs = err.latencyMs;
      } else if (err instanceof SsrfRefused) {
        error = 'PRIVATE_ADDRESS_REFUSED';
      } else {
        error = `NETWORK: ${(err as Error).message}`.slice(0, 200);
      }
    }
    await this.ds.query(
      `INSERT INTO webhook_attempt (delivery_id, attempt, status_code, error, latency_ms, response_excerpt, attempted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, attempt, result?.status ?? null, error, latencyMs, result?.excerpt ?? null, now],
    );

    const ok = !!result && result.status >= 200 && result.status < 300;
    if (ok) {
      await this.ds.transaction(async (m) => {
        await m.query(
          `UPDATE webhook_delivery SET status = 'SUCCEEDED', attempt_count = $2, succeeded_at = $3, next_attempt_at = NULL WHERE id = $1`,
          [row.id, attempt, now],
        );
        await m.query(`UPDATE webhook_endpoint SET last_success_at = $2, failing_since = NULL WHERE id = $1`, [
          row.endpoint_id,
          now,
        ]);
      });
      return { kind: 'done', status: 'SUCCEEDED' };
    }
    if (result?.status === 410) {
      await this.disable(row.endpoint_id, 'GONE');
      await this.ds.query(
        `UPDATE webhook_delivery SET status = 'FAILED', attempt_count = $2, next_attempt_at = NULL WHERE id = $1`,
        [row.id, attempt],
      );
      return { kind: 'done', status: 'FAILED' };
    }
    if (result?.status === 429) throttled = true;
    const failingSince = row.failing_since ? new Date(row.failing_since) : now;
    if (!row.failing_since)
      await this.ds.query(`UPDATE webhook_endpoint SET failing_since = $2 WHERE id = $1 AND failing_since IS NULL`, [
        row.endpoint_id,
        now,
      ]);
    if (now.getTime() - failingSince.getTime() >= this.config.disableAfterMs) {
      await this.disable(row.endpoint_id, 'FAILING');
      await this.ds.query(
        `UPDATE webhook_delivery SET status = 'FAILED', attempt_count = $2, next_attempt_at = NULL WHERE id = $1`,
        [row.id, attempt],
      );
      return { kind: 'done', status: 'FAILED' };
    }
    const delayMs = nextDelay({
      scheduleMs: this.config.scheduleMs,
      attempt,
      jitter: this.config.jitter,
      random: this.random,
      throttled,
      throttleMinMs: this.config.throttleMinMs,
      retryAfterMs: result ? parseRetryAfter(result.headers['retry-after'], now) : null,
    });
    if (delayMs === null) {
      await this.ds.query(
        `UPDATE webhook_delivery SET status = 'FAILED', attempt_count = $2, next_attempt_at = NULL WHERE id = $1`,
        [row.id, attempt],
      );
      return { kind: 'done', status: 'FAILED' };
    }
    await this.ds.query(
      `UPDATE webhook_delivery SET status = 'RETRYING', attempt_count = $2, next_attempt_at = $3 WHERE id = $1`,
      [row.id, attempt, new Date(now.getTime() + delayMs)],
    );
    this.logger.info(
      { deliveryId: row.id, attempt, status: result?.status, error, delayMs },
      'webhook attempt failed; retrying',
    );
    return { kind: 'retry', delayMs, attempt };
  }

  private async disable(endpointId: string, reason: 'GONE' | 'FAILING'): Promise<void> {
    await this.ds.transaction(async (m) => {
      const rows = await m.query(
        `UPDATE webhook_endpoint SET enabled = false, disabled_reason = $2 WHERE id = $1 AND enabled RETURNING agency_id`,
        [endpointId, reason],
      );
      const agencyId = rows[0]?.[0]?.agency_id ?? rows[0]?.agency_id;
      if (agencyId) {
        await recordEvent(m, 'notifications', {
          type: 'webhook.endpoint.disabled',
          aggregateType: 'WebhookEndpoint',
          aggregateId: endpointId,
          payload: { endpointId, agencyId, reason },
        });
      }
    });
  }
}
