import { readSheetRows } from '@leifeng/kit';

const MAX_POPULATION_FILE_BYTES = 2 * 1024 * 1024;

/** Plain cell values of the first sheet, row by row (exceljs reads both formats). */
export function readPopulationSheet(format: 'CSV' | 'XLSX', contentBase64: string): Promise<unknown[][]> {
  return readSheetRows(format, contentBase64, {
    maxBytes: MAX_POPULATION_FILE_BYTES,
    field: 'file.contentBase64',
  });
}
