import { toString as qrToString } from 'qrcode';

/** The public page that checks a certificate: a phone camera opens it straight from the QR code. */
export const certificateVerifyUrl = (publicBaseUrl: string, verificationCode: string) =>
  `${publicBaseUrl}/verify/${encodeURIComponent(verificationCode)}`;

/** The QR code as an SVG document (error correction M, 2-module quiet zone). */
export function certificateQrSvg(text: string): Promise<string> {
  return qrToString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
}

export async function certificateQrDataUrl(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await certificateQrSvg(text)).toString('base64')}`;
}
