import { unsealSmsCode, type SealedSmsCode } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { RecipientDirectory, RecipientKind } from './recipients';

/**
 * Messages identity asks for (sign-in codes, invitations) carry their number and parameters sealed
 * under SMS_CODE_SEAL_KEY in `params.sealed`: opened in memory at send time only, so the event log,
 * job data and the sms_message row never hold the plain number or code.
 */
export function openSealed(params: Record<string, unknown>, key: Buffer): SealedSmsCode | null {
  if (typeof params.sealed !== 'string') return null;
  try {
    return unsealSmsCode(params.sealed, key);
  } catch {
    return null;
  }
}

/** The directory for SEALED recipients (recipient_id = the identity challenge or invitation id); others go to `inner`. */
export class SealedAwareDirectory implements RecipientDirectory {
  constructor(
    private readonly ds: DataSource,
    private readonly inner: RecipientDirectory,
    private readonly key: Buffer,
  ) {}

  async phonesOf(kind: RecipientKind, ids: readonly string[]): Promise<(string | null)[]> {
    if (kind !== 'SEALED') return this.inner.phonesOf(kind, ids);
    const rows: { recipient_id: string; params: Record<string, unknown> }[] = await this.ds.query(
      `SELECT recipient_id, params FROM sms_message WHERE recipient_kind = 'SEALED' AND recipient_id = ANY($1::varchar[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.recipient_id, openSealed(r.params, this.key)?.phone ?? null]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
