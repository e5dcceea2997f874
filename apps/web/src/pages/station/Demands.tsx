import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { DemandKind } from '../../gql/graphql';
import { fmtDateTime, fmtHours, TZ } from '../../format';

const DEMANDS = graphql(`
  query MyStationDemands($id: ID!) {
    station(id: $id) {
      id
      activities {
        id
        title
      }
      demands {
        id
        kind
        requester
        description
        skill
        windowStart
        windowEnd
        status
        activity {
          id
          title
        }
        matchedVolunteer {
          id
          name
        }
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateDemand($input: DemandInput!) {
    createDemand(input: $input) {
      id
    }
  }
`);

const SUGGESTIONS = graphql(`
  query MatchSuggestions($id: ID!) {
    matchSuggestions(demandId: $id) {
      skillMatched
      hoursThisYear
      volunteer {
        id
        name
        skills
      }
    }
  }
`);

const ACCEPT = graphql(`
  mutation AcceptMatch($demandId: ID!, $volunteerId: ID!) {
    acceptMatch(demandId: $demandId, volunteerId: $volunteerId) {
      id
      status
    }
  }
`);

const KIND: Record<DemandKind, string> = {
  PAIRING: '结对帮扶',
  ACTIVITY: '活动服务',
};
const STATUS: Record<string, [string, string]> = {
  OPEN: ['待对接', 'orange'],
  MATCHED: ['已对接', 'green'],
  CLOSED: ['已关闭', 'default'],
};

function Suggestions({
  demandId,
  onClose,
  onDone,
}: {
  demandId: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const { data, loading, error } = useQuery(SUGGESTIONS, {
    variables: { id: demandId ?? '' },
    skip: !demandId,
    fetchPolicy: 'network-only',
  });
  const [accept, accepted] = useMutation(ACCEPT);
  return (
    <Modal open={!!demandId} title="匹配志愿者" footer={null} onCancel={onClose} width={640}>
      <ErrorAlert error={error ?? accepted.error} title="操作失败" />
      <Table
        size="small"
        rowKey={(r) => r.volunteer?.id ?? ''}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data?.matchSuggestions ?? []}
        locale={{ emptyText: '没有合适的志愿者：有该特长、时段空闲的在册成员' }}
        columns={[
          { title: '志愿者', render: (_, r) => r.volunteer?.name ?? '—' },
          {
            title: '特长',
            render: (_, r) => r.volunteer?.skills.join('、') || '—',
          },
          {
            title: '本年时长',
            align: 'right',
            render: (_, r) => fmtHours(r.hoursThisYear),
          },
          {
            title: '',
            render: (_, r) => (
              <Button
                type="link"
                loading={accepted.loading}
                onClick={() =>
                  r.volunteer &&
                  void accept({
                    variables: {
                      demandId: demandId!,
                      volunteerId: r.volunteer.id,
                    },
                  })
                    .then(() => {
                      message.success('已对接');
                      onDone();
                    })
                    .catch(() => undefined)
                }
              >
                对接
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}

/** 需求对接: demands for pairing or activity service, suggestions by skill and availability, accept a match. */
export default function Demands() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(DEMANDS, {
    variables: { id: stationId },
    skip: !stationId,
  });
  const [create, created] = useMutation(CREATE);
  const [matching, setMatching] = useState<string | null>(null);
  const [form] = Form.useForm<{
    kind: DemandKind;
    requester: string;
    description: string;
    skill?: string;
    start: string;
    end: string;
    activityId?: string;
  }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? created.error} title="操作失败" />
      <Card size="small" title="登记需求">
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ kind: 'PAIRING' }}
          disabled={created.loading}
          onFinish={(v) =>
            void (async () => {
              try {
                const input = {
                  stationId,
                  kind: v.kind,
                  requester: v.requester,
                  description: v.description,
                  skill: v.skill || null,
                  windowStart: dayjs.tz(v.start, TZ).toISOString(),
                  windowEnd: dayjs.tz(v.end, TZ).toISOString(),
                  activityId: v.kind === 'ACTIVITY' ? v.activityId : null,
                };
                await create({ variables: { input } });
                message.success('需求已登记');
                form.resetFields();
                void refetch();
              } catch {
                /* shown above */
              }
            })()
          }
        >
          <Space wrap>
            <Form.Item name="kind" label="类型">
              <Select
                style={{ width: 140 }}
                options={Object.entries(KIND).map(([value, l]) => ({
                  value,
                  label: l,
                }))}
              />
            </Form.Item>
            {kind === 'ACTIVITY' && (
              <Form.Item name="activityId" label="活动" rules={[{ required: true, message: '请选择活动' }]}>
                <Select
                  style={{ width: 200 }}
                  options={(data?.station?.activities ?? []).map((a) => ({
                    value: a.id,
                    label: a.title,
                  }))}
                />
              </Form.Item>
            )}
            <Form.Item name="requester" label="需求方" rules={[{ required: true, message: '请填写需求方' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="skill" label="所需特长">
              <Input maxLength={30} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label="需求内容" rules={[{ required: true, message: '请填写需求内容' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="start" label="开始" rules={[{ required: true, message: '请选择开始时间' }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="end" label="结束" rules={[{ required: true, message: '请选择结束时间' }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Space>
          <div>
            <Button type="primary" htmlType="submit" loading={created.loading}>
              登记
            </Button>
          </div>
        </Form>
      </Card>
      <Card size="small" title="需求与对接">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data?.station?.demands ?? []}
          locale={{ emptyText: '还没有需求：在上方登记' }}
          columns={[
            { title: '类型', render: (_, d) => KIND[d.kind] },
            { title: '需求方', dataIndex: 'requester' },
            { title: '内容', dataIndex: 'description' },
            { title: '特长', render: (_, d) => d.skill ?? '—' },
            {
              title: '时间',
              render: (_, d) => `${fmtDateTime(d.windowStart)} 至 ${fmtDateTime(d.windowEnd)}`,
            },
            {
              title: '状态',
              render: (_, d) => <Tag color={STATUS[d.status]?.[1]}>{STATUS[d.status]?.[0] ?? d.status}</Tag>,
            },
            {
              title: '对接志愿者',
              render: (_, d) => d.matchedVolunteer?.name ?? '—',
            },
            {
              title: '',
              render: (_, d) =>
                d.status === 'OPEN' && (
                  <Button type="link" onClick={() => setMatching(d.id)}>
                    匹配
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Suggestions
        demandId={matching}
        onClose={() => setMatching(null)}
        onDone={() => {
          setMatching(null);
          void refetch();
        }}
      />
    </Space>
  );
}
