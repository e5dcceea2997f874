import { lazy } from 'react';
import { Link } from 'react-router';
import { isStationManager } from '../auth/session';
import type { ConsoleArea } from './area';
import { page } from './page';

const Activities = lazy(() => import('../pages/station/Activities'));
const Records = lazy(() => import('../pages/station/Records'));

/** Station managers: their own station's work. Every page lives under /my-station. */
export const stationArea: ConsoleArea = {
  routes: [
    { path: 'my-station/activities', element: page(<Activities />), handle: { title: '活动', parent: { title: '本站' } } },
    { path: 'my-station/records', element: page(<Records />), handle: { title: '服务记录', parent: { title: '本站' } } },
  ],
  menu: (user) =>
    isStationManager(user)
      ? [
          {
            key: 'my-station',
            label: '本站',
            type: 'group',
            children: [
              { key: `/stations/${user.stationId}`, label: <Link to={`/stations/${user.stationId}`}>站点资料</Link> },
              { key: '/my-station/activities', label: <Link to="/my-station/activities">活动</Link> },
              { key: '/my-station/records', label: <Link to="/my-station/records">服务记录</Link> },
            ],
          },
        ]
      : [],
};
