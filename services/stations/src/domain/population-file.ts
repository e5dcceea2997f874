import { Readable } from 'node:stream';
import { DomainError } from '@leifeng/kit';
import ExcelJS from 'exceljs';

export const MAX_POPULATION_FILE_BYTES = 2 * 1024 * 1024;

/** Plain cell values of the first sheet, row by row (exceljs reads both formats). */
export async function readPopulationSheet(format: 'CSV' | 'XLSX', contentBase64: string): Promise<unknown[][]> {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(contentBase64)) throw new DomainError('INVALID_FILE', '文件内容应为 base64 编码', { field: 'file.contentBase64' });
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new DomainError('INVALID_FILE', '文件为空', { field: 'file.contentBase64' });
  if (bytes.length > MAX_POPULATION_FILE_BYTES) throw new DomainError('FILE_TOO_LARGE', '导入文件不能超过 2 MB', { field: 'file.contentBase64' });
  const wb = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'XLSX') {
      await wb.xlsx.load(bytes as never);
      sheet = wb.worksheets[0];
    } else {
      // Strip a UTF-8 byte-order mark (Excel writes one); map every cell to text so codes keep leading digits.
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      sheet = await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter: ',' }, map: (v: unknown) => v } as never);
    }
  } catch {
    throw new DomainError('INVALID_FILE', `无法读取 ${format} 文件`, { field: 'file.contentBase64' });
  }
  if (!sheet) throw new DomainError('INVALID_FILE', '文件中没有工作表', { field: 'file.contentBase64' });
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v));
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}
