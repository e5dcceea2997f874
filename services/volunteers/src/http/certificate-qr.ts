import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RouteHandler, type ServiceDeps } from '@leifeng/kit';
import { certificateQrSvg } from '../domain/certificate-qr';

const PATH = /^\/certificates\/([A-Za-z0-9]{12})\/qr\.svg$/;

/**
 * GET /certificates/:code/qr.svg — the certificate's QR code (it carries only the verification code,
 * which is printed on the paper certificate anyway), public like verifyCertificate. Unknown codes: 404.
 */
export function certificateQrRoute(deps: ServiceDeps): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: '只支持 GET' } });
    const code = match?.[1].toUpperCase();
    const [found] = code ? await deps.ds.query(`SELECT 1 FROM certificates WHERE verification_code = $1`, [code]) : [];
    if (!code || !found) return sendJson(res, 404, { error: { code: 'CERTIFICATE_NOT_FOUND', message: '未找到该服务证明' } });
    const svg = await certificateQrSvg(code);
    res.writeHead(200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-length': Buffer.byteLength(svg),
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : svg);
  };
}
