import { useQuery } from '@apollo/client/react';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { ACTIVITY_CATEGORY, fmtDateTime, label } from '../../format';
import { ActivityForm } from './ActivityForm';

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

/** The station's activities: plan one, print its sign-in poster, verify its records. */
export default function Activities() {
  const stationId = useSession()?.user.stationId ?? '';
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(ACTIVITIES, {
    variables: { id: stationId },
    skip: !stationId,
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error} title="活动加载失败" />
      <ActivityForm stationId={stationId} onCreated={() => void refetch()} />
      <Card size="small" title="本站活动">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={data?.station?.activities ?? []}
          locale={{ emptyText: '还没有活动：在上方新建' }}
          columns={[
            { title: '活动', dataIndex: 'title' },
            {
              title: '类别',
              render: (_, a) => label(ACTIVITY_CATEGORY, a.category),
            },
            {
              title: '时间',
              render: (_, a) => `${fmtDateTime(a.startsAt)} 至 ${fmtDateTime(a.endsAt)}`,
            },
            { title: '地点', dataIndex: 'place' },
            {
              title: '报名',
              render: (_, a) => `${a.signUpCount}${a.capacity ? ` / ${a.capacity}` : ''}`,
            },
            {
              title: '状态',
              render: (_, a) => (a.status === 'CANCELLED' ? <Tag>已取消</Tag> : <Tag color="green">计划中</Tag>),
            },
            {
              title: '操作',
              render: (_, a) => (
                <Space size={0}>
                  <Button type="link" onClick={() => void navigate(`/my-station/activities/${a.id}/poster`)}>
                    签到海报
                  </Button>
                  <Button type="link" onClick={() => void navigate(`/my-station/records?activity=${a.id}`)}>
                    服务记录
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
