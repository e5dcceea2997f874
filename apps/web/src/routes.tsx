import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { consoleAreas } from './areas';
import { page } from './areas/page';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RequireSession } from './layout/RequireSession';
import { publicRoutes } from './public/routes';
import { volunteerRoutes } from './volunteer/routes';

const Home = lazy(() => import('./pages/Home'));
// Sign-in is its own chunk (forms for three methods): a signed-in officer's first screen does not pay for it.
const SignInPage = lazy(() => import('./pages/SignIn'));

/** What shows while the first route's loaders run: they only start work and return at once. */
const Blank = () => null;

export const router = createBrowserRouter([
  { path: '/signin', element: page(<SignInPage />), handle: { title: '登录' } },
  // Volunteer (mobile) pages: outside the console layout.
  ...volunteerRoutes,
  // Public pages (no login).
  ...publicRoutes,
  {
    path: '/',
    HydrateFallback: Blank,
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(<Home />) },
      ...consoleAreas.flatMap((area) => area.routes),
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
