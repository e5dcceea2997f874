import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Space } from 'antd';
import { useNavigate } from 'react-router';
import { client } from '../apollo';
import { SignInError } from './errors';
import { useMyAccount } from './GrantSwitcher';
import { setPassword } from './identity';
import { signOutAndWait } from './session';

/** The header's account menu: set a password (officers holding a grant), sign out (ends the session on the server). */
export function AccountMenu() {
  const me = useMyAccount();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{
    password: string;
    confirm: string;
    currentPassword?: string;
  }>();

  const out = async () => {
    await signOutAndWait();
    await client.clearStore();
    void navigate('/signin');
  };

  const save = async (v: { password: string; currentPassword?: string }) => {
    setBusy(true);
    try {
      await setPassword(v.password, v.currentPassword);
      void message.success('密码已设置，今后可使用手机号 + 密码登录');
      setOpen(false);
      form.resetFields();
      await client.refetchQueries({ include: ['MyGrants'] });
    } catch (err) {
      const field = err instanceof SignInError ? (err.extensions.field as string | undefined) : undefined;
      if (field === 'password' || field === 'currentPassword')
        form.setFields([{ name: field, errors: [(err as Error).message] }]);
      else void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!me || me.grants.length === 0) {
    return (
      <Button size="small" onClick={() => void out()}>
        退出
      </Button>
    );
  }
  return (
    <>
      <Space.Compact size="small">
        <Dropdown
          menu={{
            items: [
              {
                key: 'password',
                label: me.hasPassword ? '修改密码' : '设置密码',
              },
            ],
            onClick: () => setOpen(true),
          }}
        >
          <Button size="small" data-testid="account-menu">
            账号
          </Button>
        </Dropdown>
        <Button size="small" onClick={() => void out()}>
          退出
        </Button>
      </Space.Compact>
      <Modal
        title={me.hasPassword ? '修改密码' : '设置密码'}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
          {me.hasPassword && (
            <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          )}
          <Form.Item
            name="password"
            label="新密码"
            extra="至少 12 个字符，可使用空格和中文"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 12, message: '密码至少 12 个字符' },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
