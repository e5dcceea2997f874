import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { newPhone, signIn } from './support';

/**
 * A partner agency granted through identity (AGENCY grant with its agency id, invited by a city admin and
 * accepted by signing in) reads, through the gateway, only the events of the scope the city set for it
 * (notifications applies the same rule to the event log, webhook endpoints and live events).
 */
let p: TestPlatform;
let notif: Client;

beforeAll(async () => {
  p = await startTestPlatform({
    envBySubgraph: { identity: { SIGN_IN_CODE_RESEND_SEC: '0' } },
  });
  notif = new Client({ connectionString: p.subgraphs.notifications.db.url });
  await notif.connect();
});
afterAll(async () => {
  await notif?.end();
  await p?.stop();
});

async function logged(type: string, regionCode: string): Promise<string> {
  const id = randomUUID();
  await notif.query(
    `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, region_code, payload, occurred_at)
     VALUES ($1, $2, 'accreditation', 'Title', 't-1', $3, $4, now())`,
    [id, type, regionCode, JSON.stringify({ regionCode })],
  );
  return id;
}

const EVENTS = typedQuery<{ events: { edges: { node: { id: string } }[] } }>(
  `query { events(first: 50) { edges { node { id type regionCode } } } }`,
);
const SET_SCOPE = `mutation ($a: ID!, $i: AgencyScopeInput!) { setAgencyScope(agencyId: $a, input: $i) { agencyId } }`;

it('an agency signed in through identity sees only its scoped events', async () => {
  const city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-admin-430100',
  });
  const phone = newPhone();
  const invite = `mutation ($i: InviteGrantInput!) { inviteGrant(input: $i) { id } }`;
  const invited = await gql(
    p.url,
    invite,
    { i: { phone, role: 'AGENCY', regionCode: '430100', agencyId: 'cs-wmb' } },
    { token: city },
  );
  expect(invited.errors).toBeUndefined();
  const s = await signIn(p, phone);
  expect(s.activeGrant).toMatchObject({ role: 'AGENCY', regionCode: '430100' });

  const inScope = await logged('title.revoked', '430102');
  const otherType = await logged('review.completed', '430102');
  const otherCity = await logged('title.revoked', '430202');

  // No scope yet: nothing.
  const none = await gql(p.url, EVENTS, {}, { token: s.accessToken });
  expect(none.data?.events.edges ?? []).toEqual([]);

  const scope = { regionCodes: ['430102'], eventTypes: ['title.revoked'] };
  const set = await gql(p.url, SET_SCOPE, { a: 'cs-wmb', i: scope }, { token: city });
  expect(set.errors).toBeUndefined();
  const seen = await gql(p.url, EVENTS, {}, { token: s.accessToken });
  expect(seen.errors).toBeUndefined();
  const ids = seen.data!.events.edges.map((e: { node: { id: string } }) => e.node.id);
  expect(ids).toContain(inScope);
  expect(ids).not.toContain(otherType);
  expect(ids).not.toContain(otherCity);
});
