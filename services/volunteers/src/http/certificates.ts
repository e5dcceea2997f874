import type { IncomingMessage, ServerResponse } from 'node:http';
import { createTokenVerifier, maskIdNumber, type RouteHandler, type ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from '../config';
import { canManage } from '../domain/access';
import { certificateDocument, publicCheck, type CertificateDocument } from '../domain/certificate-document';
import { certificateQrSvg, certificateVerifyUrl } from '../domain/certificate-qr';
import { CertificateService, type CertificateDocumentRow } from '../services/certificate-service';
import { VolunteerPii } from '../domain/pii';
import { certificatePage } from './certificate-page';
import { PdfPool } from './pdf-pool';
import { fail, routeUser } from './route-auth';

const QR_PATH = /^\/certificates\/([A-Za-z0-9]{12})\/qr\.svg$/;
const PDF_PATH = /^\/certificates\/([0-9a-fA-F-]{36})\.pdf$/;
const VERIFY_PATH = /^\/verify\/([A-Za-z0-9]{1,32})$/;

function documentOf(row: CertificateDocumentRow, config: VolunteersConfig): CertificateDocument {
  const pii = new VolunteerPii(config.pii);
  return certificateDocument({
    number: row.number,
    holderName: row.name,
    maskedIdNumber: maskIdNumber(pii.decrypt('idNumber', row.idNumberEnc)) ?? '',
    stationName: row.stationName,
    totalHours: row.totalHours,
    issuedAt: row.issuedAt,
    revokedAt: row.revokedAt,
    records: row.records,
    verifyUrl: certificateVerifyUrl(config.publicBaseUrl, row.verificationCode),
  });
}

/**
 * GET /certificates/:code/qr.svg — the QR code (public: it carries only the verification URL, printed anyway);
 * GET /certificates/:id.pdf — the printable certificate, for the volunteer and the issuing station's managers
 * (and admins covering it), bearer token.
 */
export function certificatesRoute(
  deps: ServiceDeps,
  config: () => VolunteersConfig,
  pdfs = new PdfPool(),
): RouteHandler {
  const verifier = createTokenVerifier(deps.config.auth);
  const certificates = new CertificateService(deps.ds);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'METHOD_NOT_ALLOWED', '只支持 GET');
    const qr = QR_PATH.exec(path);
    if (qr) {
      const code = qr[1].toUpperCase();
      const [found] = await deps.ds.query(`SELECT 1 FROM certificates WHERE verification_code = $1`, [code]);
      if (!found) return fail(res, 404, 'CERTIFICATE_NOT_FOUND', '未找到该服务证明');
      const svg = await certificateQrSvg(certificateVerifyUrl(config().publicBaseUrl, code));
      res.writeHead(200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'content-length': Buffer.byteLength(svg),
        'cache-control': 'public, max-age=86400',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : svg);
      return;
    }
    const pdfMatch = PDF_PATH.exec(path);
    if (!pdfMatch) return fail(res, 404, 'CERTIFICATE_NOT_FOUND', '未找到该服务证明');
    const user = await routeUser(verifier, req, res);
    if (!user) return;
    const row = await certificates.document({ id: pdfMatch[1] });
    if (!row) return fail(res, 404, 'CERTIFICATE_NOT_FOUND', '未找到该服务证明');
    const isHolder = !!row.accountSub && row.accountSub === user.sub;
    if (!isHolder && !canManage(user, { id: row.stationId, regionCode: row.regionCode })) {
      return fail(res, 403, 'FORBIDDEN', '只有证明持有人、出具站点的站长或所辖地区管理员可以下载');
    }
    const pdf = await pdfs.render(documentOf(row, config()), config().certificateFont);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `attachment; filename="${row.number}.pdf"`,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : pdf);
  };
}

/** GET /verify/:code — the public check the certificate's QR code opens (no login). */
export function verifyPageRoute(deps: ServiceDeps, config: () => VolunteersConfig): RouteHandler {
  const certificates = new CertificateService(deps.ds);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'METHOD_NOT_ALLOWED', '只支持 GET');
    const match = VERIFY_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    const code = (match?.[1] ?? '').toUpperCase();
    const row = code ? await certificates.document({ code }) : undefined;
    const html = certificatePage(row ? publicCheck(documentOf(row, config()), row.name) : { state: 'NOT_FOUND' }, code);
    res.writeHead(row ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      // A revocation must show at once: never cached.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
}
