import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import { canAdministerRegion, createTokenVerifier, type RouteHandler, type ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from '../config';
import { canManage } from '../domain/access';
import { VolunteerPii } from '../domain/pii';
import { StationRefs } from '../services/station-ref';
import { ledgerSheets, type Cell } from './ledger-rows';
import { fail, routeUser } from './route-auth';

const PATH = /^\/export\/stations\/([0-9a-fA-F-]{36})\/ledger\.(csv|xlsx)$/;

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/**
 * GET /export/stations/:id/ledger.csv?sheet=records|volunteers|activities|pairings and /ledger.xlsx (all four
 * sheets): the station ledger for the paper-and-electronic archive and the national system, streamed.
 * Bearer token; managers of the station and admins covering it (and internal services).
 */
export function ledgerExportRoute(deps: ServiceDeps, config: () => VolunteersConfig): RouteHandler {
  const verifier = createTokenVerifier(deps.config.auth);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) return fail(res, 404, 'NOT_FOUND', '未找到');
    if (req.method !== 'GET') return fail(res, 405, 'METHOD_NOT_ALLOWED', '只支持 GET');
    const user = await routeUser(verifier, req, res);
    if (!user) return;
    const [station] = await new StationRefs(deps.ds).byIds([match[1]]);
    if (!station) return fail(res, 404, 'STATION_NOT_FOUND', `未找到站点：${match[1]}`);
    if (!canManage(user, station)) return fail(res, 403, 'FORBIDDEN', '只有本站站长或所辖地区管理员可以导出台账');
    const sheets = ledgerSheets(
      deps.ds,
      new VolunteerPii(config().pii),
      station.id,
      canAdministerRegion(user, station.regionCode),
    );
    const fileBase = `ledger-${station.id}`;

    if (match[2] === 'csv') {
      const sheet = sheets[url.searchParams.get('sheet') ?? 'records'];
      if (!sheet) return fail(res, 400, 'INVALID_SHEET', 'sheet 应为 records、volunteers、activities 或 pairings');
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileBase}-${sheet.name}.csv"`,
        'cache-control': 'no-store',
      });
      await write(res, `\uFEFF${sheet.header.map(csvCell).join(',')}\r\n`); // BOM: Excel opens UTF-8 Chinese correctly
      for await (const row of sheet.rows()) await write(res, `${row.map(csvCell).join(',')}\r\n`);
      res.end();
      return;
    }

    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${fileBase}.xlsx"`,
      'cache-control': 'no-store',
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: res,
      useStyles: false,
      useSharedStrings: false,
    });
    for (const sheet of Object.values(sheets)) {
      const ws = workbook.addWorksheet(sheet.title);
      ws.addRow(sheet.header).commit();
      for await (const row of sheet.rows()) ws.addRow(row).commit();
      ws.commit();
    }
    await workbook.commit();
  };
}
