import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** One column of an import template. */
export interface TemplateColumn {
  header: string;
  required?: boolean;
  width?: number;
  /** Allowed values (a drop-down in Excel). */
  list?: string[];
  /** Keep as text (ID numbers, phone numbers, codes: Excel would turn them into numbers). */
  text?: boolean;
  note?: string;
}

/** Builds the XLSX template (first sheet: the header row; second: how to fill it in) and saves it. */
export async function downloadTemplate(fileName: string, sheetName: string, columns: TemplateColumn[]): Promise<void> {
  const mod = await import('exceljs');
  const Excel = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    width: c.width ?? 16,
    style: c.text ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (!c.list) return;
    const col = String.fromCharCode(65 + i);
    for (let r = 2; r <= 501; r++) {
      ws.getCell(`${col}${r}`).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${c.list.join(',')}"`],
      };
    }
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns)
    help.addRow([
      c.header,
      c.required ? '必填' : '选填',
      [c.note, c.list ? `可选值：${c.list.join('、')}` : ''].filter(Boolean).join('；'),
    ]);
  help.addRow([]);
  help.addRow([
    '',
    '',
    '从第 2 行起每行一条，不要改动第 1 行的列名；最多 500 行。任何一行有误时整个文件都不会导入，请按提示改正后重新上传。',
  ]);
  const buf = await wb.xlsx.writeBuffer();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(
    new Blob([buf], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A file's bytes as base64 (for the import mutations). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface RowProblem {
  key: string;
  row: number;
  field: string;
  code: string;
  message: string;
}

/** The bad rows of an IMPORT_INVALID_ROWS error (empty for any other error). */
export function rowProblems(error: unknown): RowProblem[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const e = error.errors.find((x) => x.extensions?.code === 'IMPORT_INVALID_ROWS');
  const list = (e?.extensions?.errors ?? []) as {
    row: number;
    field: string;
    code: string;
    message: string;
  }[];
  return list.map((p, i) => ({
    key: String(i),
    row: p.row,
    field: p.field.replace(/^row\d+\./, ''),
    code: p.code,
    message: p.message.replace(/^第 \d+ 行：/, ''),
  }));
}
