import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, QRCode, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { ActivityCategory } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { ACTIVITY_CATEGORY, fmtDateTime, label } from '../../format';

const ACTIVITIES = graphql(`
  query StationActivities($id: ID!) {
    station(id: $id) {
      id
      name
      activities {
        id
        title
        category
        place
        startsAt
        endsAt
        capacity
        signUpCount
        status
        signInCode
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
    }
  }
`);

type Activity = { id: string; title: string; place: string; startsAt: string; endsAt: string; signInCode?: string | null };

/** A4 sign-in poster: the activity's sign-in code as a QR code, printed from the browser. */
function Poster({ activity, station, onClose }: { activity: Activity | null; station: string; onClose: () => void }) {
  return (
    <Modal open={!!activity} title="签到海报" onCancel={onClose} footer={[<Button key="close" onClick={onClose}>关闭</Button>, <Button key="print" type="primary" onClick={() => window.print()}>打印</Button>]} width={520}>
      {activity && (
        <div className="poster" data-testid="poster">
          <Typography.Title level={3}>{activity.title}</Typography.Title>
          <Typography.Paragraph>{station}</Typography.Paragraph>
          <Typography.Paragraph>
            {fmtDateTime(activity.startsAt)} 至 {fmtDateTime(activity.endsAt)} · {activity.place}
          </Typography.Paragraph>
          {activity.signInCode ? (
            <Space orientation="vertical" align="center">
              <QRCode value={`${window.location.origin}/checkin/${activity.signInCode}`} size={240} />
              <Typography.Text>志愿者扫码签到 · 签到码 {activity.signInCode}</Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">签到码仅对本站管理员可见</Typography.Text>
          )}
        </div>
      )}
    </Modal>
  );
}

export default function Activities() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(ACTIVITIES, { variables: { id: stationId }, skip: !stationId });
  const [create, created] = useMutation(CREATE);
  const [poster, setPoster] = useState<Activity | null>(null);
  const [form] = Form.useForm();
  const s = data?.station;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error} title="活动加载失败" />
      <Card size="small" title="新建活动">
        <ErrorAlert error={created.error} title="创建失败" />
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          onFinish={async (v: { title: string; category: ActivityCategory; place: string; time: [Dayjs, Dayjs]; capacity?: number }) => {
            try {
              await create({ variables: { input: { stationId, title: v.title, category: v.category, place: v.place, startsAt: v.time[0].toISOString(), endsAt: v.time[1].toISOString(), capacity: v.capacity ?? undefined } } });
              message.success('活动已创建');
              form.resetFields();
              void refetch();
            } catch {
              /* shown above */
            }
          }}
        >
          <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select style={{ width: 160 }} options={Object.entries(ACTIVITY_CATEGORY).map(([value, l]) => ({ value, label: l }))} />
            </Form.Item>
            <Form.Item name="capacity" label="名额（人）">
              <InputNumber min={1} />
            </Form.Item>
          </Space>
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="time" label="时间" rules={[{ required: true, message: '请选择时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ maxWidth: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={created.loading}>
            创建
          </Button>
        </Form>
      </Card>
      <Card size="small" title="本站活动">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={s?.activities ?? []}
          locale={{ emptyText: '还没有活动：在上方新建' }}
          columns={[
            { title: '活动', dataIndex: 'title' },
            { title: '类别', render: (_, a) => label(ACTIVITY_CATEGORY, a.category) },
            { title: '时间', render: (_, a) => `${fmtDateTime(a.startsAt)} 至 ${fmtDateTime(a.endsAt)}` },
            { title: '地点', dataIndex: 'place' },
            { title: '报名', render: (_, a) => `${a.signUpCount}${a.capacity ? ` / ${a.capacity}` : ''}` },
            { title: '状态', render: (_, a) => (a.status === 'CANCELLED' ? <Tag>已取消</Tag> : <Tag color="green">计划中</Tag>) },
            { title: '', render: (_, a) => <Button type="link" onClick={() => setPoster(a)}>签到海报</Button> },
          ]}
        />
      </Card>
      <Poster activity={poster} station={s?.name ?? ''} onClose={() => setPoster(null)} />
    </Space>
  );
}
