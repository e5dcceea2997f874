import { shanghaiDate, zhLabels } from '@leifeng/kit';

/** HTML-escapes user-supplied text (names, titles, bodies) for element content and attribute values. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WEEKDAY = zhLabels('weekday');
export const LEVEL_BADGE: Record<string, string> = Object.fromEntries(
  Object.entries(zhLabels('titleLevel')).map(([k, v]) => [k, `${v}“雷锋号”`]),
);

export function openingHoursText(slots: { weekday: string; opens: string; closes: string }[]): string[] {
  const byDay = new Map<string, string[]>();
  for (const s of slots) byDay.set(s.weekday, [...(byDay.get(s.weekday) ?? []), `${s.opens}–${s.closes}`]);
  return Object.keys(WEEKDAY)
    .filter((d) => byDay.has(d))
    .map((d) => `${WEEKDAY[d]} ${byDay.get(d)!.join('，')}`);
}

interface BoardAnnouncement {
  title: string;
  body: string;
  category: string;
  pinned: boolean;
  publishFrom: Date;
}

export interface BoardView {
  heading: string;
  subheading?: string;
  badge?: string | null;
  hotline?: string | null;
  openingHours: string[];
  onDuty: string[] | null;
  /** The roster could not be read (the gateway failed): said so, not shown as "nobody on duty". */
  onDutyUnavailable?: boolean;
  serviceItems: { name: string; description?: string | null }[];
  announcements: BoardAnnouncement[];
  categoryLabel: Record<string, string>;
  qrSvg: string;
  pageUrl: string;
  display: boolean;
  refreshSeconds: number;
}

const dateText = (d: Date) => shanghaiDate(new Date(d));

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#fff7f0;color:#222;line-height:1.6}
header{background:#c8102e;color:#fff;padding:16px 20px}header h1{margin:0;font-size:1.5rem}header p{margin:4px 0 0;opacity:.9}
.badge{display:inline-block;background:#ffd700;color:#8b0000;border-radius:4px;padding:2px 10px;font-weight:bold;margin-top:8px}
main{max-width:960px;margin:0 auto;padding:12px 16px;display:grid;gap:12px;grid-template-columns:1fr}
section{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{font-size:1.1rem;margin:0 0 8px;color:#c8102e}ul{margin:0;padding-left:1.2em}
.ann{border-top:1px solid #eee;padding:8px 0}.ann:first-of-type{border-top:0}.ann h3{margin:0;font-size:1rem}
.pin{color:#c8102e;font-weight:bold}.meta{color:#888;font-size:.85rem}.qr svg{width:160px;height:160px}
@media(min-width:720px){main{grid-template-columns:2fr 1fr}.wide{grid-column:1/3}}
body.display{background:#1a1a1a;color:#f5f5f5;font-size:1.6rem}body.display section{background:#262626;color:#f5f5f5}
body.display header h1{font-size:2.6rem}body.display h2{font-size:2rem}body.display .ann h3{font-size:1.9rem}body.display .meta{font-size:1.2rem}body.display main{max-width:none;height:calc(100vh - 110px);grid-template-columns:2fr 1fr}body.display .meta{color:#bbb}`;

/** The notice board page: server-rendered, every user-supplied value escaped, no scripts needed. */
export function renderBoard(v: BoardView): string {
  const anns = v.announcements.length
    ? v.announcements
        .map(
          (a) => `<article class="ann">
  <h3>${a.pinned ? '<span class="pin">【置顶】</span>' : ''}${esc(a.title)}</h3>
  <div class="meta">${esc(v.categoryLabel[a.category] ?? a.category)} · ${esc(dateText(a.publishFrom))}</div>
  <p>${esc(a.body).replace(/\n/g, '<br>')}</p>
</article>`,
        )
        .join('\n')
    : '<p class="meta">暂无公告</p>';
  const list = (items: string[], empty: string) =>
    items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p class="meta">${empty}</p>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${v.display ? `<meta http-equiv="refresh" content="${v.refreshSeconds}">` : ''}
<title>${esc(v.heading)} · 公告栏</title>
<style>${CSS}</style>
</head>
<body class="${v.display ? 'display' : ''}">
<header>
  <h1>${esc(v.heading)}</h1>
  ${v.subheading ? `<p>${esc(v.subheading)}</p>` : ''}
  ${v.badge ? `<span class="badge">${esc(v.badge)}</span>` : ''}
</header>
<main>
  <section id="announcements"><h2>公告</h2>${anns}</section>
  <div>
    ${v.hotline !== undefined ? `<section><h2>服务热线</h2><p>${esc(v.hotline ?? '暂无')}</p></section>` : ''}
    ${v.openingHours.length ? `<section><h2>开放时间</h2>${list(v.openingHours, '')}</section>` : ''}
    ${v.onDuty !== null ? `<section><h2>今日值班志愿者</h2>${v.onDutyUnavailable ? '<p class="meta">值班信息暂时无法获取</p>' : list(v.onDuty, '暂无值班信息')}</section>` : ''}
    ${
      v.serviceItems.length
        ? `<section><h2>服务项目</h2>${list(
            v.serviceItems.map((s) => (s.description ? `${s.name}：${s.description}` : s.name)),
            '',
          )}</section>`
        : ''
    }
    <section class="qr"><h2>扫码查看公告栏</h2>${v.qrSvg}<p class="meta">${esc(v.pageUrl)}</p></section>
  </div>
</main>
</body>
</html>`;
}
