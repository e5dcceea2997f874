import { lazy } from 'react';
import { Link } from 'react-router';
import { isStationManager } from '../auth/session';
import type { ConsoleArea, MenuItem } from './area';
import { page } from './page';

const Activities = lazy(() => import('../pages/station/Activities'));
const ActivityPoster = lazy(() => import('../pages/station/ActivityPoster'));
const Records = lazy(() => import('../pages/station/Records'));
const Ledger = lazy(() => import('../pages/station/Ledger'));

const parent = { title: '本站' };

/** Menu entries of 本站 (the import page's route lives in the imports area). */
const ENTRIES: [string, string][] = [
  ['/my-station/activities', '活动'],
  ['/my-station/records', '服务记录'],
  ['/my-station/ledger', '台账导出'],
  ['/my-station/import', '导入志愿者'],
];

/** Station managers: their own station's work. Every page lives under /my-station. */
export const stationArea: ConsoleArea = {
  routes: [
    { path: 'my-station/activities', element: page(<Activities />), handle: { title: '活动', parent } },
    {
      path: 'my-station/activities/:id/poster',
      element: page(<ActivityPoster />),
      handle: { title: '签到海报', parent: { title: '活动', to: '/my-station/activities' } },
    },
    { path: 'my-station/records', element: page(<Records />), handle: { title: '服务记录', parent } },
    { path: 'my-station/ledger', element: page(<Ledger />), handle: { title: '台账导出', parent } },
  ],
  menu: (user) => {
    if (!isStationManager(user)) return [];
    const children: MenuItem[] = [
      { key: `/stations/${user.stationId}`, label: <Link to={`/stations/${user.stationId}`}>站点资料</Link> },
      ...ENTRIES.map(([to, text]) => ({ key: to, label: <Link to={to}>{text}</Link> })),
    ];
    return [{ key: 'my-station', label: '本站', type: 'group', children }];
  },
  selectedKey: (pathname) => (pathname.startsWith('/my-station/activities/') ? '/my-station/activities' : undefined),
};
