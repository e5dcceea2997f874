import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { App, Badge, Button, Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { fmtDateTime, label } from '../../format';
import { EVENT_TYPE, OUTCOME, RUN_STATUS } from './labels';
import { REVIEW_EVENTS, useLiveStatus, type RunProgressPayload } from './liveEvents';
import { RunOutcomes } from './RunOutcomes';

const RUNS = graphql(`
  query CycleReviewRuns($id: ID!) {
    cycle(id: $id) {
      id
      year
      reviewRuns {
        id
        dryRun
        status
        total
        createdAt
        completedAt
      }
    }
  }
`);

const START = graphql(`
  mutation StartCycleReview($input: StartReviewInput!) {
    startReview(input: $input) {
      id
      dryRun
      status
      total
      alreadyRun
    }
  }
`);

interface LiveLine {
  id: string;
  text: string;
}

const LIVE_BADGE = {
  connected: 'success',
  connecting: 'processing',
  closed: 'error',
  idle: 'default',
} as const;
const LIVE_TEXT = {
  connected: '实时连接已建立',
  connecting: '正在连接…',
  closed: '连接断开，自动重连中',
  idle: '未连接',
};

/** 复核 of a cycle: a dry run first, then the real one; progress and outcomes follow reviewEvents live. */
export default function Reviews() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const { message, modal } = App.useApp();
  const runs = useQuery(RUNS, { variables: { id } });
  const [start, started] = useMutation(START);
  const live = useLiveStatus();
  const [lines, setLines] = useState<LiveLine[]>([]);
  const [version, setVersion] = useState(0);

  // Every event of the selected run refreshes its progress; the log keeps what came in.
  const liveEvents = useSubscription(REVIEW_EVENTS, {
    onData: ({ data }) => {
      const e = data.data?.reviewEvents;
      const p = (e?.payload ?? {}) as RunProgressPayload;
      if (!e) return;
      const who = e.station?.name ? `${e.station.name}：` : '';
      const what =
        e.type === 'review.run.progressed'
          ? `本批复核 ${p.batchReviewed} 个（共 ${p.total} 个）`
          : p.outcome
            ? label(OUTCOME, p.outcome)
            : '';
      setLines((l) =>
        [
          {
            id: e.id,
            text: `${fmtDateTime(e.occurredAt)} ${label(EVENT_TYPE, e.type)} ${who}${what}`,
          },
          ...l,
        ].slice(0, 50),
      );
      // Title and order events carry no run id: they belong to whichever run is in progress.
      if (!p.runId || p.runId === runId || !runId) setVersion((v) => v + 1);
      void runs.refetch();
    },
  });

  const list = runs.data?.cycle?.reviewRuns ?? [];
  const dryDone = list.some((r) => r.dryRun && r.status === 'COMPLETED');
  const run = async (dryRun: boolean) => {
    try {
      const res = await start({
        variables: { input: { cycleId: id, dryRun } },
      });
      const r = res.data!.startReview;
      message.success(r.alreadyRun ? '本活动已进行过正式复核' : dryRun ? '试运行已开始' : '正式复核已开始');
      setParams({ run: r.id });
      void runs.refetch();
    } catch {
      /* shown below */
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${runs.data?.cycle?.year ?? ''} 年度 · 复核`}
        extra={
          <Space wrap>
            <Badge status={LIVE_BADGE[live]} text={<span data-testid="live-status">{LIVE_TEXT[live]}</span>} />
            <Link to={`/campaign/${id}`}>返回活动详情</Link>
          </Space>
        }
      >
        <ErrorAlert error={runs.error ?? started.error} title="复核操作失败" />
        <ErrorAlert error={liveEvents.error} title="实时动态订阅失败" />
        <Typography.Paragraph>
          先试运行：只出结果、不摘牌、不发整改通知；确认结果后再正式复核（不达标的站点将被摘牌）。
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" loading={started.loading} onClick={() => void run(true)} data-testid="start-dry-run">
            试运行复核
          </Button>
          <Button
            danger
            disabled={!dryDone}
            loading={started.loading}
            data-testid="start-real-run"
            onClick={() =>
              void modal.confirm({
                title: '确认正式复核？',
                content: '不达标的站点将被摘牌并通知，本活动只能正式复核一次。',
                okText: '正式复核',
                cancelText: '取消',
                onOk: () => run(false),
              })
            }
          >
            正式复核
          </Button>
          {!dryDone && <Typography.Text type="secondary">试运行完成后才能正式复核</Typography.Text>}
        </Space>
      </Card>
      {runId ? <RunOutcomes runId={runId} version={version} /> : null}
      <Card size="small" title="实时动态">
        <List
          size="small"
          data-testid="live-log"
          dataSource={lines}
          locale={{ emptyText: '等待复核事件…' }}
          renderItem={(l) => <List.Item key={l.id}>{l.text}</List.Item>}
        />
      </Card>
      <Card size="small" title="复核记录">
        {list.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={list}
            columns={[
              { title: '发起时间', render: (_, r) => fmtDateTime(r.createdAt) },
              {
                title: '类型',
                render: (_, r) => (r.dryRun ? <Tag>试运行</Tag> : <Tag color="red">正式</Tag>),
              },
              { title: '站点数', dataIndex: 'total', align: 'right' },
              { title: '状态', render: (_, r) => label(RUN_STATUS, r.status) },
              {
                title: '',
                render: (_, r) => (
                  <Button type="link" size="small" onClick={() => setParams({ run: r.id })}>
                    查看结果
                  </Button>
                ),
              },
            ]}
          />
        ) : (
          <Empty description="还没有复核：先点击“试运行复核”" />
        )}
      </Card>
    </Space>
  );
}
