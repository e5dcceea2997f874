import { agencyScopeAllows, canSeeEventScope, visibilityKey, type AuthUser } from '../src';

const stationId = '8f0c7a52-3a3e-4c55-9d0e-1f2b3c4d5e6f';

describe('canSeeEventScope', () => {
  const event = { type: 'title.revoked', stationId, regionCode: '430102' };
  it.each<[string, AuthUser | undefined, boolean]>([
    ['anonymous', undefined, false],
    ['agency without a scope', { sub: 'a', roles: ['AGENCY'], agencyId: 'hn-wmb' }, false],
    ['city admin over the county', { sub: 'c', roles: ['CITY_ADMIN'], regionCode: '430100' }, true],
    ['county admin of another county', { sub: 'c', roles: ['COUNTY_ADMIN'], regionCode: '430103' }, false],
    ['manager of the station', { sub: 'm', roles: ['STATION_MANAGER'], stationId }, true],
    ['manager of another station', { sub: 'm', roles: ['STATION_MANAGER'], stationId: 'other' }, false],
    ['volunteer', { sub: 'v', roles: ['VOLUNTEER'] }, false],
  ])('%s', (_label, user, seen) => expect(canSeeEventScope(user, event)).toBe(seen));

  const agency: AuthUser = { sub: 'a', roles: ['AGENCY'], agencyId: 'hn-wmb' };
  it.each<[string, { regionCodes: string[]; eventTypes: string[] }, boolean]>([
    ['in scope (city over the county)', { regionCodes: ['430100'], eventTypes: ['title.revoked'] }, true],
    ['in scope with every type', { regionCodes: ['430000'], eventTypes: ['*'] }, true],
    ['out of scope: another city', { regionCodes: ['430200'], eventTypes: ['*'] }, false],
    ['out of scope: another county of the city', { regionCodes: ['430103'], eventTypes: ['*'] }, false],
    ['out of scope: another type', { regionCodes: ['430100'], eventTypes: ['review.completed'] }, false],
  ])('agency %s', (_label, scope, seen) => {
    expect(canSeeEventScope(agency, event, scope)).toBe(seen);
    expect(agencyScopeAllows(scope, event)).toBe(seen);
  });

  it('an agency never sees an event without a region', () => {
    expect(
      canSeeEventScope(agency, { ...event, regionCode: null }, { regionCodes: ['430000'], eventTypes: ['*'] }),
    ).toBe(false);
  });
});

describe('visibilityKey', () => {
  const admin: AuthUser = {
    sub: 'wang',
    roles: ['CITY_ADMIN', 'VOLUNTEER'],
    regionCode: '430100',
  };

  it('ignores who the caller is and the order or repetition of roles', () => {
    expect(visibilityKey({ ...admin, sub: 'li' })).toBe(visibilityKey(admin));
    expect(
      visibilityKey({
        ...admin,
        roles: ['VOLUNTEER', 'CITY_ADMIN', 'VOLUNTEER'],
      }),
    ).toBe(visibilityKey(admin));
    expect(visibilityKey({ ...admin, stationId: undefined })).toBe(visibilityKey(admin));
  });

  it.each<[string, Partial<AuthUser>]>([
    ['roles', { roles: ['CITY_ADMIN'] }],
    ['region', { regionCode: '430200' }],
    ['station', { stationId }],
    ['agency', { agencyId: 'hn-wmb' }],
  ])('differs when the %s claim differs', (_label, change) => {
    expect(visibilityKey({ ...admin, ...change })).not.toBe(visibilityKey(admin));
  });

  it('covers a scope claim it was not written for', () => {
    const withFuture = { ...admin, schoolId: 's-1' } as AuthUser;
    expect(visibilityKey(withFuture)).not.toBe(visibilityKey(admin));
    expect(visibilityKey({ ...withFuture, schoolId: 's-2' } as AuthUser)).not.toBe(visibilityKey(withFuture));
  });
});
