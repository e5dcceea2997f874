import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { client } from '../apollo';
import { SignInError } from './errors';
import { setPassword } from './identity';

/** Setting or changing the account's password (loaded on first use by the account menu). */
export default function PasswordModal({
  hasPassword,
  open,
  onClose,
}: {
  hasPassword: boolean;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{
    password: string;
    confirm: string;
    currentPassword?: string;
  }>();

  const save = async (v: { password: string; currentPassword?: string }) => {
    setBusy(true);
    try {
      await setPassword(v.password, v.currentPassword);
      void message.success('密码已设置，今后可使用手机号 + 密码登录');
      onClose();
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

  return (
    <Modal
      title={hasPassword ? '修改密码' : '设置密码'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText="保存"
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        {hasPassword && (
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
                v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
