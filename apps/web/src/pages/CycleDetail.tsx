import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../errors';
import { graphql } from '../gql';
import type { CycleDetailQuery } from '../gql/graphql';
import { EndorseModal } from './campaign/EndorseModal';
import { PhaseEditModal, QuotaEditModal } from './campaign/CycleSettings';
import { myStage, regionCovers, useSession } from '../auth/session';
import { APPLICATION_STATUS, DECISION, fmtDate, fmtDateTime, label, PHASE, STAGE, TITLE_LEVEL } from '../format';

const CYCLE = graphql(`
  query CycleDetail($id: ID!) {
    cycle(id: $id) {
      id
      year
      issuingRegionCode
      issuingRegion {
        code
        name
      }
      levels
      currentPhase
      noticeWorkingDays
      countyRecommendationLimit
      standardSet {
        id
        name
      }
      phases {
        phase
        startsOn
        endsOn
      }
      quotas {
        cycleId
        regionCode
        region {
          code
          name
        }
        level
        amount
        used
      }
      applications {
        id
        level
        status
        currentStage
        stages
        submittedOn
        outstanding
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
          signer
          signedAt
        }
      }
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishNotice($input: PublishNoticeInput!) {
    publishNotice(input: $input) {
      id
      level
      regionCode
      startsOn
      endsOn
      applications {
        id
        station {
          id
          name
        }
      }
    }
  }
`);

type App_ = NonNullable<CycleDetailQuery['cycle']>['applications'][number];
type Quota_ = NonNullable<CycleDetailQuery['cycle']>['quotas'][number];

/** Only the issuing region's admins (province cycle: province admin, city cycle: city admin) change the settings. */
const ISSUER_ROLE = (code: string) => (code.endsWith('0000') ? 'PROVINCE_ADMIN' : 'CITY_ADMIN');

export default function CycleDetail() {
  const { id = '' } = useParams();
  const user = useSession()?.user;
  const stage = myStage(user);
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(CYCLE, {
    variables: { id },
  });
  const [endorsing, setEndorsing] = useState<App_ | null>(null);
  const [editingPhases, setEditingPhases] = useState(false);
  const [editingQuota, setEditingQuota] = useState<Quota_ | null>(null);
  const [publish, published] = useMutation(PUBLISH);
  if (error) return <ErrorAlert error={error} title="创建活动加载失败" />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = data?.cycle;
  if (!c) return <Empty description="未找到该创建活动" />;

  const mine = c.applications.filter(
    (a) => a.status === 'SUBMITTED' && a.currentStage === stage && regionCovers(user?.regionCode, a.station.regionCode),
  );
  const candidates = c.applications.filter(
    (a) => a.status === 'CANDIDATE' && regionCovers(user?.regionCode, a.station.regionCode),
  );
  const notice = published.data?.publishNotice;
  const issuer = !!user?.roles.includes(ISSUER_ROLE(c.issuingRegionCode)) && user.regionCode === c.issuingRegionCode;

  const appColumns = (withAction: boolean) => [
    { title: '站点', render: (_: unknown, a: App_) => a.station.name },
    {
      title: '地区',
      render: (_: unknown, a: App_) => a.station.region.fullName,
    },
    {
      title: '申报级别',
      render: (_: unknown, a: App_) => label(TITLE_LEVEL, a.level),
    },
    {
      title: '状态',
      render: (_: unknown, a: App_) => <Tag>{label(APPLICATION_STATUS, a.status)}</Tag>,
    },
    {
      title: '当前环节',
      render: (_: unknown, a: App_) => (a.currentStage ? `${label(STAGE, a.currentStage)}审核` : '—'),
    },
    {
      title: '申报日期',
      render: (_: unknown, a: App_) => fmtDate(a.submittedOn),
    },
    {
      title: '审核记录',
      render: (_: unknown, a: App_) =>
        a.endorsements.length
          ? a.endorsements.map((e, i) => (
              <div key={i}>
                {label(STAGE, e.stage)}：{label(DECISION, e.decision)}（{e.comment}）
              </div>
            ))
          : '—',
    },
    ...(withAction
      ? [
          {
            title: '操作',
            render: (_: unknown, a: App_) => (
              <Button type="link" onClick={() => setEndorsing(a)} data-testid={`endorse-${a.id}`}>
                审核
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        extra={
          <Space wrap>
            <Link to={`/campaign/${c.id}/notices`}>公示与命名</Link>
            <Link to={`/campaign/${c.id}/reviews`}>复核</Link>
          </Space>
        }
      >
        <Descriptions size="small" title={`${c.year} 年度学雷锋志愿服务站创建活动`} column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="发起地区">
            <span data-testid="issuing-region">{c.issuingRegion.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label="创建标准">{c.standardSet.name}</Descriptions.Item>
          <Descriptions.Item label="命名级别">
            {c.levels.map((l) => label(TITLE_LEVEL, l)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="当前阶段">
            <span data-testid="current-phase">{c.currentPhase ? label(PHASE, c.currentPhase) : '不在任何阶段'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="公示期">{c.noticeWorkingDays} 个工作日</Descriptions.Item>
          <Descriptions.Item label="县级推荐上限">
            <span data-testid="county-limit">
              {c.countyRecommendationLimit === null || c.countyRecommendationLimit === undefined
                ? '不限'
                : `${c.countyRecommendationLimit} 个`}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          {
            key: 'todo',
            label: `待我审核（${mine.length}）`,
            children: (
              <Card size="small">
                {!stage && (
                  <Alert type="info" showIcon title="只有县、市、省级管理员审核申报" style={{ marginBottom: 12 }} />
                )}
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={mine}
                  columns={appColumns(true)}
                  locale={{ emptyText: '没有等待您审核的申报' }}
                  data-testid="todo-table"
                />
              </Card>
            ),
          },
          {
            key: 'all',
            label: `全部申报（${c.applications.length}）`,
            children: (
              <Card size="small">
                <Table
                  size="small"
                  rowKey="id"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  dataSource={c.applications}
                  columns={appColumns(false)}
                  locale={{ emptyText: '还没有站点申报' }}
                />
              </Card>
            ),
          },
          {
            key: 'notice',
            label: '公示',
            children: (
              <Card size="small" title="拟命名对象公示">
                <ErrorAlert error={published.error} title="发布公示失败" />
                {notice ? (
                  <Alert
                    type="success"
                    showIcon
                    data-testid="notice-published"
                    title={`已发布${label(TITLE_LEVEL, notice.level)}公示：${fmtDate(notice.startsOn)} 至 ${fmtDate(notice.endsOn)}`}
                    description={`公示对象：${notice.applications.map((a) => a.station.name).join('、')}`}
                    style={{ marginBottom: 12 }}
                  />
                ) : null}
                <Typography.Paragraph>
                  本地区拟命名对象 <b data-testid="candidate-count">{candidates.length}</b>{' '}
                  个。公示在评审或命名阶段发布，为期 {c.noticeWorkingDays} 个工作日。
                </Typography.Paragraph>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={candidates}
                  columns={appColumns(false).slice(0, 3)}
                  locale={{ emptyText: '暂无拟命名对象' }}
                  style={{ marginBottom: 12 }}
                />
                <Button
                  type="primary"
                  disabled={!stage || !candidates.length || !!notice}
                  loading={published.loading}
                  data-testid="publish-notice"
                  onClick={() =>
                    void (async () => {
                      try {
                        await publish({
                          variables: {
                            input: {
                              cycleId: c.id,
                              regionCode: user!.regionCode!,
                            },
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
            ),
          },
          {
            key: 'quota',
            label: '名额',
            children: (
              <Card size="small">
                <Table
                  size="small"
                  rowKey={(q) => `${q.regionCode}-${q.level}`}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={c.quotas}
                  locale={{ emptyText: '未设置名额' }}
                  columns={[
                    {
                      title: '地区',
                      render: (_, q) => (
                        <span data-testid={`quota-region-${q.regionCode}`}>
                          {q.region.name}{' '}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {q.regionCode}
                          </Typography.Text>
                        </span>
                      ),
                    },
                    {
                      title: '级别',
                      render: (_, q) => label(TITLE_LEVEL, q.level),
                    },
                    {
                      title: '名额',
                      dataIndex: 'amount',
                      align: 'right',
                      render: (amount: number, q) => (
                        <span data-testid={`quota-${q.regionCode}-${q.level}`}>{amount}</span>
                      ),
                    },
                    {
                      title: '已用',
                      dataIndex: 'used',
                      align: 'right',
                      render: (used: number, q) => (
                        <span
                          style={{
                            color: used > q.amount ? '#cf1322' : undefined,
                          }}
                        >
                          {used}
                        </span>
                      ),
                    },
                    ...(issuer
                      ? [
                          {
                            title: '操作',
                            render: (_: unknown, q: Quota_) => (
                              <Button
                                type="link"
                                size="small"
                                onClick={() => setEditingQuota(q)}
                                data-testid={`edit-quota-${q.regionCode}-${q.level}`}
                              >
                                调整
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'phases',
            label: '阶段安排',
            children: (
              <Card
                size="small"
                extra={
                  issuer ? (
                    <Button size="small" onClick={() => setEditingPhases(true)} data-testid="edit-phases">
                      调整阶段安排
                    </Button>
                  ) : null
                }
              >
                <Timeline
                  data-testid="phase-timeline"
                  items={c.phases.map((p) => ({
                    color: p.phase === c.currentPhase ? 'red' : 'gray',
                    content: `${label(PHASE, p.phase)}：${fmtDate(p.startsOn)} 至 ${fmtDate(p.endsOn)}`,
                  }))}
                />
              </Card>
            ),
          },
        ]}
      />
      <EndorseModal app={endorsing} onClose={() => setEndorsing(null)} />
      <PhaseEditModal open={editingPhases} cycleId={c.id} phases={c.phases} onClose={() => setEditingPhases(false)} />
      <QuotaEditModal
        cycleId={c.id}
        quota={editingQuota}
        onClose={() => setEditingQuota(null)}
        onDone={() => void refetch()}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        数据更新于 {fmtDateTime(new Date().toISOString())}
      </Typography.Text>
    </Space>
  );
}
