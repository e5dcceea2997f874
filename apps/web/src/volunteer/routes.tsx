/** The volunteer pages: top-level routes outside the console layout (/me/…, /checkin/…). */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { getSession } from '../auth/session';
import { currentYear } from '../shanghai';
import { prefetchQuery } from '../prefetch';
import { VolunteerLayout } from './Layout';
import { BUSINESS_CLOCK } from '../clock';
import { MY_RECORD } from './queries';

const SignIn = lazy(() => import('./SignIn'));
const loadHome = () => import('./Home');
const Home = lazy(loadHome);
const Activities = lazy(() => import('./Activities'));
const CheckIn = lazy(() => import('./CheckIn'));
const Mine = lazy(() => import('./Mine'));
const Points = lazy(() => import('./Points'));
const Duty = lazy(() => import('./Duty'));

export const volunteerRoutes: RouteObject[] = [
  {
    path: '/me/signin',
    element: (
      <Suspense>
        <SignIn />
      </Suspense>
    ),
    handle: { title: '志愿者登录' },
  },
  {
    element: <VolunteerLayout />,
    HydrateFallback: () => null, // the loaders only start work and return at once
    children: [
      {
        path: '/me',
        // The first screen's chunk and query in parallel, before the shell renders (nothing is awaited here).
        loader: () => {
          if (getSession()) {
            void loadHome().catch(() => undefined); // a failed chunk is reported by the page's own import
            prefetchQuery(BUSINESS_CLOCK, {});
            prefetchQuery(MY_RECORD, { year: currentYear() });
          }
          return null;
        },
        element: <Home />,
      },
      { path: '/me/activities', element: <Activities /> },
      { path: '/me/mine', element: <Mine /> },
      { path: '/me/points', element: <Points /> },
      { path: '/me/duty', element: <Duty /> },
      { path: '/checkin', element: <CheckIn /> },
      { path: '/checkin/:code', element: <CheckIn /> },
    ],
  },
];
