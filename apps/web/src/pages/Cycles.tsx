import { useQuery } from '@apollo/client/react';
import { Button, Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../errors';
import { graphql } from '../gql';
import { useSession } from '../auth/session';
import { label, PHASE, TITLE_LEVEL } from '../format';

const CYCLES = graphql(`
  query CycleList {
    cycles {
      id
      year
      issuingRegionCode
      levels
      currentPhase
      standardSet {
        id
        name
      }
    }
  }
`);

export default function Cycles() {
  const user = useSession()?.user;
  const { data, loading, error } = useQuery(CYCLES);
  return (
    <Card
      size="small"
      title="年度创建活动"
      extra={
        user?.roles.some((r) => r === 'PROVINCE_ADMIN' || r === 'CITY_ADMIN') && (
          <Link to="/campaign/new">
            <Button type="primary">发起创建活动</Button>
          </Link>
        )
      }
    >
      <ErrorAlert error={error} title="创建活动加载失败" />
      <Table
        size="small"
        rowKey="id"
        loading={loading && !data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data?.cycles ?? []}
        locale={{
          emptyText: '还没有创建活动：省、市管理员可点击“发起创建活动”',
        }}
        columns={[
          {
            title: '年度',
            render: (_, c) => <Link to={`/campaign/${c.id}`}>{c.year} 年度</Link>,
          },
          { title: '发起地区', dataIndex: 'issuingRegionCode' },
          {
            title: '命名级别',
            render: (_, c) => c.levels.map((l) => <Tag key={l}>{label(TITLE_LEVEL, l)}</Tag>),
          },
          { title: '标准', render: (_, c) => c.standardSet.name },
          {
            title: '当前阶段',
            render: (_, c) =>
              c.currentPhase ? <Tag color="blue">{label(PHASE, c.currentPhase)}</Tag> : '不在任何阶段',
          },
        ]}
      />
    </Card>
  );
}
