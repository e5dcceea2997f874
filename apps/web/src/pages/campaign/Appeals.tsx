import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';
import type { TitleRowFragment } from '../../gql/graphql';
import { myStage, useSession } from '../../auth/session';
import { fmtDate, label, TITLE_LEVEL } from '../../format';
import { APPEAL_STATUS } from './labels';
import { useServerPage } from './paging';
import { REGION_APPEALS } from './titleQuery';

const DECIDE = graphql(`
  mutation DecideAppeal($titleId: ID!, $reinstate: Boolean!, $comment: String!) {
    decideAppeal(titleId: $titleId, reinstate: $reinstate, comment: $comment) {
      id
      status
      reinstatedOn
      history
      appeal {
        reason
        status
        comment
      }
    }
  }
`);

type Title = TitleRowFragment;

function DecideModal({ title, onClose, onDone }: { title: Title | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reinstate: boolean; comment: string }>();
  const [decide, { loading, error, reset }] = useMutation(DECIDE);
  const close = () => {
    reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={!!title}
      title={`处理申诉：${title?.station.name ?? ''}`}
      okText="提交"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="处理失败" />
      <p>申诉理由：{title?.appeal?.reason}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reinstate: false }}
        onFinish={(v) =>
          void (async () => {
            try {
              await decide({
                variables: {
                  titleId: title!.id,
                  reinstate: v.reinstate,
                  comment: v.comment,
                },
              });
              message.success('申诉已处理');
              close();
              onDone();
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
        <Form.Item name="reinstate" label="处理结果">
          <Radio.Group
            options={[
              { value: true, label: '恢复称号' },
              { value: false, label: '驳回申诉' },
            ]}
          />
        </Form.Item>
        <Form.Item name="comment" label="处理意见" rules={[{ required: true, message: '请填写处理意见' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申诉: appeals against a revocation (摘牌) in the officer's region, decided by the issuing level. */
export default function Appeals() {
  const user = useSession()?.user;
  const code = user?.regionCode ?? '';
  const { first, offset, pagination } = useServerPage();
  const { data, previousData, loading, error, refetch } = useQuery(REGION_APPEALS, {
    variables: { code, first, offset },
    skip: !code,
  });
  const [deciding, setDeciding] = useState<Title | null>(null);
  const page = (data ?? previousData)?.region?.appeals;
  const appealed = (page?.edges ?? []).map((e) => e.node);
  return (
    <Card size="small" title="申诉处理" extra={<span data-testid="appeals-total">共 {page?.totalCount ?? 0} 件</span>}>
      <ErrorAlert error={error} title="申诉加载失败" />
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        pagination={pagination(page?.totalCount)}
        scroll={{ x: 'max-content' }}
        dataSource={appealed}
        data-testid="appeals-table"
        locale={{ emptyText: '暂无申诉：被摘牌的站点可在本站页面提出申诉' }}
        columns={[
          { title: '站点', render: (_, t) => t.station.name },
          { title: '级别', render: (_, t) => label(TITLE_LEVEL, t.level) },
          {
            title: '摘牌',
            render: (_, t) => `${fmtDate(t.revokedOn)} ${t.revokedReason ?? ''}`,
          },
          { title: '申诉理由', render: (_, t) => t.appeal!.reason },
          {
            title: '状态',
            render: (_, t) => (
              <Tag color={t.appeal!.status === 'OPEN' ? 'orange' : 'default'}>
                {label(APPEAL_STATUS, t.appeal!.status)}
              </Tag>
            ),
          },
          { title: '处理意见', render: (_, t) => t.appeal!.comment ?? '—' },
          {
            title: '操作',
            render: (_, t) =>
              // The level that conferred the title decides (a city title: the city group).
              t.appeal!.status === 'OPEN' && t.level === myStage(user) ? (
                <Button type="link" onClick={() => setDeciding(t)}>
                  处理
                </Button>
              ) : t.appeal!.status === 'OPEN' ? (
                `待${label(TITLE_LEVEL, t.level)}处理`
              ) : null,
          },
        ]}
      />
      <DecideModal title={deciding} onClose={() => setDeciding(null)} onDone={() => void refetch()} />
    </Card>
  );
}
