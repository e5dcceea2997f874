import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { PairingKind } from '../../gql/graphql';
import { fmtDate } from '../../format';

const PAIRINGS = graphql(`
  query MyStationPairings($id: ID!, $includeEnded: Boolean) {
    station(id: $id) {
      id
      members {
        id
        volunteer {
          id
          name
        }
      }
      pairings(includeEnded: $includeEnded) {
        id
        kind
        startedOn
        endedOn
        note
        volunteers {
          id
          name
        }
        beneficiaries {
          name
          note
        }
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreatePairing($input: PairingInput!) {
    createPairing(input: $input) {
      id
    }
  }
`);

const END = graphql(`
  mutation EndPairing($id: ID!) {
    endPairing(id: $id) {
      id
      endedOn
    }
  }
`);

const PAIRING_KIND: Record<PairingKind, string> = {
  ONE_TO_ONE: '一助一',
  MANY_TO_ONE: '多助一',
  ONE_TO_MANY: '一助多',
};

/** Pairings (结对): 一助一, 多助一, 一助多 between members and the people they help. */
export default function Pairings() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const [includeEnded, setIncludeEnded] = useState(false);
  const { data, loading, error, refetch } = useQuery(PAIRINGS, {
    variables: { id: stationId, includeEnded },
    skip: !stationId,
  });
  const [create, created] = useMutation(CREATE);
  const [end, ended] = useMutation(END);
  const [form] = Form.useForm<{
    kind: PairingKind;
    volunteerIds: string[];
    beneficiaries: string;
    note?: string;
  }>();
  const members = (data?.station?.members ?? []).flatMap((m) => (m.volunteer ? [m.volunteer] : []));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? created.error ?? ended.error} title="操作失败" />
      <Card size="small" title="新建结对">
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ kind: 'ONE_TO_ONE' }}
          disabled={created.loading}
          onFinish={(v) =>
            void (async () => {
              const beneficiaries = v.beneficiaries
                .split(/[、,，\n]/)
                .map((n) => n.trim())
                .filter(Boolean)
                .map((name) => ({ name }));
              try {
                await create({
                  variables: {
                    input: {
                      stationId,
                      kind: v.kind,
                      volunteerIds: v.volunteerIds,
                      beneficiaries,
                      note: v.note || null,
                    },
                  },
                });
                message.success('结对已建立');
                form.resetFields();
                void refetch();
              } catch {
                /* shown above */
              }
            })()
          }
        >
          <Form.Item name="kind" label="方式">
            <Select
              style={{ width: 140 }}
              options={Object.entries(PAIRING_KIND).map(([value, l]) => ({
                value,
                label: l,
              }))}
            />
          </Form.Item>
          <Form.Item name="volunteerIds" label="志愿者" rules={[{ required: true, message: '请选择志愿者' }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={members.map((v) => ({ value: v.id, label: v.name }))}
            />
          </Form.Item>
          <Form.Item
            name="beneficiaries"
            label="帮扶对象（多人用顿号分隔）"
            rules={[{ required: true, message: '请填写帮扶对象' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={created.loading}>
            建立结对
          </Button>
        </Form>
      </Card>
      <Card
        size="small"
        title="结对帮扶"
        extra={
          <Space>
            已结束的也显示
            <Switch checked={includeEnded} onChange={setIncludeEnded} />
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data?.station?.pairings ?? []}
          locale={{ emptyText: '还没有结对：在上方建立' }}
          columns={[
            {
              title: '方式',
              render: (_, p) => <Tag>{PAIRING_KIND[p.kind]}</Tag>,
            },
            {
              title: '志愿者',
              render: (_, p) => p.volunteers.map((v) => v?.name ?? '—').join('、'),
            },
            {
              title: '帮扶对象',
              render: (_, p) => p.beneficiaries.map((b) => b.name).join('、'),
            },
            { title: '开始', render: (_, p) => fmtDate(p.startedOn) },
            { title: '结束', render: (_, p) => fmtDate(p.endedOn) },
            {
              title: '操作',
              render: (_, p) =>
                !p.endedOn && (
                  <Popconfirm
                    title="结束这个结对？"
                    onConfirm={() =>
                      void end({ variables: { id: p.id } })
                        .then(() => refetch())
                        .catch(() => undefined)
                    }
                  >
                    <Button type="link" danger>
                      结束
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
