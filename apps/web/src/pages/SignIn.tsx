import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Tabs, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ROLE_NAMES, setToken, signIn, useSession, type Role } from '../auth/session';

const ROLES: Role[] = ['PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN', 'STATION_MANAGER', 'INSPECTOR'];

/** Development sign-in (the identity service's flow replaces it: see auth/session.ts). */
export default function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  const next = params.get('next') || '/';
  if (session) return <Navigate to={next} replace />;

  const submit = async (values: { role: Role; regionCode?: string; stationId?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn({ role: values.role, regionCode: values.role === 'STATION_MANAGER' ? undefined : values.regionCode, stationId: values.role === 'STATION_MANAGER' ? values.stationId : undefined });
      navigate(next, { replace: true });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 12 }}>
      <Card style={{ width: 420, maxWidth: '100%' }} title="学雷锋志愿服务站管理平台">
        <Alert type="warning" showIcon title="开发环境登录：正式环境使用统一身份认证" style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
        <Tabs
          items={[
            {
              key: 'grant',
              label: '按授权登录',
              children: (
                <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'CITY_ADMIN', regionCode: '430100' }}>
                  <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
                    <Select options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
                  </Form.Item>
                  {role === 'STATION_MANAGER' ? (
                    <Form.Item name="stationId" label="站点编号" rules={[{ required: true, message: '请输入站点编号' }]}>
                      <Input placeholder="站点 ID" />
                    </Form.Item>
                  ) : (
                    <Form.Item name="regionCode" label="行政区划代码" rules={[{ pattern: /^\d{6}$/, message: '应为 6 位数字，如 430100' }]}>
                      <Input placeholder="如 430100（长沙市）" />
                    </Form.Item>
                  )}
                  <Button type="primary" htmlType="submit" block loading={busy}>
                    登录
                  </Button>
                </Form>
              ),
            },
            {
              key: 'token',
              label: '粘贴凭证',
              children: (
                <Form
                  layout="vertical"
                  onFinish={(v: { token: string }) => {
                    try {
                      setToken(v.token.trim());
                      navigate(next, { replace: true });
                    } catch {
                      setError('凭证格式不正确');
                    }
                  }}
                >
                  <Form.Item name="token" label="开发凭证（npm run token）" rules={[{ required: true, message: '请粘贴凭证' }]}>
                    <Input.TextArea rows={4} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block>
                    使用凭证登录
                  </Button>
                </Form>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          凭证仅保存在本标签页，关闭后需重新登录。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
