import { lazy } from 'react';
import { Link } from 'react-router';
import { isOfficer } from '../auth/session';
import type { ConsoleArea } from './area';
import { page } from './page';

const VolunteerSearch = lazy(() => import('../pages/people/VolunteerSearch'));

/** Officers and inspectors: finding volunteers (by name, phone through the keyed hash, region, status). */
export const peopleArea: ConsoleArea = {
  routes: [
    {
      path: 'volunteers',
      element: page(<VolunteerSearch />),
      handle: { title: '志愿者' },
    },
  ],
  menu: (user) =>
    isOfficer(user) || user.roles.includes('INSPECTOR')
      ? [{ key: '/volunteers', label: <Link to="/volunteers">志愿者</Link> }]
      : [],
};
