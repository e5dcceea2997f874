import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { consoleAreas } from './areas';
import { page } from './areas/page';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RequireSession } from './layout/RequireSession';
import SignInPage from './pages/SignIn';
import { publicRoutes } from './public/routes';
import { volunteerRoutes } from './volunteer/routes';

const Home = lazy(() => import('./pages/Home'));

/** What shows while the first route's loaders run: they only start work and return at once. */
const Blank = () => null;

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage />, handle: { title: '登录' } },
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
