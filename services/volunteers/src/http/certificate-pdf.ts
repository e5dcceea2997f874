import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import type { CertificateDocument } from '../domain/certificate-document';

const fontCache = new Map<string, Buffer>();
/** The CJK font file is ~20 MB: read once per process. */
function fontBytes(file: string): Buffer {
  let bytes = fontCache.get(file);
  if (!bytes) fontCache.set(file, (bytes = readFileSync(file)));
  return bytes;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/** Renders the certificate on one A4 page (more pages only when the record list is long). */
export async function renderCertificatePdf(
  doc: CertificateDocument,
  font: { file: string; family?: string },
): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `${doc.title} ${doc.number}`,
      Author: doc.issuer,
      Subject: doc.title,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', fontBytes(font.file), font.family);
  pdf.font('cjk');
  const width = A4.width - 2 * MARGIN;

  pdf.fontSize(10).fillColor('#444').text(`证明编号：${doc.number}`, MARGIN, MARGIN, { width, align: 'right' });
  pdf.moveDown(1.5).fontSize(24).fillColor('#000').text(doc.title, { width, align: 'center', characterSpacing: 4 });
  if (doc.revoked)
    pdf
      .moveDown(0.3)
      .fontSize(12)
      .fillColor('#c00')
      .text('本证明已撤销，不能作为志愿服务证明使用', {
        width,
        align: 'center',
      })
      .fillColor('#000');
  pdf.moveDown(1.2).fontSize(13).text(doc.statement, { width, lineGap: 6, indent: 26 });

  // The record items: date, activity, content, hours.
  const cols = [
    { title: '服务日期', width: 80 },
    { title: '活动名称', width: 130 },
    { title: '服务内容', width: width - 80 - 130 - 72 },
    { title: '时长（小时）', width: 72 },
  ];
  const row = (cells: string[], bold = false) => {
    const y = pdf.y;
    let x = MARGIN;
    let bottom = y;
    pdf.fontSize(bold ? 10.5 : 10).fillColor(bold ? '#000' : '#222');
    cells.forEach((cell, i) => {
      pdf.text(cell, x + 3, y + 3, {
        width: cols[i].width - 6,
        height: 42,
        ellipsis: true,
      });
      bottom = Math.max(bottom, pdf.y + 3);
      x += cols[i].width;
    });
    pdf
      .moveTo(MARGIN, bottom)
      .lineTo(MARGIN + width, bottom)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    pdf.x = MARGIN;
    pdf.y = bottom;
  };
  pdf.moveDown(1);
  pdf
    .moveTo(MARGIN, pdf.y)
    .lineTo(MARGIN + width, pdf.y)
    .lineWidth(0.8)
    .strokeColor('#666')
    .stroke();
  row(
    cols.map((c) => c.title),
    true,
  );
  for (const item of doc.items) {
    if (pdf.y > A4.height - MARGIN - 200) pdf.addPage().font('cjk');
    row([item.date, item.activity, item.content, item.hours]);
  }
  pdf
    .moveDown(0.6)
    .fontSize(11)
    .fillColor('#000')
    .text(`合计：${doc.items.length} 条记录，${doc.totalHours.toFixed(2).replace(/\.?0+$/, '')} 小时`, MARGIN, pdf.y, {
      width,
      align: 'right',
    });

  // Footer: QR code (opens the public check) on the left, the issuer and a place for the seal on the right.
  if (pdf.y > A4.height - MARGIN - 170) pdf.addPage().font('cjk');
  const footerY = A4.height - MARGIN - 150;
  const qr = await qrPng(doc.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 8,
  });
  pdf.image(qr, MARGIN, footerY, { width: 110 });
  pdf
    .fontSize(9)
    .fillColor('#444')
    .text('扫码查验本证明真伪', MARGIN, footerY + 114, { width: 140 });
  pdf.fontSize(8).text(doc.verifyUrl, MARGIN, footerY + 128, { width: 220 });
  const right = MARGIN + width - 220;
  pdf
    .fontSize(12)
    .fillColor('#000')
    .text(doc.sealLabel, right, footerY + 10, { width: 220, align: 'center' });
  pdf
    .circle(right + 110, footerY + 70, 42)
    .dash(3, { space: 3 })
    .lineWidth(0.8)
    .strokeColor('#c00')
    .stroke()
    .undash();
  pdf
    .fontSize(12)
    .fillColor('#000')
    .text(doc.issuer, right, footerY + 118, { width: 220, align: 'center' });
  pdf.text(doc.issuedOn, right, footerY + 136, { width: 220, align: 'center' });

  if (doc.revoked) {
    pdf.save().rotate(-30, { origin: [A4.width / 2, A4.height / 2] });
    pdf
      .fontSize(72)
      .fillColor('#c00', 0.35)
      .text('已撤销', 0, A4.height / 2 - 40, {
        width: A4.width,
        align: 'center',
      });
    pdf.restore();
  }
  pdf.end();
  return done;
}
