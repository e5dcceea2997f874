import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit of member role changes (changeMemberRole): who changed which membership from which role to which,
 * and when (the kit clock). The membership row keeps only its current role; this table keeps the history.
 */
export class MembershipRoleChanges1763800000220 implements MigrationInterface {
  name = 'MembershipRoleChanges1763800000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE membership_role_changes (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        membership_id uuid NOT NULL REFERENCES memberships (id),
        from_role     varchar(10) NOT NULL CHECK (from_role IN ('LEADER', 'STAFF', 'VOLUNTEER')),
        to_role       varchar(10) NOT NULL CHECK (to_role IN ('LEADER', 'STAFF', 'VOLUNTEER')),
        changed_by    varchar(100) NOT NULL,
        changed_at    timestamptz NOT NULL,
        CHECK (from_role <> to_role)
      )`);
    await q.query(
      `CREATE INDEX membership_role_changes_membership_idx ON membership_role_changes (membership_id, changed_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE membership_role_changes`);
  }
}
