import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { CycleNoticesQuery } from '../../gql/graphql';
import { myStage, regionCovers, useSession } from '../../auth/session';
import { fmtDate, fmtDateTime, label, TITLE_LEVEL } from '../../format';
import { OBJECTION_COLOR, OBJECTION_STATUS } from './labels';
import { ResolveObjectionModal } from './ResolveObjectionModal';

const NOTICES = graphql(`
  query CycleNotices($id: ID!) {
    cycle(id: $id) {
      id
      year
      noticeWorkingDays
      applications(status: CANDIDATE) {
        id
        level
        station {
          id
          name
          regionCode
        }
      }
      notices {
        id
        level
        regionCode
        startsOn
        endsOn
        namedAt
        calendarWarning
        applications {
          id
          status
          station {
            id
            name
          }
        }
        objections {
          id
          applicationId
          content
          status
          resolution
          filedAt
          publicFiling
          objectorName
          objectorPhone
        }
      }
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishCycleNotice($input: PublishNoticeInput!) {
    publishNotice(input: $input) {
      id
    }
  }
`);

const NAME = graphql(`
  mutation NameCandidates($noticeId: ID!) {
    nameCandidates(noticeId: $noticeId) {
      id
      level
      certificateNumber
      station {
        id
        name
      }
    }
  }
`);

type Notice = NonNullable<CycleNoticesQuery['cycle']>['notices'][number];
type Objection = Notice['objections'][number];

function NoticeCard({ n, onChanged }: { n: Notice; onChanged: () => void }) {
  const { message } = App.useApp();
  const [resolving, setResolving] = useState<Objection | null>(null);
  const [name, named] = useMutation(NAME);
  const stationOf = (appId: string) => n.applications.find((a) => a.id === appId)?.station.name ?? appId;
  const open = n.objections.filter((o) => o.status === 'OPEN').length;
  return (
    <Card
      size="small"
      data-testid={`notice-${n.id}`}
      title={`${label(TITLE_LEVEL, n.level)}拟命名公示（${fmtDate(n.startsOn)} 至 ${fmtDate(n.endsOn)}）`}
      extra={
        n.namedAt ? <Tag color="green">已命名 {fmtDateTime(n.namedAt)}</Tag> : <Tag color="blue">公示中或待命名</Tag>
      }
    >
      {n.calendarWarning && <Alert type="warning" showIcon title={n.calendarWarning} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>
        公示对象：{n.applications.map((a) => a.station.name).join('、') || '—'}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={n.objections}
        data-testid="objections-table"
        locale={{ emptyText: '暂无异议' }}
        columns={[
          { title: '被异议对象', render: (_, o) => stationOf(o.applicationId) },
          { title: '异议内容', dataIndex: 'content' },
          {
            title: '异议人',
            render: (_, o) =>
              o.publicFiling ? (
                <span data-testid={`objector-${o.id}`}>
                  {o.objectorName ?? '—'} {o.objectorPhone ?? ''} <Tag>公众</Tag>
                </span>
              ) : (
                '—'
              ),
          },
          { title: '提交时间', render: (_, o) => fmtDateTime(o.filedAt) },
          {
            title: '状态',
            render: (_, o) => <Tag color={OBJECTION_COLOR[o.status]}>{label(OBJECTION_STATUS, o.status)}</Tag>,
          },
          { title: '处理意见', render: (_, o) => o.resolution ?? '—' },
          {
            title: '操作',
            render: (_, o) =>
              o.status === 'OPEN' ? (
                <Button type="link" onClick={() => setResolving(o)} data-testid={`resolve-${o.id}`}>
                  处理
                </Button>
              ) : null,
          },
        ]}
      />
      <ErrorAlert error={named.error} title="命名失败" />
      {named.data && (
        <Alert
          type="success"
          showIcon
          data-testid="named"
          title={`已命名 ${named.data.nameCandidates.length} 个${label(TITLE_LEVEL, n.level)}“雷锋号”`}
          description={named.data.nameCandidates
            .map((t) => `${t.station.name}（证书编号 ${t.certificateNumber}）`)
            .join('；')}
          style={{ marginTop: 12 }}
        />
      )}
      {!n.namedAt && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button
            type="primary"
            loading={named.loading}
            data-testid={`name-${n.id}`}
            onClick={() =>
              void (async () => {
                try {
                  await name({ variables: { noticeId: n.id } });
                  message.success('命名完成');
                  onChanged();
                } catch {
                  /* shown above */
                }
              })()
            }
          >
            命名
          </Button>
          <Typography.Text type="secondary">
            {open ? `还有 ${open} 条异议待处理` : '公示期满、异议处理完毕后可命名'}
          </Typography.Text>
        </Space>
      )}
      <ResolveObjectionModal
        objection={resolving}
        stationName={resolving ? stationOf(resolving.applicationId) : ''}
        onClose={() => setResolving(null)}
        onDone={onChanged}
      />
    </Card>
  );
}

/** 公示 of a cycle: publish the candidates of my region, handle objections, then name (命名). */
export default function Notices() {
  const { id = '' } = useParams();
  const user = useSession()?.user;
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(NOTICES, {
    variables: { id },
  });
  const [publish, published] = useMutation(PUBLISH);
  if (error) return <ErrorAlert error={error} title="公示加载失败" />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const c = data?.cycle;
  if (!c) return <Empty description="未找到该创建活动" />;
  const onNotice = new Set(c.notices.flatMap((n) => n.applications.map((a) => a.id)));
  const candidates = c.applications.filter(
    (a) => regionCovers(user?.regionCode, a.station.regionCode) && !onNotice.has(a.id),
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${c.year} 年度 · 公示与命名`}
        extra={<Link to={`/campaign/${c.id}`}>返回活动详情</Link>}
      >
        <ErrorAlert error={published.error} title="发布公示失败" />
        <Typography.Paragraph>
          本地区待公示的拟命名对象 <b data-testid="pending-candidates">{candidates.length}</b> 个：
          {candidates.map((a) => a.station.name).join('、') || '无'}。公示期 {c.noticeWorkingDays} 个工作日。
        </Typography.Paragraph>
        <Button
          type="primary"
          disabled={!myStage(user) || !candidates.length}
          loading={published.loading}
          data-testid="notices-publish"
          onClick={() =>
            void (async () => {
              try {
                await publish({
                  variables: {
                    input: { cycleId: c.id, regionCode: user!.regionCode! },
                  },
                });
                message.success('公示已发布');
                void refetch();
              } catch {
                /* shown above */
              }
            })()
          }
        >
          发布公示
        </Button>
      </Card>
      {c.notices.length ? (
        c.notices.map((n) => <NoticeCard key={n.id} n={n} onChanged={() => void refetch()} />)
      ) : (
        <Empty description="本活动还没有发布公示" />
      )}
    </Space>
  );
}
