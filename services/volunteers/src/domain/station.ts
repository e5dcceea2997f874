export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export interface OpeningSlot {
  weekday: Weekday;
  opens: string;
  closes: string;
}

/** A station as volunteers keep it (the replica of the stations service's events). */
export interface StationRef {
  id: string;
  name: string;
  regionCode: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  unitHeadcount: number | null;
  openingHours: OpeningSlot[];
}
