import { gql, tokenFor, waitFor } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { startReviewWorker } from '../src/review-worker';
import { form } from './support/platform';

/**
 * A campaign rehearsed on the sandbox clock, through the gateway only (issue 13 §5): a Hunan 2012
 * province cycle → applications → county and city endorsements → 公示 → naming; the clock advanced a
 * year → a provincial application of the CITY title; a station closes and the scheduled re-review fires
 * when the clock passes REVIEW_CRON → the station is delisted, the event shows on its page → appeal →
 * reinstatement. Not covered here: webhook, SMS and subscription delivery (their own tests).
 */
let platform: TestPlatform;
let review: Awaited<ReturnType<typeof startReviewWorker>>;
const t: Record<string, string> = {};
const st: Record<string, string> = {};
const mgr: Record<string, string> = {};

async function call(token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  return gql(platform.url, query, variables, { token });
}
async function ok(token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const res = await call(token, query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}
const advanceTo = async (shanghai: string) => (await ok(t.province, `mutation($to: DateTime!) { advanceSandboxClock(input: { to: $to }) { now } }`, { to: `${shanghai}+08:00` })).advanceSandboxClock.now;
const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status stages } }`;
const ENDORSE = `mutation($id: ID!) { endorseApplication(id: $id, input: { decision: RECOMMEND, comment: "同意推荐" }) { status } }`;
const cycleInput = (year: number) => ({ issuingRegionCode: '430000', year, standardSetId: 'rehearsal-acceptance@1', ruleProfileId: 'hunan-2012@1', levels: ['CITY', 'PROVINCE'], quotaTemplate: 'hunan-2012-provincial' });

beforeAll(async () => {
  platform = await startTestPlatform({ env: { SANDBOX: 'true', SANDBOX_CLOCK_REFRESH_MS: '100' }, workers: ['stations', 'volunteers', 'accreditation', 'notifications'] });
  const acc = platform.subgraphs.accreditation;
  review = await startReviewWorker(acc.worker!.deps, { env: { ...process.env, ...acc.env, GATEWAY_URL: platform.url } });
  t.province = await tokenFor({ roles: ['PROVINCE_ADMIN'], regionCode: '430000' });
  t.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  t.county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430102' });
}, 180000);

afterAll(async () => {
  await review?.close();
  await platform?.stop();
});

it('rehearses a campaign over two years in minutes', async () => {
  const year = Number((await ok(t.province, `{ sandboxClock { now } }`)).sandboxClock.now.slice(0, 4)) + 1;
  // A standard judged by inspection only: nothing fails unless the station stops running.
  await ok(t.province, `mutation($input: StandardSetInput!) { createStandardSet(input: $input) { id } }`, {
    input: { code: 'rehearsal-acceptance', version: 1, name: '演练验收标准', issuer: '演练', year, levels: ['CITY', 'PROVINCE'], criteria: [{ code: 'VENUE', name: '有场地', kind: 'INSPECTION' }] },
  });
  for (const key of ['A', 'B']) {
    st[key] = (await ok(t.city, CREATE, { input: stationInput({ name: `芙蓉区演练站${key}` }) })).createStation.id;
    mgr[key] = await tokenFor({ roles: ['STATION_MANAGER'], stationId: st[key], sub: `manager-${key}` });
  }
  const cycle = (await ok(t.province, `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`, { input: cycleInput(year) })).createCycle.id;

  // 申报 in July (the profile's template), county → city.
  await advanceTo(`${year}-07-05T10:00:00`);
  const apps: Record<string, string> = {};
  for (const key of ['A', 'B']) {
    const input = { cycleId: cycle, stationId: st[key], level: 'CITY', form: form(key) };
    // The station reaches accreditation's replica through the outbox: retry until it has.
    apps[key] = await waitFor(async () => {
      const res = await call(mgr[key], SUBMIT, { input });
      if (res.errors?.[0]?.extensions?.code === 'STATION_NOT_REGISTERED') return undefined;
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.submitApplication.id as string;
    }, 20000, `application ${key}`);
  }
  for (const key of ['A', 'B']) await ok(t.county, ENDORSE, { id: apps[key] });
  for (const key of ['A', 'B']) expect((await ok(t.city, ENDORSE, { id: apps[key] })).endorseApplication.status).toBe('CANDIDATE');

  // 公示 in the review month, naming on 1 November.
  await advanceTo(`${year}-10-11T10:00:00`);
  const notice = (await ok(t.city, `mutation($c: ID!) { publishNotice(input: { cycleId: $c, regionCode: "430100" }) { id startsOn endsOn calendarWarning } }`, { c: cycle })).publishNotice;
  expect(notice.startsOn).toBe(`${year}-10-11`);
  await advanceTo(`${year}-11-01T10:00:00`);
  const named = (await ok(t.city, `mutation($n: ID!) { nameCandidates(noticeId: $n) { id level conferredOn station { id } } }`, { n: notice.id })).nameCandidates;
  expect(named.map((x: any) => [x.level, x.conferredOn])).toEqual([['CITY', `${year}-11-01`], ['CITY', `${year}-11-01`]]);
  const titleOf = Object.fromEntries(named.map((x: any) => [x.station.id, x.id]));

  // A year later: A applies for PROVINCE with its CITY title (held one year on the naming date).
  const next = (await ok(t.province, `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`, { input: cycleInput(year + 1) })).createCycle.id;
  await advanceTo(`${year + 1}-07-03T10:00:00`);
  const prov = (await ok(mgr.A, SUBMIT, { input: { cycleId: next, stationId: st.A, level: 'PROVINCE', form: form('A') } })).submitApplication;
  expect(prov).toMatchObject({ status: 'SUBMITTED', stages: ['COUNTY', 'CITY', 'PROVINCE'] });

  // B closes; the scheduled re-review fires when the sandbox clock passes 15 October 03:00.
  await ok(t.city, `mutation($id: ID!) { closeStation(id: $id, reason: "演练：站点撤销") { status } }`, { id: st.B });
  await advanceTo(`${year + 1}-10-15T03:00:30`);
  const TITLES = `query($id: ID!) { station(id: $id) { titles { id status revokedOn } recentEvents(first: 20) { type } } }`;
  const delisted = await waitFor(async () => {
    const s = (await ok(t.city, TITLES, { id: st.B })).station;
    return s.titles.find((x: any) => x.id === titleOf[st.B] && x.status === 'REVOKED') && s.recentEvents.some((e: any) => e.type === 'title.revoked') ? s : undefined;
  }, 30000, 'B delisted and the event logged');
  expect(delisted.titles.find((x: any) => x.id === titleOf[st.B]).revokedOn).toBe(`${year + 1}-10-15`);
  expect((await ok(t.city, TITLES, { id: st.A })).station.titles.find((x: any) => x.id === titleOf[st.A]).status).toBe('ACTIVE');

  // Appeal and reinstatement by the issuing level.
  await ok(mgr.B, `mutation($t: ID!) { appealRevocation(titleId: $t, reason: "站点已恢复运行，请复查") { status } }`, { t: titleOf[st.B] });
  const back = (await ok(t.city, `mutation($t: ID!) { decideAppeal(titleId: $t, reinstate: true, comment: "复查合格，恢复称号") { status reinstatedOn history } }`, { t: titleOf[st.B] })).decideAppeal;
  expect(back).toMatchObject({ status: 'ACTIVE', reinstatedOn: `${year + 1}-10-15` });
  expect(back.history.map((h: any) => h.action)).toEqual(['CONFERRED', 'REVOKED', 'APPEALED', 'REINSTATED']);
}, 240000);
