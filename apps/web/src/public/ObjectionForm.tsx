/** The public objection form of a 公示 (no account): name, phone proven by an SMS code, reason ≤ 500 字. */
import { useMutation } from '@apollo/client/react';
import { Button, Card, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert, platformErrors } from '../errors';
import { graphql } from '../gql';

const REQUEST_CODE = graphql(`
  mutation RequestObjectionCode($phone: String!) {
    requestPhoneVerificationCode(phone: $phone, purpose: OBJECTION) {
      phoneMasked
      resendAfterSeconds
    }
  }
`);

const VERIFY_PHONE = graphql(`
  mutation VerifyObjectionPhone($phone: String!, $code: String!) {
    verifyPhone(phone: $phone, code: $code, purpose: OBJECTION) {
      token
    }
  }
`);

const FILE = graphql(`
  mutation FilePublicObjection($input: PublicObjectionInput!) {
    filePublicObjection(input: $input) {
      id
      filedAt
    }
  }
`);

const PHONE = /^(\+?86)?\s*1[3-9]\d{9}$/;
const REASON_MAX = 500;

interface Values {
  applicationId: string;
  name: string;
  phone: string;
  code: string;
  reason: string;
}

export function ObjectionForm({
  noticeId,
  candidates,
}: {
  noticeId: string;
  candidates: { applicationId: string; name: string }[];
}) {
  const [form] = Form.useForm<Values>();
  const [requestCode, requesting] = useMutation(REQUEST_CODE);
  const [verifyPhone, verifying] = useMutation(VERIFY_PHONE);
  const [file, filing] = useMutation(FILE);
  const [sentTo, setSentTo] = useState<string>();
  const [wait, setWait] = useState(0);
  // A proof verified for this phone, kept for a retry after a refused filing. Its expiry is business time,
  // which the browser's clock cannot judge: the platform says when it has lapsed (PHONE_PROOF_INVALID).
  const [proof, setProof] = useState<{ phone: string; token: string }>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const send = async () => {
    const { phone } = await form.validateFields(['phone']);
    setError(undefined);
    try {
      const r = await requestCode({ variables: { phone: phone.trim() } });
      const sent = r.data?.requestPhoneVerificationCode;
      setSentTo(sent?.phoneMasked);
      setWait(Math.max(sent?.resendAfterSeconds ?? 60, 1));
    } catch (err) {
      setError(err);
    }
  };

  const submit = async (v: Values) => {
    setError(undefined);
    try {
      const phone = v.phone.trim();
      let token = proof && proof.phone === phone ? proof.token : undefined;
      if (!token) {
        const r = await verifyPhone({
          variables: { phone, code: v.code.trim() },
        });
        const verified = r.data?.verifyPhone;
        if (!verified) return;
        setProof({ phone, token: verified.token });
        token = verified.token;
      }
      await file({
        variables: {
          input: {
            noticeId,
            applicationId: v.applicationId,
            name: v.name.trim(),
            phoneProof: token,
            reason: v.reason.trim(),
          },
        },
      });
      setDone(true);
    } catch (err) {
      // A lapsed or refused proof: the next submission asks for a new code.
      if (platformErrors(err).some((e) => e.code?.startsWith('PHONE_PROOF_'))) setProof(undefined);
      setError(err);
    }
  };

  if (done) {
    return (
      <Card data-testid="objection-done">
        <Result
          status="success"
          title="异议已提交"
          subTitle="公示单位将依规核实处理，必要时通过您留下的手机号与您联系。"
        />
      </Card>
    );
  }
  return (
    <Card title="实名提出异议" data-testid="objection-form" style={{ marginTop: 12 }}>
      <Typography.Paragraph type="secondary">请如实填写。手机号仅用于核实和回复，不会公开。</Typography.Paragraph>
      <ErrorAlert error={error} title="提交失败" />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        requiredMark={false}
        initialValues={{ applicationId: candidates[0]?.applicationId }}
      >
        <Form.Item name="applicationId" label="异议对象" rules={[{ required: true, message: '请选择异议对象' }]}>
          <Select
            data-testid="objection-candidate"
            options={candidates.map((c) => ({
              value: c.applicationId,
              label: c.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { max: 30, message: '姓名不超过 30 个字' },
          ]}
        >
          <Input autoComplete="name" maxLength={30} placeholder="真实姓名" data-testid="objection-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[
            { required: true, message: '请输入手机号' },
            { pattern: PHONE, message: '请输入 11 位手机号' },
          ]}
        >
          <Input
            inputMode="tel"
            autoComplete="tel"
            maxLength={16}
            placeholder="11 位手机号"
            data-testid="objection-phone"
          />
        </Form.Item>
        <Form.Item label="验证码" required={false}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="code"
              noStyle
              rules={[
                { required: !proof, message: '请输入验证码' },
                { pattern: /^\d{6}$/, message: '验证码为 6 位数字' },
              ]}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder="6 位验证码"
                aria-label="验证码"
                data-testid="objection-code"
              />
            </Form.Item>
            <Button
              onClick={() => void send()}
              loading={requesting.loading}
              disabled={wait > 0}
              data-testid="objection-send-code"
            >
              {wait > 0 ? `${wait} 秒后重发` : sentTo ? '重新获取' : '获取验证码'}
            </Button>
          </Space.Compact>
        </Form.Item>
        {sentTo && (
          <Typography.Paragraph type="secondary" data-testid="objection-code-sent" style={{ marginTop: -8 }}>
            验证码已发送至 {sentTo}，5 分钟内有效。
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label="异议理由"
          rules={[
            { required: true, whitespace: true, message: '请填写异议理由' },
            { min: 5, message: '异议理由至少 5 个字' },
            { max: REASON_MAX, message: `异议理由不超过 ${REASON_MAX} 字` },
          ]}
        >
          <Input.TextArea
            rows={5}
            showCount
            maxLength={REASON_MAX}
            placeholder="请写明具体事实和依据"
            data-testid="objection-reason"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={verifying.loading || filing.loading}
          data-testid="objection-submit"
        >
          提交异议
        </Button>
      </Form>
    </Card>
  );
}
