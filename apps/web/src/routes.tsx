import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from 'antd';
import { createBrowserRouter, Navigate } from 'react-router';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RequireSession } from './layout/RequireSession';
import SignInPage from './pages/SignIn';

// One chunk per page: ECharts ships only with the dashboard's chunk.
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Stations = lazy(() => import('./pages/Stations'));
const StationDetail = lazy(() => import('./pages/StationDetail'));
const Cycles = lazy(() => import('./pages/Cycles'));
const CycleCreate = lazy(() => import('./pages/CycleCreate'));
const CycleDetail = lazy(() => import('./pages/CycleDetail'));
const Activities = lazy(() => import('./pages/station/Activities'));
const Records = lazy(() => import('./pages/station/Records'));
const Home = lazy(() => import('./pages/Home'));

const page = (el: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{el}</Suspense>;

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage />, handle: { title: '登录' } },
  {
    path: '/',
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(<Home />) },
      { path: 'dashboard', element: page(<Dashboard />), handle: { title: '数据看板' } },
      { path: 'stations', element: page(<Stations />), handle: { title: '站点管理' } },
      { path: 'stations/:id', element: page(<StationDetail />), handle: { title: '站点详情', parent: { title: '站点管理', to: '/stations' } } },
      { path: 'campaign', element: page(<Cycles />), handle: { title: '年度创建活动' } },
      { path: 'campaign/new', element: page(<CycleCreate />), handle: { title: '发起创建活动', parent: { title: '年度创建活动', to: '/campaign' } } },
      { path: 'campaign/:id', element: page(<CycleDetail />), handle: { title: '创建活动详情', parent: { title: '年度创建活动', to: '/campaign' } } },
      { path: 'my-station/activities', element: page(<Activities />), handle: { title: '活动', parent: { title: '本站' } } },
      { path: 'my-station/records', element: page(<Records />), handle: { title: '服务记录', parent: { title: '本站' } } },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
