/** What the graph knows about one station for one year: read by compliance and the re-review. */
export interface ServiceFacts {
  memberCount: number;
  leaderCount: number;
  staffCount: number;
  activeVolunteerCount: number;
  verifiedHours: number;
  activityCount: number;
  monthsWithActivity: number[];
  headcountShare: number | null;
  /** volunteersMeetingThreshold per hours threshold asked for ("100" → count). */
  meetingThreshold: Record<string, number | null>;
}

export interface StationFacts {
  stationId: string;
  year: number;
  /** False when the graph has no such station. */
  found: boolean;
  name?: string;
  category?: string;
  status?: string;
  regionCode?: string;
  unitHeadcount?: number | null;
  leaderName?: string | null;
  serviceItemCount?: number;
  facilities?: string[];
  openingSlotCount?: number;
  evidenceKinds?: string[];
  service?: ServiceFacts;
  announcements?: { publishedCount: number; monthsWithAnnouncement: number[] };
  duty?: {
    weekOf: string;
    openingSlotCount: number;
    uncoveredSlotCount: number;
    fullyCovered: boolean;
  };
  /** Fact groups the graph could not provide (field not in the graph yet, or an error). */
  unavailable: string[];
}

export interface FactsRequest {
  year: number;
  /** Hours thresholds the standard needs (HOURS_PER_VOLUNTEER rules). */
  hoursThresholds: number[];
  /** Monday of the week whose duty coverage counts. */
  weekOf: string;
}

/** Reads facts of many stations; the production implementation queries the gateway. */
export interface StationFactsSource {
  load(stationIds: string[], request: FactsRequest): Promise<Map<string, StationFacts>>;
}
