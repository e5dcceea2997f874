import { canManageStation, maskPhone, type AuthUser } from '@leifeng/kit';

/**
 * The 附件2 form names the leader with a personal phone number: shown in full only to those who
 * manage the station (its manager, an admin whose region covers it, internal services); everyone
 * else sees it masked (138****1234), wherever the application is read from.
 */
export function formFor<F extends { leaderPhone?: string }>(user: AuthUser | undefined, app: { stationId: string; regionCode: string; form: F }): F {
  if (canManageStation(user, { id: app.stationId, regionCode: app.regionCode })) return app.form;
  return { ...app.form, leaderPhone: maskPhone(app.form.leaderPhone) ?? '' };
}
