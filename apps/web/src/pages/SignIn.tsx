import { useEffect, useState } from 'react';
import { Alert, Card, Tabs, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { CodeSignInForm } from '../auth/CodeSignInForm';
import { DevSignInForm } from '../auth/DevSignInForm';
import { PasswordSignInForm } from '../auth/PasswordSignInForm';
import { devSignInAvailable, useSession } from '../auth/session';

/**
 * Sign-in through the identity service: mobile number + SMS code, or an officer's password. Outside
 * production the gateway's development grant chooser is offered as a last tab.
 */
export default function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [dev, setDev] = useState(false);
  const next = params.get('next') || '/';

  useEffect(() => {
    let live = true;
    void devSignInAvailable().then((yes) => live && setDev(yes));
    return () => {
      live = false;
    };
  }, []);

  if (session) return <Navigate to={next} replace />;
  const done = () => navigate(next, { replace: true });
  const props = { onSignedIn: done, onError: setError };

  const items = [
    {
      key: 'code',
      label: '验证码登录',
      children: <CodeSignInForm {...props} />,
    },
    {
      key: 'password',
      label: '密码登录',
      children: <PasswordSignInForm {...props} />,
    },
    ...(dev
      ? [
          {
            key: 'dev',
            label: '开发环境',
            children: <DevSignInForm {...props} />,
          },
        ]
      : []),
  ];

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f5f5',
        padding: 12,
      }}
    >
      <Card style={{ width: 420, maxWidth: '100%' }} title="学雷锋志愿服务站管理平台">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
        <Tabs items={items} onChange={() => setError(undefined)} destroyOnHidden />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          首次使用手机号登录即自动开通账号；管理员的授权由上级邀请。登录状态仅保存在本标签页。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
