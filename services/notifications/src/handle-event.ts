import { recordEvent, SMS_CODE_EVENT, type DomainEvent, type EventHandler } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';
import { logEvent } from './services/event-log-service';
import { planFor } from './domain/fanout-rules';
import { applyToStationRef, findStationRefs } from './services/station-ref';
import { templateOf, validateParams } from './domain/sms-templates';

/**
 * Every consumed event lands in the event log and fans out by the rules in fanout/rules.ts. Runs in
 * the consumer's dedupe transaction, so a redelivered event changes nothing. Only rows are written
 * here; the worker's dispatcher turns committed rows into BullMQ jobs (ids only) afterwards.
 */
export const handleEvent: EventHandler = async (event, manager) => {
  if (event.type === SMS_CODE_EVENT) return smsCodeRequested(event, manager);
  await applyToStationRef(manager, event);
  const p = event.payload as { stationId?: string; regionCode?: string };
  const ref = p.stationId ? (await findStationRefs(manager, [p.stationId])).get(p.stationId) : undefined;
  const plan = planFor(event, ref?.name ?? null);
  await logEvent(manager, event, { livePending: plan.live });
  const regionCode = p.regionCode ?? ref?.regionCode ?? null;

  for (const a of plan.announcements) {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO announcement (station_id, region_code, title, body, category, pinned, publish_from, author_sub, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'system', $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        a.board === 'STATION' ? p.stationId : null,
        regionCode,
        a.title,
        a.body,
        a.category,
        a.pinned,
        event.occurredAt,
        event.id,
      ],
    );
    if (rows[0])
      await recordAnnouncement(
        manager,
        rows[0].id,
        a.board === 'STATION' ? p.stationId! : null,
        regionCode!,
        a.category,
        event.requestId,
      );
  }

  for (const s of plan.sms) {
    const t = templateOf(s.template);
    validateParams(t, s.params);
    await manager.query(
      `INSERT INTO sms_message (event_id, recipient_kind, recipient_id, template, params, kind, urgent, station_id, region_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        event.id,
        s.recipient.kind,
        s.recipient.id,
        t.name,
        JSON.stringify(s.params),
        t.kind,
        t.urgent,
        p.stationId ?? null,
        regionCode,
      ],
    );
  }

  await planWebhookDeliveries(manager, event, regionCode);
};

/**
 * Identity's sign-in codes and invitations: one SEALED message (number and code stay sealed until the
 * send, see sms/sealed-recipients.ts). The event log keeps the event without the sealed part; no
 * webhook, announcement or live event ever sees it.
 */
async function smsCodeRequested(event: DomainEvent, manager: EntityManager): Promise<void> {
  const p = event.payload as { template?: string; sealed?: string };
  await logEvent(manager, { ...event, payload: { ...event.payload, sealed: undefined } }, { livePending: false });
  const t = templateOf(String(p.template));
  if (typeof p.sealed !== 'string') return;
  await manager.query(
    `INSERT INTO sms_message (event_id, recipient_kind, recipient_id, template, params, kind, urgent)
     VALUES ($1, 'SEALED', $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [event.id, event.aggregateId, t.name, JSON.stringify({ sealed: p.sealed }), t.kind, t.urgent],
  );
}

export async function recordAnnouncement(
  m: EntityManager,
  id: string,
  stationId: string | null,
  regionCode: string,
  category: string,
  requestId?: string,
) {
  await recordEvent(m, 'notifications', {
    type: 'announcement.published',
    aggregateType: 'Announcement',
    aggregateId: id,
    payload: { announcementId: id, stationId, regionCode, category },
    requestId,
  });
}

/**
 * One delivery per enabled endpoint that subscribed to the type (or '*') and whose region covers the
 * event's, of an agency whose current scope allows the event (type and region): an endpoint made
 * before its agency's scope was narrowed gets nothing outside it.
 */
async function planWebhookDeliveries(m: EntityManager, event: DomainEvent, regionCode: string | null): Promise<void> {
  await m.query(
    `INSERT INTO webhook_delivery (endpoint_id, event_id, event_type)
     SELECT id, $1::uuid, $2::varchar FROM webhook_endpoint
      WHERE enabled AND ($2::text = ANY(event_types) OR '*' = ANY(event_types))
        AND (region_prefix IS NULL OR ($3::varchar IS NOT NULL AND $3::varchar LIKE region_prefix || '%'))
        AND EXISTS (SELECT 1 FROM agency_scope s
                     WHERE s.agency_id = webhook_endpoint.agency_id
                       AND ($2::text = ANY(s.event_types) OR '*' = ANY(s.event_types))
                       AND $3::varchar LIKE ANY(SELECT p || '%' FROM unnest(s.region_prefixes) p))
     ON CONFLICT DO NOTHING`,
    [event.id, event.type, regionCode],
  );
}
