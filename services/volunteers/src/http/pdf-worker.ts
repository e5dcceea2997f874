/** Piscina task (a worker thread): renders one certificate PDF off the API's event loop. */
import { renderCertificatePdf } from './certificate-pdf';
import type { CertificateDocument } from '../domain/certificate-document';

export interface PdfTask {
  doc: CertificateDocument;
  font: { file: string; family?: string };
}

export default async function renderTask(task: PdfTask): Promise<Uint8Array> {
  return renderCertificatePdf(task.doc, task.font);
}
