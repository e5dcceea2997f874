/**
 * Certificate PDFs render on worker threads: while several render, the same API process keeps answering
 * (a GraphQL request comes back before any PDF, and the event loop is never held for long).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gql } from '@leifeng/kit/testing';
import {
  RECORD,
  recordInput,
  registerMember,
  seedStation,
  startVolunteers,
  tokens,
  VERIFY,
  type VolunteersUnderTest,
} from './helpers';
import { compiledEntry } from '../../../test/support/compiled';

let t: VolunteersUnderTest;
let base: string;
let manager: string;
let certId: string;

beforeAll(async () => {
  // Worker threads run the compiled worker (dist/http/pdf-worker.js).
  compiledEntry('volunteers', 'http/pdf-worker');
  t = await startVolunteers();
  base = t.svc.url.replace(/\/graphql$/, '');
  const station = await seedStation(t, { name: '五一社区学雷锋志愿服务站' });
  manager = await tokens.manager(station);
  const v = await registerMember(t, station, { name: '孙并发' });
  const rec = await gql(
    t.svc.url,
    RECORD,
    {
      i: recordInput(v, station, '2025-09-10T09:00:00', '2025-09-10T11:30:00'),
    },
    { token: manager },
  );
  expect(
    (await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD' }, { token: manager })).errors,
  ).toBeUndefined();
  const res = await gql<{ issueCertificate: { id: string } }>(
    t.svc.url,
    `mutation($i: IssueCertificateInput!) { issueCertificate(input: $i) { id } }`,
    { i: { stationId: station, volunteerId: v, year: 2025 } },
    { token: manager },
  );
  certId = res.data!.issueCertificate.id;
}, 120000);
afterAll(async () => {
  await t.stop();
});

const pdf = async () => {
  const res = await fetch(`${base}/certificates/${certId}.pdf`, {
    headers: { authorization: `Bearer ${manager}` },
  });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return performance.now();
};

it('answers another request while PDFs render, and the event loop stays free', async () => {
  await pdf(); // threads started and the font read once: what follows is rendering only
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const rendering = [pdf(), pdf(), pdf(), pdf()];
  const answered = await gql<{ verifyCertificate: { state: string } }>(
    t.svc.url,
    `{ verifyCertificate(code: "NOSUCHCODE00") { state } }`,
  ).then((r) => {
    expect(r.data!.verifyCertificate.state).toBe('NOT_FOUND');
    return performance.now();
  });
  const done = await Promise.all(rendering);
  delay.disable();
  // The ping came back before any of the four PDFs.
  expect(answered).toBeLessThan(Math.min(...done));
  // pdfkit on the API thread holds the loop 0.5–2 s per PDF; off it, only short stalls (GC, I/O) remain.
  expect(delay.max / 1e6).toBeLessThan(300);
}, 120000);
