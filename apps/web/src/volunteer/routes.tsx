/** The volunteer pages: top-level routes outside the console layout (/me/…, /checkin/…). */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { VolunteerLayout } from './Layout';

const SignIn = lazy(() => import('./SignIn'));
const Home = lazy(() => import('./Home'));
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
    children: [
      { path: '/me', element: <Home /> },
      { path: '/me/activities', element: <Activities /> },
      { path: '/me/mine', element: <Mine /> },
      { path: '/me/points', element: <Points /> },
      { path: '/me/duty', element: <Duty /> },
      { path: '/checkin', element: <CheckIn /> },
      { path: '/checkin/:code', element: <CheckIn /> },
    ],
  },
];
