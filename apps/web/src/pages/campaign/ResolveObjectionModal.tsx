import { useMutation } from '@apollo/client/react';
import { App, Form, Input, Modal, Radio } from 'antd';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';

const RESOLVE = graphql(`
  mutation ResolveObjection($id: ID!, $upheld: Boolean!, $resolution: String!) {
    resolveObjection(id: $id, upheld: $upheld, resolution: $resolution) {
      id
      status
      resolution
    }
  }
`);

/** An objection is upheld (the candidate leaves the list) or dismissed, always with the reason. */
export function ResolveObjectionModal(props: {
  objection: { id: string; content: string } | null;
  stationName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ upheld: boolean; resolution: string }>();
  const [resolve, { loading, error, reset }] = useMutation(RESOLVE);
  const close = () => {
    reset();
    form.resetFields();
    props.onClose();
  };
  return (
    <Modal
      open={!!props.objection}
      title={`处理异议：${props.stationName}`}
      okText="提交"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="处理失败" />
      <p>异议内容：{props.objection?.content}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ upheld: false }}
        onFinish={(v) =>
          void (async () => {
            try {
              await resolve({
                variables: {
                  id: props.objection!.id,
                  upheld: v.upheld,
                  resolution: v.resolution,
                },
              });
              message.success('异议已处理');
              close();
              props.onDone();
            } catch (err) {
              const fields = platformErrors(err).flatMap((e) => e.fields);
              if (fields.length)
                form.setFields(
                  fields.map((f) => ({
                    name: f.field as never,
                    errors: [f.message],
                  })),
                );
            }
          })()
        }
      >
        <Form.Item name="upheld" label="处理结果" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: false, label: '异议不成立，保留公示对象' },
              { value: true, label: '异议成立，取消拟命名资格' },
            ]}
          />
        </Form.Item>
        <Form.Item name="resolution" label="处理意见" rules={[{ required: true, message: '请填写处理意见' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
