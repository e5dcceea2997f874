import { lazy } from 'react';
import { Link } from 'react-router';
import { isOfficer } from '../auth/session';
import type { ConsoleArea } from './area';
import { page } from './page';

const StationImport = lazy(() => import('../pages/imports/StationImport'));
const VolunteerImport = lazy(() => import('../pages/imports/VolunteerImport'));

/**
 * Imports from XLSX templates: officers' stations (/stations/import, ranked above /stations/:id by the
 * router's static segment; the officers' menu highlights 站点管理 there) and a station's volunteers
 * (/my-station/import; its menu entry is in 本站).
 */
export const importsArea: ConsoleArea = {
  routes: [
    {
      path: 'stations/import',
      element: page(<StationImport />),
      handle: {
        title: '导入站点',
        parent: { title: '站点管理', to: '/stations' },
      },
    },
    {
      path: 'my-station/import',
      element: page(<VolunteerImport />),
      handle: { title: '导入志愿者', parent: { title: '本站' } },
    },
  ],
  menu: (user) =>
    isOfficer(user)
      ? [
          {
            key: '/stations/import',
            label: <Link to="/stations/import">导入站点</Link>,
          },
        ]
      : [],
};
