import { useMutation } from '@apollo/client/react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { ActivityCategory } from '../../gql/graphql';
import { ACTIVITY_CATEGORY, TZ } from '../../format';

const CREATE = graphql(`
  mutation CreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
    }
  }
`);

interface Values {
  title: string;
  category: ActivityCategory;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity?: number;
}

/** Local (Asia/Shanghai) "YYYY-MM-DDTHH:mm" of a native date-time input as an instant. */
const instant = (local: string) => dayjs.tz(local, TZ).toISOString();

/** Plans an activity (or records one afterwards); native date-time inputs work on phones too. */
export function ActivityForm({ stationId, onCreated }: { stationId: string; onCreated: () => void }) {
  const { message } = App.useApp();
  const [create, created] = useMutation(CREATE);
  const [form] = Form.useForm<Values>();
  return (
    <Card size="small" title="新建活动">
      <ErrorAlert error={created.error} title="创建失败" />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        disabled={created.loading}
        onFinish={(v) =>
          void (async () => {
            try {
              const input = {
                stationId,
                title: v.title,
                category: v.category,
                place: v.place,
                startsAt: instant(v.startsAt),
                endsAt: instant(v.endsAt),
                capacity: v.capacity ?? undefined,
              };
              await create({ variables: { input } });
              message.success('活动已创建');
              form.resetFields();
              onCreated();
            } catch {
              /* shown above */
            }
          })()
        }
      >
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select
              aria-label="类别"
              style={{ width: 160 }}
              options={Object.entries(ACTIVITY_CATEGORY).map(([value, l]) => ({
                value,
                label: l,
              }))}
            />
          </Form.Item>
          <Form.Item name="capacity" label="名额（人）">
            <InputNumber min={1} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label="结束时间"
            dependencies={['startsAt']}
            rules={[
              { required: true, message: '请选择结束时间' },
              ({ getFieldValue }) => ({
                validator: (_, end: string) =>
                  !end || !getFieldValue('startsAt') || end > getFieldValue('startsAt')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束时间应晚于开始时间')),
              }),
            ]}
          >
            <Input type="datetime-local" />
          </Form.Item>
        </Space>
        <div>
          <Button type="primary" htmlType="submit" loading={created.loading}>
            创建
          </Button>
        </div>
      </Form>
    </Card>
  );
}
