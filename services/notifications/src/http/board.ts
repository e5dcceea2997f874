import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRegionCode, serviceGraphClient, type RouteHandler, type ServiceDeps, isUuid } from '@leifeng/kit';
import QRCode from 'qrcode';
import { AnnouncementService, CATEGORY_LABEL } from '../services/announcement-service';
import { systemClock, type NotificationsConfig } from '../config';
import { findStationRefs } from '../services/station-ref';
import { esc, LEVEL_BADGE, openingHoursText, renderBoard } from './board-html';

const REFRESH_SECONDS = 60;

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=30',
    // No scripts at all; inline styles and the inline SVG only.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

const notFoundPage = (what: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>未找到</title></head><body><h1>未找到${esc(what)}</h1></body></html>`;

interface StationFacts {
  name: string;
  hotline: string | null;
  region: { fullName: string } | null;
  serviceItems: { name: string; description: string | null }[];
  openingHours: { weekday: string; opens: string; closes: string }[];
}

/** Public notice boards: /board/stations/:id and /board/regions/:code (?display=1 for the station screen). */
export function boardRoutes(deps: ServiceDeps, config: NotificationsConfig): { prefix: Record<string, RouteHandler> } {
  const announcements = new AnnouncementService(deps.ds, systemClock);
  const graph = serviceGraphClient(deps.config.auth, {
    url: config.gatewayUrl,
    token: config.serviceToken,
    subject: 'svc-notifications',
  });

  /** A graph read that failed (thrown or answered with errors) is logged; the board renders without it. */
  function graphFailed(what: string, detail: Record<string, unknown>, err: unknown): void {
    deps.logger.warn(
      { ...detail, err: err instanceof Error ? err.message : err },
      `board: ${what} unavailable from the gateway`,
    );
  }

  /** Facts owned by stations (and volunteers' duty roster) through the gateway; the board still renders without them. */
  async function stationFacts(id: string): Promise<{
    station: StationFacts | null;
    onDuty: string[] | null;
    onDutyUnavailable: boolean;
  }> {
    let station: StationFacts | null = null;
    let onDuty: string[] | null = null;
    let onDutyUnavailable = false;
    try {
      const r = await graph.request<{ station: StationFacts | null }>(
        `query($id: ID!) { station(id: $id) { name hotline region { fullName } serviceItems { name description } openingHours { weekday opens closes } } }`,
        { id },
        { timeoutMs: 3000 },
      );
      if (r.errors?.length) graphFailed('station facts', { stationId: id }, r.errors.map((e) => e.message).join('; '));
      station = r.data?.station ?? null;
    } catch (err) {
      graphFailed('station facts', { stationId: id }, err);
    }
    try {
      // Provided by the volunteers service (see README).
      const r = await graph.request<{
        station: { onDutyToday: { displayName: string }[] | null } | null;
      }>(`query($id: ID!) { station(id: $id) { onDutyToday { displayName } } }`, { id }, { timeoutMs: 3000 });
      if (r.errors?.length) {
        onDutyUnavailable = true;
        graphFailed('duty roster', { stationId: id }, r.errors.map((e) => e.message).join('; '));
      }
      if (r.data?.station?.onDutyToday) onDuty = r.data.station.onDutyToday.map((v) => v.displayName);
    } catch (err) {
      // Not "nobody on duty": the page says the roster could not be read, and the log says why.
      onDutyUnavailable = true;
      graphFailed('duty roster', { stationId: id }, err);
    }
    return { station, onDuty, onDutyUnavailable };
  }

  const stationBoard: RouteHandler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const id = url.pathname.slice('/board/stations/'.length).replace(/\/$/, '');
    if (!isUuid(id)) return send(res, 404, notFoundPage('站点'));
    const ref = (await findStationRefs(deps.ds, [id])).get(id);
    const { station, onDuty, onDutyUnavailable } = await stationFacts(id);
    if (!ref && !station) return send(res, 404, notFoundPage('站点'));
    const display = url.searchParams.get('display') === '1';
    const pageUrl = `${config.publicBaseUrl}/board/stations/${id}`;
    const anns = (await announcements.byStations([id], display ? 8 : 20, false)).get(id) ?? [];
    send(
      res,
      200,
      renderBoard({
        heading: station?.name ?? ref!.name,
        subheading: station?.region?.fullName,
        badge: ref?.titleLevel ? LEVEL_BADGE[ref.titleLevel] : null,
        hotline: station ? station.hotline : null,
        openingHours: openingHoursText(station?.openingHours ?? ref?.openingHours ?? []),
        onDuty: onDuty ?? [],
        onDutyUnavailable,
        serviceItems: station?.serviceItems ?? [],
        announcements: anns,
        categoryLabel: CATEGORY_LABEL,
        qrSvg: await QRCode.toString(pageUrl, {
          type: 'svg',
          margin: 1,
          errorCorrectionLevel: 'M',
        }),
        pageUrl,
        display,
        refreshSeconds: REFRESH_SECONDS,
      }),
    );
  };

  const regionBoard: RouteHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const code = url.pathname.slice('/board/regions/'.length).replace(/\/$/, '');
    if (!isRegionCode(code)) return send(res, 404, notFoundPage('地区'));
    let fullName: string | null = null;
    try {
      const r = await graph.request<{ region: { fullName: string } | null }>(
        `query($code: ID!) { region(code: $code) { fullName } }`,
        { code },
        { timeoutMs: 3000 },
      );
      if (r.errors?.length) graphFailed('region name', { regionCode: code }, r.errors.map((e) => e.message).join('; '));
      fullName = r.data?.region?.fullName ?? null;
    } catch (err) {
      graphFailed('region name', { regionCode: code }, err);
    }
    const display = url.searchParams.get('display') === '1';
    const pageUrl = `${config.publicBaseUrl}/board/regions/${code}`;
    send(
      res,
      200,
      renderBoard({
        heading: `${fullName ?? code} 学雷锋志愿服务公告栏`,
        openingHours: [],
        onDuty: null,
        serviceItems: [],
        announcements: await announcements.currentForRegion(code, display ? 8 : 30),
        categoryLabel: CATEGORY_LABEL,
        qrSvg: await QRCode.toString(pageUrl, {
          type: 'svg',
          margin: 1,
          errorCorrectionLevel: 'M',
        }),
        pageUrl,
        display,
        refreshSeconds: REFRESH_SECONDS,
      }),
    );
  };

  return {
    prefix: {
      '/board/stations/': stationBoard,
      '/board/regions/': regionBoard,
    },
  };
}
