/** The volunteer shell (mobile first): one column and a bottom tab bar 首页 / 活动 / 签到 / 我的. */
import { Suspense } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { Skeleton } from 'antd';
import { useSession } from '../auth/session';
import './volunteer.css';

const TABS = [
  { to: '/me', label: '首页', end: true },
  { to: '/me/activities', label: '活动', end: false },
  { to: '/checkin', label: '签到', end: false },
  { to: '/me/mine', label: '我的', end: false },
];

/** Pages under it need a signed-in person; the sign-in page comes back to where they were (e.g. a QR URL). */
export function VolunteerLayout() {
  const session = useSession();
  const location = useLocation();
  if (!session)
    return <Navigate to={`/me/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <div className="vol-shell">
      <main className="vol-main">
        <Suspense fallback={<Skeleton active />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="vol-tabs" aria-label="志愿者导航">
        {TABS.map((t) => (
          <NavLink
            key={t.to}
            to={t.to}
            end={t.end}
            className={({ isActive }) => (isActive ? 'vol-tab active' : 'vol-tab')}
          >
            {t.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
