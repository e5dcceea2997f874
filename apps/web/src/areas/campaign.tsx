import { lazy } from 'react';
import { Link } from 'react-router';
import { isOfficer } from '../auth/session';
import type { ConsoleArea } from './area';
import { page } from './page';

const Cycles = lazy(() => import('../pages/Cycles'));
const CycleCreate = lazy(() => import('../pages/CycleCreate'));
const CycleDetail = lazy(() => import('../pages/CycleDetail'));

const campaign = { title: '年度创建活动', to: '/campaign' };

/** Officers: the title campaign (cycles, applications, 公示, naming, re-reviews). Every page lives under /campaign. */
export const campaignArea: ConsoleArea = {
  routes: [
    { path: 'campaign', element: page(<Cycles />), handle: { title: '年度创建活动' } },
    { path: 'campaign/new', element: page(<CycleCreate />), handle: { title: '发起创建活动', parent: campaign } },
    { path: 'campaign/:id', element: page(<CycleDetail />), handle: { title: '创建活动详情', parent: campaign } },
  ],
  menu: (user) => (isOfficer(user) ? [{ key: '/campaign', label: <Link to="/campaign">创建活动</Link> }] : []),
  selectedKey: (pathname) => (pathname.startsWith('/campaign') ? '/campaign' : undefined),
};
