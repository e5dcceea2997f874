/** A domain event as it travels from a service's outbox to the consumers' queues. */
export interface DomainEvent<P = Record<string, unknown>> {
  /** UUID; also the BullMQ job id and the consumers' dedupe key. */
  id: string;
  type: string;
  source: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  occurredAt: string;
  requestId?: string;
}

export interface NewEvent<P = Record<string, unknown>> {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  requestId?: string;
}

export type ConsumerName = 'stations' | 'volunteers' | 'accreditation' | 'notifications' | 'identity';

/**
 * Which consumer service receives which event types. Only consumers with a running event worker are
 * listed, so no queue fills up unread; a service adds itself here when it starts consuming.
 */
export const EVENT_ROUTES: Partial<Record<ConsumerName, (type: string) => boolean>> = {
  // The event log records every event; its fan-out rules pick what to send.
  notifications: () => true,
  // The station replica (station_ref) used for scope checks, headcount share and duty coverage.
  volunteers: (t) => t.startsWith('station.'),
  // station_ref replica: 先建站, scope checks, direct-to-CITY categories.
  accreditation: (t) => t.startsWith('station.'),
};

export function eventQueueName(consumer: ConsumerName): string {
  // BullMQ forbids ':' in queue names and job ids.
  return `events-${consumer}`;
}
