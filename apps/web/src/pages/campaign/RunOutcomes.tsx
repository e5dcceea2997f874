import { useEffect } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Descriptions, Progress, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { fmtDate, fmtInt, label } from '../../format';
import { OUTCOME, OUTCOME_COLOR, RUN_STATUS } from './labels';

const RUN = graphql(`
  query ReviewRunOutcomes($id: ID!) {
    reviewRun(id: $id) {
      id
      dryRun
      status
      asOf
      total
      reviewed
      outcomeCounts {
        outcome
        count
      }
      reviews(first: 100) {
        totalCount
        edges {
          node {
            id
            outcome
            deadline
            reasons
            station {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** A run's progress and outcomes; read again whenever a live event of the run arrives (`version`). */
export function RunOutcomes({ runId, version }: { runId: string; version: number }) {
  const { data, error, refetch } = useQuery(RUN, { variables: { id: runId } });
  useEffect(() => {
    if (version > 0) void refetch();
  }, [version, refetch]);
  const run = data?.reviewRun;
  if (error) return <ErrorAlert error={error} title="复核结果加载失败" />;
  if (!run) return null;
  const done = run.total === 0 || run.reviewed >= run.total;
  return (
    <Card size="small" title={run.dryRun ? '试运行结果（不改变任何称号）' : '正式复核结果'} data-testid="run-outcomes">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="状态">
          <span data-testid="run-status">{done ? '已完成' : label(RUN_STATUS, run.status)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="复核基准日">{fmtDate(run.asOf)}</Descriptions.Item>
        <Descriptions.Item label="进度">
          <span data-testid="run-progress">
            {fmtInt(run.reviewed)} / {fmtInt(run.total)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Progress
        percent={run.total ? Math.round((run.reviewed / run.total) * 100) : 100}
        status={done ? 'success' : 'active'}
      />
      <Space wrap style={{ margin: '8px 0' }}>
        {run.outcomeCounts.map((o) => (
          <Tag key={o.outcome} color={OUTCOME_COLOR[o.outcome]} data-testid={`count-${o.outcome}`}>
            {label(OUTCOME, o.outcome)}：{fmtInt(o.count)}
          </Tag>
        ))}
      </Space>
      <Table
        size="small"
        rowKey={(e) => e.node.id}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={run.reviews.edges}
        data-testid="outcomes-table"
        locale={{ emptyText: done ? '没有需要复核的称号' : '复核进行中…' }}
        columns={[
          { title: '站点', render: (_, e) => e.node.station.name },
          {
            title: '结果',
            render: (_, e) => <Tag color={OUTCOME_COLOR[e.node.outcome]}>{label(OUTCOME, e.node.outcome)}</Tag>,
          },
          { title: '原因', render: (_, e) => e.node.reasons.join('；') || '—' },
          { title: '整改期限', render: (_, e) => fmtDate(e.node.deadline) },
        ]}
        footer={
          run.reviews.totalCount > run.reviews.edges.length
            ? () => `仅显示前 ${run.reviews.edges.length} 条，共 ${fmtInt(run.reviews.totalCount)} 条`
            : undefined
        }
      />
    </Card>
  );
}
