import { isMobilePhone } from '@leifeng/kit';
import type { GraphClient } from '@leifeng/kit';

/** SEALED: identity's codes and invitations, the number sealed in the message's own params (sealed-recipients.ts). */
export type RecipientKind = 'STATION_LEADER' | 'VOLUNTEER' | 'SEALED';

/** Ids per directory read: volunteers' `volunteerContacts` and stations' `stationsByIds` take up to 500. */
export const MAX_LOOKUP_IDS = 500;

/**
 * Where phone numbers come from, at send time only: they are never copied into job data (Redis)
 * nor stored here (only a masked form and a keyed hash for limits and opt-out).
 */
export interface RecipientDirectory {
  /**
   * The mobile numbers of recipients of one kind, in the order asked; null where a recipient has none
   * (unknown, withdrawn, not a mobile number: the message then fails permanently). Any number of ids:
   * implementations read them in chunks of MAX_LOOKUP_IDS.
   */
  phonesOf(kind: RecipientKind, ids: readonly string[]): Promise<(string | null)[]>;
}

const LEADERS = `query NotifyStationLeaders($ids: [ID!]!) { stationsByIds(ids: $ids) { leader { phone } } }`;
const CONTACTS = `query NotifyVolunteerContacts($ids: [ID!]!) { volunteerContacts(ids: $ids) { phone } }`;

/**
 * Through the gateway with a SERVICE token, one request per MAX_LOOKUP_IDS ids:
 * station leaders from stations' `stationsByIds { leader { phone } }` (whole for SERVICE),
 * volunteers from volunteers' `volunteerContacts(ids) { phone }` (SERVICE only, decrypted there;
 * null for unknown or withdrawn volunteers).
 */
export class GraphRecipientDirectory implements RecipientDirectory {
  constructor(private readonly graph: GraphClient) {}

  async phonesOf(kind: RecipientKind, ids: readonly string[]): Promise<(string | null)[]> {
    const out: (string | null)[] = [];
    for (let i = 0; i < ids.length; i += MAX_LOOKUP_IDS)
      out.push(...(await this.chunk(kind, ids.slice(i, i + MAX_LOOKUP_IDS))));
    return out;
  }

  private async chunk(kind: RecipientKind, ids: readonly string[]): Promise<(string | null)[]> {
    if (!ids.length) return [];
    const leaders = kind === 'STATION_LEADER';
    const res = await this.graph.request<{
      stationsByIds?: ({ leader: { phone: string } | null } | null)[];
      volunteerContacts?: ({ phone: string } | null)[];
    }>(leaders ? LEADERS : CONTACTS, { ids }, { timeoutMs: 30_000 });
    const list = leaders ? res.data?.stationsByIds?.map((s) => s?.leader ?? null) : res.data?.volunteerContacts;
    if (!list || list.length !== ids.length)
      throw new Error(
        `reading ${leaders ? 'station leaders' : "volunteers'"} phones failed: ${res.errors?.[0]?.message ?? 'no data'}`,
      );
    return list.map((c) => (c?.phone && isMobilePhone(c.phone) ? c.phone : null));
  }
}
