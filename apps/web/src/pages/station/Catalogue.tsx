import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, InputNumber, Space, Table } from 'antd';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { fmtHours } from '../../format';

const CATALOGUE = graphql(`
  query MyStationCatalogue($id: ID!) {
    catalogue(stationId: $id) {
      id
      name
      points
    }
  }
`);

const ADD = graphql(`
  mutation AddCatalogueItem($input: CatalogueItemInput!) {
    addCatalogueItem(input: $input) {
      id
    }
  }
`);

/** 积分商品: what volunteers may redeem their time-bank points for at this station. */
export default function Catalogue() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(CATALOGUE, {
    variables: { id: stationId },
    skip: !stationId,
  });
  const [add, added] = useMutation(ADD);
  const [form] = Form.useForm<{ name: string; points: number }>();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? added.error} title="操作失败" />
      <Card size="small" title="新增积分商品">
        <Form
          form={form}
          layout="inline"
          disabled={added.loading}
          onFinish={(v) =>
            void (async () => {
              try {
                await add({ variables: { input: { stationId, ...v } } });
                message.success('已新增');
                form.resetFields();
                void refetch();
              } catch {
                /* shown above */
              }
            })()
          }
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="points" label="所需积分" rules={[{ required: true, message: '请填写积分' }]}>
            <InputNumber min={0.1} step={1} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={added.loading}>
            新增
          </Button>
        </Form>
      </Card>
      <Card size="small" title="积分商品">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={data?.catalogue ?? []}
          locale={{ emptyText: '还没有商品：在上方新增' }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            {
              title: '所需积分',
              align: 'right',
              render: (_, i) => fmtHours(i.points),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
