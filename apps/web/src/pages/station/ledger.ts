import { authorizedFetch } from '../../auth/session';

export type LedgerFile = 'xlsx' | 'csv-records' | 'csv-volunteers' | 'csv-activities' | 'csv-pairings';

/** The ledger, served by the volunteers service through the public origin (/export/…), with the token. */
export async function downloadLedger(stationId: string, kind: LedgerFile): Promise<void> {
  const sheet = kind.startsWith('csv-') ? kind.slice(4) : undefined;
  const url = sheet
    ? `/export/stations/${stationId}/ledger.csv?sheet=${sheet}`
    : `/export/stations/${stationId}/ledger.xlsx`;
  const res = await authorizedFetch(url);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { message?: string; code?: string };
    };
    throw new Error(
      `${body.error?.message ?? `下载失败（HTTP ${res.status}）`}${body.error?.code ? ` [${body.error.code}]` : ''}`,
    );
  }
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = sheet ? `台账-${sheet}.csv` : '台账.xlsx';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
