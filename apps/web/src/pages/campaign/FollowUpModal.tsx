import { useMutation } from '@apollo/client/react';
import { App, Form, Input, Modal, Radio } from 'antd';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';

const FOLLOW_UP = graphql(`
  mutation FollowUpRectification($id: ID!, $met: Boolean!, $note: String) {
    followUpRectification(id: $id, met: $met, note: $note) {
      id
      status
      followUpNote
      followedUpOn
    }
  }
`);

/** 复查: an order is closed as rectified or not. */
export function FollowUpModal({
  order,
  onClose,
  onDone,
}: {
  order: { id: string; station: string } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ met: boolean; note?: string }>();
  const [followUp, { loading, error, reset }] = useMutation(FOLLOW_UP);
  const close = () => {
    reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={!!order}
      title={`整改复查：${order?.station ?? ''}`}
      okText="提交"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="复查失败" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ met: true }}
        onFinish={(v) =>
          void (async () => {
            try {
              await followUp({
                variables: {
                  id: order!.id,
                  met: v.met,
                  note: v.note || undefined,
                },
              });
              message.success('复查结果已记录');
              close();
              onDone();
            } catch {
              /* shown above */
            }
          })()
        }
      >
        <Form.Item name="met" label="复查结果">
          <Radio.Group
            options={[
              { value: true, label: '已整改到位' },
              { value: false, label: '未整改到位' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="复查说明">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
