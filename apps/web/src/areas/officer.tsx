import { lazy } from 'react';
import { Link } from 'react-router';
import { getSession, isOfficer } from '../auth/session';
import { preloadDashboard } from '../pages/dashboard/queries';
import type { ConsoleArea } from './area';
import { page } from './page';

// One chunk per page: ECharts ships only with the dashboard's chunk.
const loadDashboard = () => import('../pages/Dashboard');
const Dashboard = lazy(loadDashboard);
const Stations = lazy(() => import('../pages/Stations'));
const StationDetail = lazy(() => import('../pages/StationDetail'));

/** Officers and inspectors: the region's dashboard and its stations. */
export const officerArea: ConsoleArea = {
  routes: [
    {
      path: 'dashboard',
      // Chunk and first queries in parallel, started before the layout renders (nothing is awaited here).
      loader: ({ request }) => {
        const session = getSession();
        if (session) preloadDashboard(new URL(request.url), session.user, loadDashboard);
        return null;
      },
      element: page(<Dashboard />),
      handle: { title: '数据看板' },
    },
    {
      path: 'stations',
      element: page(<Stations />),
      handle: { title: '站点管理' },
    },
    {
      path: 'stations/:id',
      element: page(<StationDetail />),
      handle: {
        title: '站点详情',
        parent: { title: '站点管理', to: '/stations' },
      },
    },
  ],
  menu: (user) =>
    isOfficer(user) || user.roles.includes('INSPECTOR')
      ? [
          { key: '/dashboard', label: <Link to="/dashboard">数据看板</Link> },
          { key: '/stations', label: <Link to="/stations">站点管理</Link> },
        ]
      : [],
  selectedKey: (pathname, user) =>
    pathname.startsWith('/stations/') && pathname !== `/stations/${user.stationId}` ? '/stations' : undefined,
};
