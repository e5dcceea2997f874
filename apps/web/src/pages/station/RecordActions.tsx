import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { ServiceQuality } from '../../gql/graphql';

export const VERIFY = graphql(`
  mutation VerifyRecord($id: ID!, $quality: ServiceQuality!) {
    verifyServiceRecord(id: $id, quality: $quality) {
      id
      status
      hours
      quality
    }
  }
`);

const REJECT = graphql(`
  mutation RejectRecord($id: ID!, $reason: String!) {
    rejectServiceRecord(id: $id, reason: $reason) {
      id
      status
      rejectReason
    }
  }
`);

const REVERSE = graphql(`
  mutation ReverseRecord($id: ID!, $reason: String!) {
    reverseServiceRecord(id: $id, reason: $reason) {
      reversed {
        id
        status
        reversalReason
      }
    }
  }
`);

type Kind = 'reject' | 'reverse';

/** One record's decisions: verify (with the chosen quality), reject or reverse with a reason. */
export function RecordActions({
  record,
  quality,
  onDone,
}: {
  record: { id: string; status: string };
  quality: ServiceQuality;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [verify, verified] = useMutation(VERIFY);
  const [reject, rejected] = useMutation(REJECT);
  const [reverse, reversed] = useMutation(REVERSE);
  const [open, setOpen] = useState<Kind | null>(null);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm<{ reason: string }>();
  const busy = verified.loading || rejected.loading || reversed.loading;

  const decide = async (reason: string) => {
    setError(undefined);
    try {
      if (open === 'reject') await reject({ variables: { id: record.id, reason } });
      else await reverse({ variables: { id: record.id, reason } });
      message.success(open === 'reject' ? '已驳回' : '已冲正');
      setOpen(null);
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      {record.status === 'PENDING' && (
        <Space size={0}>
          <Button
            type="link"
            loading={verified.loading}
            disabled={busy}
            data-testid={`verify-${record.id}`}
            onClick={() =>
              void verify({ variables: { id: record.id, quality } })
                .then(() => {
                  message.success('已审核通过');
                  onDone();
                })
                .catch((err: unknown) => message.error(err instanceof Error ? err.message : '审核失败'))
            }
          >
            通过
          </Button>
          <Button type="link" danger disabled={busy} onClick={() => setOpen('reject')}>
            驳回
          </Button>
        </Space>
      )}
      {record.status === 'VERIFIED' && (
        <Button type="link" danger disabled={busy} onClick={() => setOpen('reverse')}>
          冲正
        </Button>
      )}
      <Modal
        open={!!open}
        title={open === 'reject' ? '驳回服务记录' : '冲正已审核的记录'}
        okText={open === 'reject' ? '驳回' : '冲正'}
        okButtonProps={{ danger: true, loading: busy }}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => decide(v.reason))
            .catch(() => undefined)
        }
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <ErrorAlert error={error} title="操作失败" />
        {open === 'reverse' && <p>冲正后这条记录不再计入时长，已发放的积分将被收回；需要更正时请重新登记一条记录。</p>}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="原因"
            rules={[{ required: true, min: 2, message: '请填写原因（至少 2 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
