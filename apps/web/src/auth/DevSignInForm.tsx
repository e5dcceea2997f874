import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { ROLE_NAMES, setToken, signIn, type Role } from './session';

const ROLES: Role[] = ['PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN', 'STATION_MANAGER', 'INSPECTOR'];

/** Development only: a token for a chosen grant from the gateway's `POST /dev/token`, or a pasted one. */
export function DevSignInForm({ onSignedIn, onError }: { onSignedIn(): void; onError(message?: string): void }) {
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;

  const submit = async (values: { role: Role; regionCode?: string; stationId?: string }) => {
    setBusy(true);
    onError(undefined);
    try {
      const manager = values.role === 'STATION_MANAGER';
      await signIn({
        role: values.role,
        regionCode: manager ? undefined : values.regionCode,
        stationId: manager ? values.stationId : undefined,
      });
      onSignedIn();
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ role: 'CITY_ADMIN', regionCode: '430100' }}
      >
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        {role === 'STATION_MANAGER' ? (
          <Form.Item name="stationId" label="站点编号" rules={[{ required: true, message: '请输入站点编号' }]}>
            <Input placeholder="站点 ID" />
          </Form.Item>
        ) : (
          <Form.Item
            name="regionCode"
            label="行政区划代码"
            rules={[{ pattern: /^\d{6}$/, message: '应为 6 位数字，如 430100' }]}
          >
            <Input placeholder="如 430100（长沙市）" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={busy}>
          按授权登录
        </Button>
      </Form>
      <Form
        layout="vertical"
        style={{ marginTop: 24 }}
        onFinish={(v: { token: string }) => {
          try {
            setToken(v.token.trim());
            onSignedIn();
          } catch {
            onError('凭证格式不正确');
          }
        }}
      >
        <Form.Item name="token" label="开发凭证（npm run token）" rules={[{ required: true, message: '请粘贴凭证' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button htmlType="submit" block>
          使用凭证登录
        </Button>
      </Form>
    </>
  );
}
