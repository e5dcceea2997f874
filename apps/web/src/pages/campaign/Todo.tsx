import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { MyTodoQuery } from '../../gql/graphql';
import { myStage, useSession } from '../../auth/session';
import { DECISION, fmtDate, label, STAGE, TITLE_LEVEL } from '../../format';
import { EndorseModal } from './EndorseModal';
import { useServerPage } from './paging';

const TODO = graphql(`
  query MyTodo($first: Int!, $offset: Int!) {
    myTodo(first: $first, offset: $offset) {
      totalCount
      edges {
        node {
          id
          level
          status
          currentStage
          submittedOn
          cycle {
            id
            year
          }
          station {
            id
            name
            regionCode
            region {
              code
              fullName
            }
          }
          endorsements {
            stage
            decision
            comment
          }
        }
      }
    }
  }
`);

type Row = MyTodoQuery['myTodo']['edges'][number]['node'];

/** 待我审核: applications of every cycle waiting for the signed-in officer's level in their region, paged by the graph. */
export default function Todo() {
  const user = useSession()?.user;
  const stage = myStage(user);
  const { first, offset, pagination } = useServerPage();
  const { data, previousData, loading, error, refetch } = useQuery(TODO, {
    variables: { first, offset },
    skip: !stage,
  });
  const [endorsing, setEndorsing] = useState<Row | null>(null);
  const page = (data ?? previousData)?.myTodo;
  const rows: Row[] = (page?.edges ?? []).map((e) => e.node);
  return (
    <Card size="small" title={`待我审核（${page?.totalCount ?? 0}）`}>
      {!stage && <Alert type="info" showIcon title="只有县、市、省级管理员审核申报" style={{ marginBottom: 12 }} />}
      <ErrorAlert error={error} title="待办加载失败" />
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        pagination={pagination(page?.totalCount)}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        data-testid="my-todo"
        locale={{ emptyText: '没有等待您审核的申报' }}
        columns={[
          { title: '站点', render: (_, a) => a.station.name },
          { title: '地区', render: (_, a) => a.station.region.fullName },
          {
            title: '创建活动',
            render: (_, a) => <Link to={`/campaign/${a.cycle.id}`}>{a.cycle.year} 年度</Link>,
          },
          {
            title: '申报级别',
            render: (_, a) => <Tag>{label(TITLE_LEVEL, a.level)}</Tag>,
          },
          { title: '申报日期', render: (_, a) => fmtDate(a.submittedOn) },
          {
            title: '已有意见',
            render: (_, a) =>
              a.endorsements.length
                ? a.endorsements.map((e, i) => (
                    <div key={i}>
                      {label(STAGE, e.stage)}：{label(DECISION, e.decision)}（{e.comment}）
                    </div>
                  ))
                : '—',
          },
          {
            title: '操作',
            render: (_, a) => (
              <Button type="link" onClick={() => setEndorsing(a)} data-testid={`todo-endorse-${a.id}`}>
                审核
              </Button>
            ),
          },
        ]}
      />
      <EndorseModal app={endorsing} onClose={() => setEndorsing(null)} onDone={() => void refetch()} />
    </Card>
  );
}
