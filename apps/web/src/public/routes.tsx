/** Public pages (no login, outside the console layout): /publicity/<id>. */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';

const Publicity = lazy(() => import('./Publicity'));

export const publicRoutes: RouteObject[] = [
  {
    path: '/publicity/:id',
    element: (
      <Suspense>
        <Publicity />
      </Suspense>
    ),
    handle: { title: '公示' },
  },
];
