import {
  getNamedType,
  isCompositeType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/**
 * Runs with the same key that overlap in time share one run: the first caller starts it, later ones
 * get its promise. An entry goes when its run fails, or `lingerMs` after it succeeds (0: at once),
 * so the map only ever holds what is in flight or a few seconds old. `keep` says which answers may
 * linger (e.g. not those carrying errors, so a transient failure is not handed to late callers).
 */
export class SharedRuns<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly opts: { lingerMs: number; keep?: (value: T) => boolean }) {}

  run(key: string, start: () => Promise<T>): { result: Promise<T>; joined: boolean } {
    const existing = this.entries.get(key);
    if (existing) return { result: existing, joined: true };
    const result = Promise.resolve().then(start);
    this.entries.set(key, result);
    const drop = () => {
      if (this.entries.get(key) === result) this.entries.delete(key);
    };
    result.then((value) => {
      if (this.opts.lingerMs > 0 && (this.opts.keep?.(value) ?? true)) setTimeout(drop, this.opts.lingerMs).unref();
      else drop();
    }, drop);
    return { result, joined: false };
  }

  /** Entries held now (in flight or lingering). */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * Freezes a JSON-like value (no cycles) all the way down, so callers sharing it cannot change it under
 * each other; an object already frozen at the top still gets its children frozen.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Types reachable from LoggedEvent whose every field answers alike for callers with equal scope
 * claims (roles, regionCode, stationId, agencyId): their resolvers in all four subgraphs check only
 * canSeeEventScope / canAdministerRegion / canManageStation / hasRole / requireUser (audited:
 * stations, accreditation, notifications resolvers and volunteers' stats, teams, records,
 * volunteers resolvers). Not here, so shared only per caller: `Volunteer`, whose readability and
 * clear phone / ID number depend on isSelf (account_sub = sub, services/volunteers/src/domain/access.ts),
 * and whatever is reached only through it (ServiceRecord, TimeBankAccount, Certificate, …). A type
 * missing from this list counts as reading `sub` (safe, only less shared); adding a field that
 * compares `sub` to one of these types means taking the type off the list.
 */
export const SCOPE_ONLY_TYPES: ReadonlySet<string> = new Set([
  'Query', // the payload query's root: only Query.event is selected there
  'LoggedEvent',
  'Station',
  'Region',
  'GeoPoint',
  'Leader',
  'OpeningSlot',
  'ServiceItem',
  'Attachment',
  'Title',
  'TitleAppeal',
  'Application',
  'ApplicationForm',
  'FileRef',
  'Endorsement',
  'AccreditationCycle',
  'PhaseWindow',
  'StandardSet',
  'Criterion',
  'Quota',
  'TitleCount',
  'Compliance',
  'CriterionResult',
  'Review',
  'Inspection',
  'Finding',
  'Photo',
  'Rectification',
  'Announcement',
  'AnnouncementStats',
  'Membership',
  'OnDutyVolunteer',
  'StationServiceStats',
  'RegionServiceStats',
  'VolunteerHours',
  'Activity',
  'DutyCoverage',
  'DutySlot',
  'DutyShift',
  'Training',
  'Attendance',
  'Pairing',
  'Beneficiary',
  'Demand',
]);

/**
 * Whether a query may read the caller's identity: it selects a field on, or returning, a type not in
 * SCOPE_ONLY_TYPES (fragments and inline fragments included).
 */
export function readsCallerIdentity(schema: GraphQLSchema, doc: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let reads = false;
  visit(
    doc,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const returned = typeInfo.getType();
        const named = returned ? getNamedType(returned) : undefined;
        if (
          !parent ||
          !SCOPE_ONLY_TYPES.has(parent.name) ||
          (named && isCompositeType(named) && !SCOPE_ONLY_TYPES.has(named.name))
        )
          reads = true;
      },
    }),
  );
  return reads;
}
