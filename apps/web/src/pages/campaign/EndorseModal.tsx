import { useMutation } from '@apollo/client/react';
import { App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';
import type { EndorsementDecision } from '../../gql/graphql';
import { DECISION } from '../../format';

const ENDORSE = graphql(`
  mutation EndorseApplication($id: ID!, $input: EndorseInput!) {
    endorseApplication(id: $id, input: $input) {
      id
      status
      currentStage
      outstanding
      endorsements {
        stage
        decision
        comment
        signer
        signedAt
      }
    }
  }
`);

interface Values {
  decision: EndorsementDecision;
  comment: string;
  outstanding?: boolean;
  outstandingReason?: string;
}

/** Signs the opinion of the officer's level: recommend, return for edits or reject, always with a comment. */
export function EndorseModal({
  app,
  onClose,
  onDone,
}: {
  app: { id: string; station: { name: string } } | null;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [endorse, { loading, error, reset }] = useMutation(ENDORSE);
  const outstanding = Form.useWatch('outstanding', form);
  const close = () => {
    reset();
    form.resetFields();
    onClose();
  };
  const submit = async (v: Values) => {
    try {
      const input = {
        decision: v.decision,
        comment: v.comment,
        outstanding: v.outstanding || undefined,
        outstandingReason: v.outstanding ? v.outstandingReason : undefined,
      };
      await endorse({ variables: { id: app!.id, input } });
      message.success('审核意见已提交');
      close();
      onDone?.();
    } catch (err) {
      // Field errors next to their fields; the whole message above the form.
      const fields = platformErrors(err).flatMap((e) => e.fields);
      if (fields.length)
        form.setFields(
          fields.map((f) => ({
            name: f.field.replace(/^input\./, '') as never,
            errors: [f.message],
          })),
        );
    }
  };
  return (
    <Modal
      open={!!app}
      title={app ? `审核：${app.station.name}` : ''}
      okText="提交"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="提交失败" />
      <Form form={form} layout="vertical" initialValues={{ decision: 'RECOMMEND' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="decision" label="审核意见" rules={[{ required: true }]}>
          <Radio.Group
            options={(['RECOMMEND', 'RETURN', 'REJECT'] as const).map((d) => ({
              value: d,
              label: DECISION[d],
            }))}
          />
        </Form.Item>
        <Form.Item name="comment" label="意见说明" rules={[{ required: true, message: '请填写意见说明' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="outstanding" valuePropName="checked">
          <Checkbox>事迹特别突出（不占县级推荐名额）</Checkbox>
        </Form.Item>
        {outstanding && (
          <Form.Item name="outstandingReason" label="突出事迹" rules={[{ required: true, message: '请填写突出事迹' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
