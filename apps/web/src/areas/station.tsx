import { lazy, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isStationManager } from '../auth/session';
import type { ConsoleArea, MenuItem } from './area';
import { page } from './page';

const Profile = lazy(() => import('../pages/station/Profile'));
const Team = lazy(() => import('../pages/station/Team'));
const Activities = lazy(() => import('../pages/station/Activities'));
const ActivityPoster = lazy(() => import('../pages/station/ActivityPoster'));
const Records = lazy(() => import('../pages/station/Records'));
const Duty = lazy(() => import('../pages/station/Duty'));
const Trainings = lazy(() => import('../pages/station/Trainings'));
const Pairings = lazy(() => import('../pages/station/Pairings'));
const Demands = lazy(() => import('../pages/station/Demands'));
const Catalogue = lazy(() => import('../pages/station/Catalogue'));
const Certificates = lazy(() => import('../pages/station/Certificates'));
const Ledger = lazy(() => import('../pages/station/Ledger'));
const Compliance = lazy(() => import('../pages/station/Compliance'));
const Application = lazy(() => import('../pages/station/Application'));

const parent = { title: '本站' };

/** 本站 pages in menu order: [path, title]. The import page's route lives in the imports area. */
const ENTRIES: [string, string, ReactNode | null][] = [
  ['profile', '站点资料', <Profile />],
  ['team', '队伍', <Team />],
  ['import', '导入志愿者', null],
  ['activities', '活动', <Activities />],
  ['records', '服务记录', <Records />],
  ['duty', '值班', <Duty />],
  ['trainings', '培训', <Trainings />],
  ['pairings', '结对', <Pairings />],
  ['demands', '需求对接', <Demands />],
  ['catalogue', '积分商品', <Catalogue />],
  ['certificates', '证书', <Certificates />],
  ['ledger', '台账导出', <Ledger />],
  ['compliance', '达标自查', <Compliance />],
  ['application', '申报雷锋号', <Application />],
];

/** Station managers: their own station's work. Every page lives under /my-station. */
export const stationArea: ConsoleArea = {
  routes: [
    ...ENTRIES.filter(([, , el]) => el !== null).map(([path, title, el]) => ({
      path: `my-station/${path}`,
      element: page(el),
      handle: { title, parent },
    })),
    {
      path: 'my-station/activities/:id/poster',
      element: page(<ActivityPoster />),
      handle: {
        title: '签到海报',
        parent: { title: '活动', to: '/my-station/activities' },
      },
    },
  ],
  menu: (user) => {
    if (!isStationManager(user)) return [];
    const children: MenuItem[] = ENTRIES.map(([path, text]) => ({
      key: `/my-station/${path}`,
      label: <Link to={`/my-station/${path}`}>{text}</Link>,
    }));
    return [{ key: 'my-station', label: '本站', type: 'group', children }];
  },
  selectedKey: (pathname) => (pathname.startsWith('/my-station/activities/') ? '/my-station/activities' : undefined),
};
