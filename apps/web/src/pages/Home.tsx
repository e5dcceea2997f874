import { Navigate } from 'react-router';
import { Result } from 'antd';
import { isOfficer, isStationManager, useSession } from '../auth/session';

export default function Home() {
  const user = useSession()?.user;
  if (isOfficer(user) || user?.roles.includes('INSPECTOR')) return <Navigate to="/dashboard" replace />;
  if (isStationManager(user)) return <Navigate to="/my-station/activities" replace />;
  return <Result status="info" title="当前角色没有可用的管理页面" subTitle="志愿者请使用手机端页面。" />;
}
