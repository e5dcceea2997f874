import { toString as qrToString } from 'qrcode';

/** What a certificate's QR code carries: scanning it and calling verifyCertificate checks the certificate. */
export const certificateQrText = (verificationCode: string) => `ZYFW-VERIFY:${verificationCode}`;

/** The QR code as an SVG document (error correction M, 2-module quiet zone). */
export function certificateQrSvg(verificationCode: string): Promise<string> {
  return qrToString(certificateQrText(verificationCode), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export async function certificateQrDataUrl(verificationCode: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await certificateQrSvg(verificationCode)).toString('base64')}`;
}
