/** Volunteer sign-in by mobile number and SMS code (identity service); back to `next` afterwards. */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { requestSignInCode, signInWithCode } from '../auth/identity';
import { errorText } from '../errors';
import './volunteer.css';

/** Only paths of this app (never another origin) are followed after sign-in. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/me');

export default function VolunteerSignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await requestSignInCode(phone.trim());
      setSent(r.phoneMasked);
      void message.success(`验证码已发送至 ${r.phoneMasked}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await signInWithCode(phone.trim(), code.trim());
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <div className="vol-shell">
      <main className="vol-main">
        <Typography.Title level={3}>志愿者登录</Typography.Title>
        <Card>
          <Form layout="vertical" onFinish={() => void (sent ? submit() : send())}>
            <Form.Item label="手机号" htmlFor="vol-phone">
              <Input
                id="vol-phone"
                size="large"
                inputMode="numeric"
                maxLength={11}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                placeholder="请输入手机号"
              />
            </Form.Item>
            {sent && (
              <Form.Item label="验证码" htmlFor="vol-code" extra={`已发送至 ${sent}，5 分钟内有效`}>
                <Input
                  id="vol-code"
                  size="large"
                  inputMode="numeric"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  placeholder="6 位数字"
                />
              </Form.Item>
            )}
            {error ? (
              <Alert
                type="error"
                showIcon
                title={errorText(error)}
                style={{ marginBottom: 12 }}
                data-testid="error-alert"
              />
            ) : null}
            <Button
              block
              type="primary"
              htmlType="submit"
              className="vol-big-button"
              loading={busy}
              disabled={!/^1\d{10}$/.test(phone.trim())}
            >
              {sent ? '登录' : '获取验证码'}
            </Button>
            {sent && (
              <Button block type="link" onClick={() => void send()} disabled={busy}>
                重新发送验证码
              </Button>
            )}
          </Form>
        </Card>
        <Typography.Paragraph type="secondary">
          首次登录即注册账号；已由站点登记的志愿者，登录后自动关联志愿者档案。
        </Typography.Paragraph>
      </main>
    </div>
  );
}
