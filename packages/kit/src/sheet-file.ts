import { Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';

// Loaded on first use (about a second of start-up): most processes that load the kit never read a sheet.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExcel = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
import { DomainError } from './errors';

export type SheetFormat = 'CSV' | 'XLSX';

/** The bytes of an uploaded sheet, checked for encoding and size (`field` names the argument in errors). */
export function decodeSheetBytes(contentBase64: string, maxBytes: number, field: string): Buffer {
  if (typeof contentBase64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(contentBase64)) {
    throw new DomainError('INVALID_FILE', '文件内容应为 base64 编码', {
      field,
    });
  }
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new DomainError('INVALID_FILE', '文件为空', { field });
  if (bytes.length > maxBytes)
    throw new DomainError(
      'FILE_TOO_LARGE',
      `导入文件不能超过 ${maxBytes >= 1 << 20 ? `${maxBytes / (1 << 20)} MB` : `${Math.floor(maxBytes / 1024)} KB`}`,
      { field },
    );
  return bytes;
}

/** A cell as plain text or number: formulas give their result, rich text its plain text, dates ISO days. */
function plainCell(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v !== 'object') return v;
  const o = v as {
    result?: unknown;
    richText?: { text: string }[];
    text?: unknown;
    hyperlink?: string;
  };
  if ('result' in o) return plainCell(o.result);
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if (typeof o.text === 'string') return o.text;
  return String(v);
}

/** Plain cell values of the first sheet, row by row (index 0 is the sheet's row 1). */
export async function readSheetRows(
  format: SheetFormat,
  contentBase64: string,
  opts: { maxBytes: number; field: string },
): Promise<unknown[][]> {
  const bytes = decodeSheetBytes(contentBase64, opts.maxBytes, opts.field);
  const wb = new (loadExcel().Workbook)();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'XLSX') {
      await wb.xlsx.load(bytes as never);
      sheet = wb.worksheets[0];
    } else {
      // Strip a UTF-8 byte-order mark (Excel writes one); map every cell to text so codes keep leading digits.
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      sheet = await wb.csv.read(Readable.from([text]), {
        parserOptions: { delimiter: ',' },
        map: (v: unknown) => v,
      } as never);
    }
  } catch {
    throw new DomainError('INVALID_FILE', `无法读取 ${format} 文件`, {
      field: opts.field,
    });
  }
  if (!sheet)
    throw new DomainError('INVALID_FILE', '文件中没有工作表', {
      field: opts.field,
    });
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map(plainCell);
  });
  return Array.from(rows, (r) => r ?? []);
}

export interface SheetColumn<K extends string> {
  key: K;
  /** Header texts accepted for the column (the template's Chinese header first). */
  headers: string[];
  required?: boolean;
}

export interface SheetRecord<K extends string> {
  /** The row number people see in the spreadsheet (the header is row 1). */
  row: number;
  cells: Partial<Record<K, string>>;
}

const normHeader = (h: unknown) =>
  String(h ?? '')
    .trim()
    .replace(/[\s*＊（(].*$/, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/**
 * Rows of a sheet as text keyed by column, after its header row: blank rows are skipped, cells trimmed
 * (empty → absent). A missing required column fails the whole file with MISSING_COLUMN.
 */
export function sheetRecords<K extends string>(
  rows: unknown[][],
  columns: SheetColumn<K>[],
  maxRows: number,
): SheetRecord<K>[] {
  const [header = [], ...body] = rows;
  const index = new Map<K, number>();
  header.forEach((h, i) => {
    const col = columns.find((c) => c.headers.some((x) => normHeader(x) === normHeader(h)));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length) {
    throw new DomainError(
      'MISSING_COLUMN',
      `导入文件缺少列：${missing.map((c) => `「${c.headers[0]}」`).join('、')}（请使用页面提供的模板）`,
      {
        field: 'file',
        errors: missing.map((c) => ({
          code: 'MISSING_COLUMN',
          field: `file.${c.key}`,
          message: `缺少「${c.headers[0]}」列`,
        })),
      },
    );
  }
  const out: SheetRecord<K>[] = [];
  body.forEach((cells, i) => {
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
    if (!cells || cells.every((v) => text(v) === '')) return;
    const rec: Partial<Record<K, string>> = {};
    for (const [key, at] of index) {
      const v = text(cells[at]);
      if (v) rec[key] = v;
    }
    out.push({ row: i + 2, cells: rec });
  });
  if (out.length === 0)
    throw new DomainError('EMPTY_IMPORT', '导入文件中没有数据行', {
      field: 'file',
    });
  if (out.length > maxRows)
    throw new DomainError('TOO_MANY_ROWS', `一次最多导入 ${maxRows} 行，本文件有 ${out.length} 行`, { field: 'file' });
  return out;
}

export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

/**
 * Every bad row of an import, each with its row number and reason; thrown as one IMPORT_INVALID_ROWS
 * error so a file with any bad row writes nothing.
 */
export class RowErrors {
  private readonly list: RowError[] = [];

  add(row: number, field: string, code: string, message: string): void {
    this.list.push({ row, field, code, message });
  }

  /** A DomainError raised for one row (field-level `errors` in its details, or the error itself). */
  addDomainError(row: number, err: DomainError): void {
    const nested = (err.details.errors as { code: string; field: string; message: string }[] | undefined) ?? [];
    if (nested.length) nested.forEach((e) => this.add(row, e.field, e.code, e.message));
    else this.add(row, String(err.details.field ?? ''), err.code, err.message);
  }

  get size(): number {
    return this.list.length;
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const rows = [...new Set(this.list.map((e) => e.row))].sort((a, b) => a - b);
    const sorted = [...this.list].sort((a, b) => a.row - b.row);
    throw new DomainError(
      'IMPORT_INVALID_ROWS',
      `导入文件有 ${rows.length} 行有误（第 ${rows.slice(0, 20).join('、')} 行），未导入任何数据`,
      {
        field: `row${sorted[0].row}.${sorted[0].field}`,
        rows,
        errors: sorted.map((e) => ({
          ...e,
          field: `row${e.row}.${e.field}`,
          message: `第 ${e.row} 行：${e.message}`,
        })),
      },
    );
  }
}
