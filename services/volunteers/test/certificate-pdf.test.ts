import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { gql } from '@leifeng/kit/testing';
import { startGateway } from '../../gateway/src/server';
import {
  RECORD,
  recordInput,
  registerMember,
  residentId,
  seedStation,
  startVolunteers,
  tokens,
  VERIFY,
  type VolunteersUnderTest,
} from './helpers';

// The PDF is read back the way a person's tools would: poppler's pdftotext for its text and pdftoppm to
// rasterise it, then the QR code is decoded from the pixels (poppler-utils comes with scripts/ensure-chromium.mjs).
let t: VolunteersUnderTest;
let base: string;
let station: string;
let manager: string;
let holderToken: string;
let cert: {
  id: string;
  number: string;
  verificationCode: string;
  qrText: string;
};
const idNumber = residentId('19950612');
const work = mkdtempSync(join(tmpdir(), 'cert-'));

beforeAll(async () => {
  t = await startVolunteers();
  base = t.svc.url.replace(/\/graphql$/, '');
  station = await seedStation(t, { name: '五一社区学雷锋志愿服务站' });
  manager = await tokens.manager(station);
  holderToken = await tokens.volunteer('vol-cert-holder');
  const v = await registerMember(t, station, { name: '钱证明', idNumber }, holderToken);
  for (const [start, end] of [
    ['2025-09-10T09:00:00', '2025-09-10T11:30:00'],
    ['2025-10-02T14:00:00', '2025-10-02T16:00:00'],
  ]) {
    const rec = await gql(t.svc.url, RECORD, { i: recordInput(v, station, start, end) }, { token: manager });
    expect(
      (await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD' }, { token: manager })).errors,
    ).toBeUndefined();
  }
  const res = await gql<{ issueCertificate: { id: string; number: string; verificationCode: string; qrText: string } }>(
    t.svc.url,
    `mutation($i: IssueCertificateInput!) { issueCertificate(input: $i) { id number verificationCode qrText } }`,
    { i: { stationId: station, volunteerId: v, year: 2025 } },
    { token: manager },
  );
  expect(res.errors).toBeUndefined();
  cert = res.data!.issueCertificate;
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await t.stop();
});

const download = (token?: string) =>
  fetch(`${base}/certificates/${cert.id}.pdf`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

function pdfText(pdf: Buffer): string {
  const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

function qrOfFirstPage(pdf: Buffer): string | undefined {
  const dir = mkdtempSync(join(work, 'png-'));
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, join(dir, 'page')]);
  const png = PNG.sync.read(
    readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.png'))!,
      ),
    ),
  );
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('certificate PDF (志愿服务记录证明)', () => {
  it('its QR code is a URL a phone camera opens: the public verification page', () => {
    expect(cert.qrText).toBe(`http://localhost:4000/verify/${cert.verificationCode}`);
  });

  it('is refused to strangers and to other stations, 401 / 403 with nothing rendered', async () => {
    expect((await download()).status).toBe(401);
    expect((await download(await tokens.manager('00000000-0000-4000-8000-000000000000'))).status).toBe(403);
    expect((await download(await tokens.volunteer('someone-else'))).status).toBe(403);
    expect(
      (
        await fetch(`${base}/certificates/00000000-0000-4000-8000-000000000000.pdf`, {
          headers: { authorization: `Bearer ${manager}` },
        })
      ).status,
    ).toBe(404);
  });

  it('downloads for the issuing station manager and for the holder: number, name, masked ID, period, hours, items, seal and QR', async () => {
    for (const token of [manager, holderToken]) {
      const res = await download(token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${cert.number}.pdf"`);
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
      expect(text).toContain('志愿服务记录证明');
      expect(text).toContain(cert.number);
      expect(text).toContain('钱证明');
      expect(text).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      expect(text).not.toContain(idNumber);
      const flat = text.replace(/\s+/g, ''); // the statement wraps over lines
      expect(flat).toContain('于2025年9月10日至2025年10月2日期间在五一社区学雷锋志愿服务站参加志愿服务');
      expect(flat).toContain('累计志愿服务时间4.5小时');
      expect(text).toContain('五一社区学雷锋志愿服务站');
      expect(text).toContain('出具组织（盖章）');
      expect(text).toMatch(/2025-09-10 .*社区助老/);
      expect(qrOfFirstPage(pdf)).toBe(`http://localhost:4000/verify/${cert.verificationCode}`);
    }
  }, 120_000); // two renders with a 20 MB CJK font and two poppler runs, on a busy 2-core CI machine
});

describe("at the public origin (the gateway serves the volunteers service's pages)", () => {
  it('serves the verification page and the PDF through the gateway, GET only', async () => {
    const gateway = await startGateway({
      env: {
        ...t.svc.env,
        PORT: '0',
        STATIONS_URL: t.svc.url,
        VOLUNTEERS_URL: t.svc.url,
        ACCREDITATION_URL: t.svc.url,
        NOTIFICATIONS_URL: t.svc.url,
      },
    });
    try {
      const origin = gateway.url.replace(/\/graphql$/, '');
      const page = await fetch(`${origin}/verify/${cert.verificationCode}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('data-state="VALID"');
      const pdf = await fetch(`${origin}/certificates/${cert.id}.pdf`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect((await fetch(`${origin}/certificates/${cert.id}.pdf`)).status).toBe(401);
      expect(
        (
          await fetch(`${origin}/verify/${cert.verificationCode}`, {
            method: 'POST',
          })
        ).status,
      ).toBe(405);
    } finally {
      await gateway.stop();
    }
  });
});

describe('public verification page (no login)', () => {
  it('shows VALID with a masked name, hours, period, station and number; REVOKED after revocation; 404 for unknown codes', async () => {
    const page = async (code: string) => {
      const res = await fetch(`${base}/verify/${code}`);
      return {
        status: res.status,
        cache: res.headers.get('cache-control'),
        html: await res.text(),
      };
    };
    const valid = await page(cert.verificationCode.toLowerCase());
    expect(valid.status).toBe(200);
    expect(valid.cache).toBe('no-store');
    expect(valid.html).toContain('data-state="VALID"');
    expect(valid.html).toContain('有效');
    for (const shown of [cert.number, '钱**', '4.5 小时', '五一社区学雷锋志愿服务站', '2025年9月10日 至 2025年10月2日'])
      expect(valid.html).toContain(shown);
    expect(valid.html).not.toContain('钱证明');
    expect(valid.html).not.toContain(idNumber.slice(6, 14));

    const revoked = await gql(
      t.svc.url,
      `mutation($id: ID!) { revokeCertificate(id: $id, reason: "记录有误") { revokedAt } }`,
      { id: cert.id },
      { token: manager },
    );
    expect(revoked.errors).toBeUndefined();
    const after = await page(cert.verificationCode);
    expect(after.html).toContain('data-state="REVOKED"');
    expect(after.html).toContain('已撤销');

    const missing = await page('ABCDEFGHJKMN');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('data-state="NOT_FOUND"');
  });

  it('a revoked certificate PDF says so on its face', async () => {
    const text = pdfText(Buffer.from(await (await download(manager)).arrayBuffer()));
    expect(text).toContain('本证明已撤销');
  });
});
