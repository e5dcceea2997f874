import { DomainError, type Clock, type PhoneProofVerifier } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { ObjectorPhoneCipher } from '../domain/objector-privacy';
import { OBJECTION_LIMITS, validatePublicObjection } from '../domain/public-objection';
import type { NoticeService } from './notice-service';

export interface PublicObjectionInput {
  noticeId: string;
  applicationId: string;
  name: string;
  phoneProof: string;
  reason: string;
}

export interface PublicObjectionReceipt {
  id: string;
  filedAt: Date;
}

/**
 * Anyone may object to a 公示 during its window without an account: a name, a phone proven by an SMS
 * code (identity's phone proof) and a reason. Checks run before any write; a refusal writes nothing.
 */
export class PublicObjectionService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notices: NoticeService,
    private readonly proofs: PhoneProofVerifier,
    private readonly cipher: ObjectorPhoneCipher,
  ) {}

  async file(input: PublicObjectionInput, clientIp: string | null): Promise<PublicObjectionReceipt> {
    const { name, reason } = validatePublicObjection(input.name, input.reason);
    const proof = await this.proofs.verify(input.phoneProof, 'OBJECTION');
    return this.ds.transaction(async (m) => {
      const notice = await this.notices.byId(input.noticeId, m);
      if (!notice) throw new DomainError('NOT_FOUND', '未找到该公示');
      if (!notice.applicationIds.includes(input.applicationId))
        throw new DomainError('NOT_ON_NOTICE', '该单位不在本次公示名单中');
      if (!this.notices.acceptingObjections(notice) || notice.namedAt) {
        throw new DomainError('NOTICE_CLOSED', `公示期为 ${notice.startsOn} 至 ${notice.endsOn}，当前不在公示期内`);
      }
      // Phone lock before address lock, always: concurrent filings count each other, without deadlock.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('objection:phone:' || $1))`, [proof.phoneHash]);
      const [byPhone]: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM objection WHERE objector_phone_hash = $1 AND notice_id = $2`,
        [proof.phoneHash, notice.id],
      );
      if (byPhone.n >= OBJECTION_LIMITS.perPhonePerNotice) {
        throw new DomainError(
          'OBJECTION_LIMIT_PHONE',
          `同一手机号对本次公示最多提交 ${OBJECTION_LIMITS.perPhonePerNotice} 条异议`,
        );
      }
      const now = this.clock.now();
      if (clientIp) {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('objection:ip:' || $1))`, [clientIp]);
        const [byIp]: { n: number }[] = await m.query(
          `SELECT count(*)::int AS n FROM objection WHERE client_ip = $1 AND created_at > $2`,
          [clientIp, new Date(now.getTime() - 86400_000)],
        );
        if (byIp.n >= OBJECTION_LIMITS.perAddressPerDay)
          throw new DomainError('OBJECTION_LIMIT_ADDRESS', '当前网络提交异议过多，请明天再试');
      }
      const [row]: { id: string; created_at: Date }[] = await m.query(
        `INSERT INTO objection (notice_id, application_id, content, filed_by,
           objector_name, objector_phone_enc, objector_phone_hash, client_ip, created_at)
         VALUES ($1, $2, $3, 'public', $4, $5, $6, $7, $8) RETURNING id, created_at`,
        [notice.id, input.applicationId, reason, name, this.cipher.seal(proof.phone), proof.phoneHash, clientIp, now],
      );
      return { id: row.id, filedAt: row.created_at };
    });
  }
}
