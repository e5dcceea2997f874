import type { RegionRef } from '@leifeng/kit';

/** Parents that differ from the SDL's object types (codegen mappers in codegen.ts). */

/** A region reference; population arrives with it when volunteerShare is asked (@requires). */
export type RegionParent = RegionRef & { population?: number | null };
/** Rows that name a volunteer by id (attendance, hours, match suggestions). */
export interface WithVolunteerId {
  volunteerId: string;
}
export interface TimeBankAccountParent {
  volunteerId: string;
}
export interface TimeBankTransactionParent {
  replayed?: boolean;
}
