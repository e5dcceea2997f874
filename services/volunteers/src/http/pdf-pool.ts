/**
 * Certificate PDFs render on worker threads (Piscina): pdfkit with a 20 MB CJK font takes 0.5–2 s of CPU,
 * which on the API's event loop would stall every other request of the process meanwhile.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Piscina from 'piscina';
import type { CertificateDocument } from '../domain/certificate-document';
import { renderCertificatePdf } from './certificate-pdf';
import type { PdfTask } from './pdf-worker';

/**
 * Threads run JavaScript: the compiled worker beside this file, or the build's copy when running from src
 * (ts-jest). Null from src without a build: then the PDF renders on the calling thread (tests only).
 */
function pdfWorkerFile(): string | null {
  const here = resolve(__dirname, 'pdf-worker.js');
  if (existsSync(here)) return here;
  const built = resolve(__dirname, '../../dist/http/pdf-worker.js');
  return existsSync(built) ? built : null;
}

export class PdfPool {
  private pool: Piscina<PdfTask, Uint8Array> | undefined;

  /** Threads start on first use and leave after a minute idle (each holds the font, ~20 MB). */
  constructor(private readonly maxThreads = 2) {}

  async render(doc: CertificateDocument, font: { file: string; family?: string }): Promise<Buffer> {
    const filename = pdfWorkerFile();
    if (!filename) return renderCertificatePdf(doc, font);
    this.pool ??= new Piscina<PdfTask, Uint8Array>({
      filename,
      minThreads: 0,
      maxThreads: this.maxThreads,
      idleTimeout: 60_000,
    });
    const bytes = await this.pool.run({ doc, font });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
