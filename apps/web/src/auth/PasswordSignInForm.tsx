import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { signInWithPassword } from './identity';

/** Officers who set a password (after an SMS sign-in) may sign in with phone + password. */
export function PasswordSignInForm({ onSignedIn, onError }: { onSignedIn(): void; onError(message?: string): void }) {
  const [busy, setBusy] = useState(false);
  const submit = async (v: { phone: string; password: string }) => {
    setBusy(true);
    onError(undefined);
    try {
      await signInWithPassword(v.phone.trim(), v.password);
      onSignedIn();
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
      <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请输入手机号' }]}>
        <Input inputMode="tel" autoComplete="username" maxLength={16} placeholder="11 位手机号" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        登录
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        仅限已设置密码的管理人员；首次请使用验证码登录后在右上角“设置密码”。
      </Typography.Paragraph>
    </Form>
  );
}
