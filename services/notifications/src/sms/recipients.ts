import { isMobilePhone } from '@leifeng/kit';
import type { GraphClient } from '../graph-client';

export type RecipientKind = 'STATION_LEADER' | 'VOLUNTEER';

/**
 * Where phone numbers come from, at send time only: they are never copied into job data (Redis)
 * nor stored here (only a masked form and a keyed hash for limits and opt-out).
 */
export interface RecipientDirectory {
  /** The mobile number, or null when the recipient has none (the message then fails permanently). */
  phoneOf(kind: RecipientKind, id: string): Promise<string | null>;
}

/**
 * Station leaders: `Station.leader.phone` from stations, read whole with a SERVICE token.
 * Volunteers: `volunteerContacts(ids) { phone }` from volunteers (SERVICE tokens only, decrypted there);
 * one id per message for now, the query takes up to 500.
 */
export class GraphRecipientDirectory implements RecipientDirectory {
  constructor(private readonly graph: GraphClient) {}

  async phoneOf(kind: RecipientKind, id: string): Promise<string | null> {
    if (kind === 'STATION_LEADER') {
      const res = await this.graph.query<{ stationsByIds: ({ leader: { phone: string } } | null)[] }>(
        `query($ids: [ID!]!) { stationsByIds(ids: $ids) { leader { phone } } }`,
        { ids: [id] },
      );
      if (!res.data) throw new Error(`reading the station leader failed: ${res.errors?.[0]?.message}`);
      const phone = res.data.stationsByIds[0]?.leader.phone ?? null;
      return phone && isMobilePhone(phone) ? phone : null;
    }
    // volunteers' batched contact read for SERVICE tokens (null for an unknown or withdrawn volunteer).
    const res = await this.graph.query<{ volunteerContacts: ({ phone: string } | null)[] }>(`query($ids: [ID!]!) { volunteerContacts(ids: $ids) { phone } }`, { ids: [id] });
    if (!res.data) throw new Error(`reading the volunteer's phone failed: ${res.errors?.[0]?.message}`);
    const phone = res.data.volunteerContacts[0]?.phone ?? null;
    return phone && isMobilePhone(phone) ? phone : null;
  }
}
