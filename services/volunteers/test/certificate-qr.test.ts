import { toString as qrToString } from 'qrcode';
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

let t: VolunteersUnderTest;
let cert: {
  id: string;
  verificationCode: string;
  qrText: string;
  qrSvg: string;
};

beforeAll(async () => {
  t = await startVolunteers();
  const station = await seedStation(t);
  const manager = await tokens.manager(station);
  const v = await registerMember(t, station, { name: '钱证明' });
  const rec = await gql(
    t.svc.url,
    RECORD,
    {
      i: recordInput(v, station, '2025-09-10T09:00:00', '2025-09-10T11:00:00'),
    },
    { token: manager },
  );
  expect(
    (await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD' }, { token: manager })).errors,
  ).toBeUndefined();
  const res = await gql<{ issueCertificate: { id: string; verificationCode: string; qrText: string; qrSvg: string } }>(
    t.svc.url,
    `mutation($i: IssueCertificateInput!) { issueCertificate(input: $i) { id verificationCode qrText qrSvg } }`,
    { i: { stationId: station, volunteerId: v, year: 2025 } },
    { token: manager },
  );
  expect(res.errors).toBeUndefined();
  cert = res.data!.issueCertificate;
});
afterAll(() => t.stop());

/** What the QR must encode, rendered by the library on its own: the served image must be exactly this. */
const expectedSvg = (code: string) =>
  qrToString(`http://localhost:4000/verify/${code}`, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });

describe('certificate QR code, rendered server-side', () => {
  it('gives the QR of qrText as an SVG data URL on the certificate', async () => {
    expect(cert.qrText).toBe(`http://localhost:4000/verify/${cert.verificationCode}`);
    const [head, body] = cert.qrSvg.split(',');
    expect(head).toBe('data:image/svg+xml;base64');
    const svg = Buffer.from(body, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox/);
    expect(svg).toBe(await expectedSvg(cert.verificationCode));
    expect(svg).not.toBe(await expectedSvg('ABCDEFGHJKMN')); // a different code is a different picture
  });

  it('serves GET /certificates/:code/qr.svg publicly (any case), 404 for unknown or malformed codes, GET only', async () => {
    const base = t.svc.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/certificates/${cert.verificationCode.toLowerCase()}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(await expectedSvg(cert.verificationCode));

    for (const path of [
      '/certificates/ABCDEFGHJKMN/qr.svg',
      '/certificates/short/qr.svg',
      `/certificates/${cert.verificationCode}/qr.png`,
    ]) {
      const miss = await fetch(`${base}${path}`);
      expect([path, miss.status]).toEqual([path, 404]);
      expect(((await miss.json()) as { error: { code: string } }).error.code).toBe('CERTIFICATE_NOT_FOUND');
    }
    expect(
      (
        await fetch(`${base}/certificates/${cert.verificationCode}/qr.svg`, {
          method: 'POST',
        })
      ).status,
    ).toBe(405);
  });

  it('still renders for a revoked certificate (scanning it shows REVOKED through verifyCertificate)', async () => {
    const revoked = await gql(
      t.svc.url,
      `mutation($id: ID!) { revokeCertificate(id: $id, reason: "记录有误") { revokedAt } }`,
      { id: cert.id },
      { token: await tokens.city() },
    );
    expect(revoked.errors).toBeUndefined();
    const base = t.svc.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/certificates/${cert.verificationCode}/qr.svg`)).status).toBe(200);
    const check = await gql<{ verifyCertificate: { state: string } }>(
      t.svc.url,
      `query($c: String!) { verifyCertificate(code: $c) { state } }`,
      {
        c: cert.verificationCode,
      },
    );
    expect(check.data!.verifyCertificate.state).toBe('REVOKED');
  });
});
