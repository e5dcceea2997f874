import { gql, type TypedQuery } from '@leifeng/kit/testing';
import { mobile, residentId } from '../../../volunteers/test/helpers';

/**
 * Volunteers facts created through the graph with the volunteers subgraph's own mutations: team
 * members, activities, service records (recorded, then verified) and duty shifts.
 */
export class VolunteersFacts {
  constructor(
    private readonly url: string,
    /** An admin whose region covers the stations (registers, records, verifies). */
    private readonly token: string,
  ) {}

  private async ok<T>(query: TypedQuery<T>, variables: Record<string, unknown>) {
    const res = await gql(this.url, query, variables, { token: this.token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    if (res.data === undefined) throw new Error(`no data for ${query}`);
    return res.data;
  }

  /** Registers a member of the station with a role; returns the volunteer id. */
  async member(stationId: string, role: 'LEADER' | 'STAFF' | 'VOLUNTEER', name: string): Promise<string> {
    const data = await this.ok<{ registerVolunteer: { id: string } }>(
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      {
        input: {
          name,
          phone: mobile(),
          idNumber: residentId(),
          politicalStatus: 'CYL_MEMBER',
          skills: ['便民服务'],
          stationId,
          role,
        },
      },
    );
    return data.registerVolunteer.id;
  }

  /** One activity held on the 15th of each given month (Asia/Shanghai). */
  async monthlyActivities(stationId: string, year: number, months: number[]): Promise<void> {
    for (const m of months) {
      const day = `${year}-${String(m).padStart(2, '0')}-15`;
      await this.ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
        input: {
          stationId,
          title: `${m}月学雷锋便民服务`,
          category: 'CONVENIENCE',
          startsAt: `${day}T09:00:00+08:00`,
          endsAt: `${day}T11:00:00+08:00`,
          place: '站点门前',
        },
      });
    }
  }

  /** Verified service of `hours` in the year, as records of up to 10 hours on consecutive days from 1 February. */
  async verifiedHours(stationId: string, volunteerId: string, year: number, hours: number): Promise<void> {
    let left = hours;
    for (let i = 0; left > 0; i++) {
      const h = Math.min(10, left);
      const day = new Date(Date.UTC(year, 1, 1 + i)).toISOString().slice(0, 10);
      const startedAt = `${day}T08:00:00+08:00`;
      const endedAt = new Date(new Date(startedAt).getTime() + h * 3600_000).toISOString();
      const rec = await this.ok<{ recordService: { id: string } }>(
        `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id } }`,
        {
          i: {
            volunteerId,
            stationId,
            activityName: '便民服务',
            place: '站点',
            content: '便民维修、咨询引导',
            startedAt,
            endedAt,
            recorder: '站点记录员',
          },
        },
      );
      await this.ok(`mutation($id: ID!) { verifyServiceRecord(id: $id, quality: GOOD) { status } }`, {
        id: rec.recordService.id,
      });
      left -= h;
    }
  }

  /** Signs a member up for opening slots (date, opens). */
  async duty(stationId: string, volunteerId: string, slots: [string, string][]): Promise<void> {
    for (const [date, opens] of slots) {
      await this.ok(`mutation($input: DutySignUpInput!) { signUpForDuty(input: $input) { id } }`, {
        input: { stationId, volunteerId, date, opens },
      });
    }
  }
}
