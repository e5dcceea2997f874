/** The roles of a member at a station. */
export const ROLES = ['LEADER', 'STAFF', 'VOLUNTEER'] as const;
export type Role = (typeof ROLES)[number];
