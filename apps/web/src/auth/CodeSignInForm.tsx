import { useEffect, useState } from 'react';
import { Button, Form, Input, Space, Typography } from 'antd';
import { requestSignInCode, signInWithCode } from './identity';

const PHONE = /^(\+?86)?\s*1[3-9]\d{9}$/;

/** Phone + 6-digit SMS code (identity's requestSignInCode / signInWithCode). */
export function CodeSignInForm({ onSignedIn, onError }: { onSignedIn(): void; onError(message?: string): void }) {
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const send = async () => {
    const { phone } = await form.validateFields(['phone']);
    setSending(true);
    onError(undefined);
    try {
      const sent = await requestSignInCode(phone.trim());
      setSentTo(sent.phoneMasked);
      setWait(Math.max(sent.resendAfterSeconds, 1));
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setSending(false);
    }
  };

  const submit = async (v: { phone: string; code: string }) => {
    setBusy(true);
    onError(undefined);
    try {
      await signInWithCode(v.phone.trim(), v.code.trim());
      onSignedIn();
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
      <Form.Item
        name="phone"
        label="手机号"
        rules={[
          { required: true, message: '请输入手机号' },
          { pattern: PHONE, message: '请输入 11 位手机号' },
        ]}
      >
        <Input inputMode="tel" autoComplete="tel" maxLength={16} placeholder="11 位手机号" />
      </Form.Item>
      <Form.Item label="验证码" required={false}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[
              { required: true, message: '请输入验证码' },
              { pattern: /^\d{6}$/, message: '验证码为 6 位数字' },
            ]}
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="6 位验证码"
              aria-label="验证码"
            />
          </Form.Item>
          <Button onClick={() => void send()} loading={sending} disabled={wait > 0} data-testid="send-code">
            {wait > 0 ? `${wait} 秒后重发` : sentTo ? '重新获取' : '获取验证码'}
          </Button>
        </Space.Compact>
      </Form.Item>
      {sentTo && (
        <Typography.Paragraph type="secondary" data-testid="code-sent" style={{ marginTop: -8 }}>
          验证码已发送至 {sentTo}，5 分钟内有效。
        </Typography.Paragraph>
      )}
      <Button type="primary" htmlType="submit" block loading={busy}>
        登录
      </Button>
    </Form>
  );
}
