import { lazy } from 'react';
import { Link } from 'react-router';
import { isOfficer } from '../auth/session';
import type { ConsoleArea } from './area';
import { page } from './page';

const Cycles = lazy(() => import('../pages/Cycles'));
const CycleCreate = lazy(() => import('../pages/CycleCreate'));
const CycleDetail = lazy(() => import('../pages/CycleDetail'));
const Todo = lazy(() => import('../pages/campaign/Todo'));
const Notices = lazy(() => import('../pages/campaign/Notices'));
const Reviews = lazy(() => import('../pages/campaign/Reviews'));
const Titles = lazy(() => import('../pages/campaign/Titles'));
const Appeals = lazy(() => import('../pages/campaign/Appeals'));
const Inspections = lazy(() => import('../pages/campaign/Inspections'));

const campaign = { title: '年度创建活动', to: '/campaign' };

const MENU: [string, string][] = [
  ['/campaign', '年度创建活动'],
  ['/campaign/todo', '待我审核'],
  ['/campaign/titles', '称号管理'],
  ['/campaign/appeals', '申诉处理'],
  ['/campaign/inspections', '督导检查'],
];

/** Officers: the title campaign (cycles, applications, 公示, naming, re-reviews). Every page lives under /campaign. */
export const campaignArea: ConsoleArea = {
  routes: [
    {
      path: 'campaign',
      element: page(<Cycles />),
      handle: { title: '年度创建活动' },
    },
    {
      path: 'campaign/new',
      element: page(<CycleCreate />),
      handle: { title: '发起创建活动', parent: campaign },
    },
    {
      path: 'campaign/todo',
      element: page(<Todo />),
      handle: { title: '待我审核', parent: campaign },
    },
    {
      path: 'campaign/titles',
      element: page(<Titles />),
      handle: { title: '称号管理', parent: campaign },
    },
    {
      path: 'campaign/appeals',
      element: page(<Appeals />),
      handle: { title: '申诉处理', parent: campaign },
    },
    {
      path: 'campaign/inspections',
      element: page(<Inspections />),
      handle: { title: '督导检查', parent: campaign },
    },
    {
      path: 'campaign/:id',
      element: page(<CycleDetail />),
      handle: { title: '创建活动详情', parent: campaign },
    },
    {
      path: 'campaign/:id/notices',
      element: page(<Notices />),
      handle: { title: '公示与命名', parent: campaign },
    },
    {
      path: 'campaign/:id/reviews',
      element: page(<Reviews />),
      handle: { title: '复核', parent: campaign },
    },
  ],
  menu: (user) =>
    isOfficer(user)
      ? MENU.map(([to, text]) => ({
          key: to,
          label: <Link to={to}>{text}</Link>,
        }))
      : [],
  selectedKey: (pathname) => {
    const own = MENU.find(([to]) => to !== '/campaign' && pathname.startsWith(to));
    if (own) return own[0];
    return pathname.startsWith('/campaign') ? '/campaign' : undefined;
  },
};
