/**
 * Issue 16: the officers' volunteer search — by name, phone (the keyed lookup hash, never decrypting),
 * region and status — scoped to the caller's region.
 */
import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { mobile, registerMember, seedStation, startVolunteers, tokens, type VolunteersUnderTest } from './helpers';

let t: VolunteersUnderTest;
let furong: string, zhuzhou: string;
const phone = mobile();
const Q = typedQuery<{
  searchVolunteers: {
    nodes: { id: string; name: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}>(`query($f: VolunteerSearchInput, $first: Int, $after: String) {
  searchVolunteers(filter: $f, first: $first, after: $after) { nodes { id name phone status } pageInfo { hasNextPage endCursor } }
}`);
const search = async (f: Record<string, unknown>, token: string, first = 20, after: string | null = null) =>
  gql(t.svc.url, Q, { f, first, after }, { token });

beforeAll(async () => {
  t = await startVolunteers();
  const a = await seedStation(t, { regionCode: '430102001' });
  const b = await seedStation(t, { regionCode: '430202001' });
  furong = await registerMember(t, a, { name: '芙蓉搜索甲', phone });
  await registerMember(t, a, { name: '芙蓉搜索乙' });
  zhuzhou = await registerMember(t, b, { name: '株洲搜索丙' }, await tokens.city('430200'));
});
afterAll(() => t.stop());

it('finds a volunteer by the whole phone number through its keyed hash, and by a part of the name', async () => {
  const token = await tokens.city('430100');
  const byPhone = await search({ phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` }, token);
  expect(byPhone.errors).toBeUndefined();
  expect(byPhone.data!.searchVolunteers.nodes.map((v: { id: string }) => v.id)).toEqual([furong]);
  // The hash column is what is matched: no volunteer row holds the number in clear.
  const clear = await t.db.query(`SELECT count(*)::int AS n FROM volunteers WHERE phone_enc LIKE '%' || $1 || '%'`, [
    phone,
  ]);
  expect(clear.rows[0].n).toBe(0);
  const byName = await search({ name: '搜索' }, token);
  expect(byName.data!.searchVolunteers.nodes.map((v: { name: string }) => v.name).sort()).toEqual([
    '芙蓉搜索乙',
    '芙蓉搜索甲',
  ]);
  const page1 = await search({ name: '搜索' }, token, 1);
  expect(page1.data!.searchVolunteers.pageInfo.hasNextPage).toBe(true);
  const page2 = await search({ name: '搜索' }, token, 1, page1.data!.searchVolunteers.pageInfo.endCursor);
  expect(page2.data!.searchVolunteers.nodes[0].id).not.toBe(page1.data!.searchVolunteers.nodes[0].id);
  expect(page2.data!.searchVolunteers.pageInfo.hasNextPage).toBe(false);
  expect((await search({ name: '搜索', status: 'SUSPENDED' }, token)).data!.searchVolunteers.nodes).toEqual([]);
});

it('keeps officers inside their region, and refuses bad input with a code', async () => {
  const changsha = await tokens.city('430100');
  expect((await search({ name: '株洲' }, changsha)).data!.searchVolunteers.nodes).toEqual([]);
  expect((await search({ regionCode: '430200' }, changsha)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
    sub: 'prov',
  });
  expect(
    (await search({ regionCode: '430200' }, province)).data!.searchVolunteers.nodes.map((v: { id: string }) => v.id),
  ).toEqual([zhuzhou]);
  expect((await search({ phone: '12345' }, changsha)).errors?.[0].extensions?.code).toBe('INVALID_PHONE');
  expect((await search({}, changsha, 0)).errors?.[0].extensions?.code).toBe('INVALID_FIRST');
  const manager = await tokens.manager('00000000-0000-4000-8000-000000000000');
  expect((await search({ regionCode: '430102' }, manager)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await gql(t.svc.url, Q, { f: {} })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});
