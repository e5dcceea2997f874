import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { RegionInspectionsQuery } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { fmtDate, label, TZ } from '../../format';
import { INSPECTION_KIND, OUTCOME, OUTCOME_COLOR, RECTIFICATION_STATUS } from './labels';
import { FollowUpModal } from './FollowUpModal';
import { OrderRectificationModal, RecordInspectionModal } from './InspectionForms';

const INSPECTIONS = graphql(`
  query RegionInspections($code: ID!) {
    sandboxClock {
      now
    }
    region(code: $code) {
      code
      fullName
      titles {
        id
        station {
          id
          name
          inspections {
            id
            kind
            inspector
            inspectedOn
            verdict
            findings {
              criterion
              met
              note
            }
          }
          rectifications {
            id
            requirements
            deadline
            status
            followUpNote
            followedUpOn
          }
        }
      }
    }
  }
`);

type Station = NonNullable<RegionInspectionsQuery['region']>['titles'][number]['station'];
type Order = Station['rectifications'][number] & { station: string };

/** 督导检查: inspections and rectification orders (整改) of the region's titled stations; overdue orders stand out. */
export default function Inspections() {
  const code = useSession()?.user.regionCode ?? '';
  const { data, loading, error, refetch } = useQuery(INSPECTIONS, {
    variables: { code },
    skip: !code,
  });
  const [following, setFollowing] = useState<Order | null>(null);
  const [recording, setRecording] = useState(false);
  /** The order form, open when set: prefilled with an inspection's station (and id) when it follows one. */
  const [ordering, setOrdering] = useState<{ stationId: string; inspectionId?: string } | null>(null);
  // Business time (the platform clock), not the browser's: a rehearsal runs ahead of real time.
  const today = data ? dayjs(data.sandboxClock.now).tz(TZ).format('YYYY-MM-DD') : '';
  const stations = [...new Map((data?.region?.titles ?? []).map((t) => [t.station.id, t.station])).values()];
  const orders: Order[] = stations
    .flatMap((s) => s.rectifications.map((r) => ({ ...r, station: s.name })))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const inspections = stations
    .flatMap((s) => s.inspections.map((i) => ({ ...i, station: s.name, stationId: s.id })))
    .sort((a, b) => b.inspectedOn.localeCompare(a.inspectedOn));
  const overdue = (o: Order) => o.status === 'OPEN' && o.deadline < today;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error} title="督导检查加载失败" />
      <Card
        size="small"
        title={`整改通知（逾期 ${orders.filter(overdue).length} 条）`}
        extra={
          <Space wrap>
            <Button type="primary" disabled={!stations.length} onClick={() => setRecording(true)}>
              记录检查
            </Button>
            <Button disabled={!stations.length} onClick={() => setOrdering({ stationId: '' })}>
              下达整改
            </Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={orders}
          data-testid="rectifications-table"
          onRow={(o) => ({
            style: overdue(o) ? { background: '#fff1f0' } : undefined,
          })}
          locale={{ emptyText: '暂无整改通知' }}
          columns={[
            { title: '站点', dataIndex: 'station' },
            { title: '整改要求', dataIndex: 'requirements' },
            {
              title: '整改期限',
              render: (_, o) => (
                <Space size={4}>
                  {fmtDate(o.deadline)}
                  {overdue(o) && (
                    <Tag color="red" data-testid={`overdue-${o.id}`}>
                      已逾期
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: '状态',
              render: (_, o) => label(RECTIFICATION_STATUS, o.status),
            },
            {
              title: '复查',
              render: (_, o) => (o.followedUpOn ? `${fmtDate(o.followedUpOn)} ${o.followUpNote ?? ''}` : '—'),
            },
            {
              title: '操作',
              render: (_, o) =>
                o.status === 'OPEN' ? (
                  <Button type="link" size="small" onClick={() => setFollowing(o)}>
                    复查
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title="检查记录" data-testid="inspections-card">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={inspections}
          locale={{ emptyText: '暂无检查记录' }}
          columns={[
            { title: '站点', dataIndex: 'station' },
            { title: '类型', render: (_, i) => label(INSPECTION_KIND, i.kind) },
            { title: '检查日期', render: (_, i) => fmtDate(i.inspectedOn) },
            { title: '检查人', dataIndex: 'inspector' },
            {
              title: '结论',
              render: (_, i) => <Tag color={OUTCOME_COLOR[i.verdict]}>{label(OUTCOME, i.verdict)}</Tag>,
            },
            {
              title: '未达标项',
              render: (_, i) =>
                i.findings
                  .filter((f) => !f.met)
                  .map((f) => f.criterion)
                  .join('、') || '—',
            },
            {
              title: '操作',
              render: (_, i) =>
                i.verdict !== 'PASS' ? (
                  <Button
                    type="link"
                    size="small"
                    data-testid={`order-after-${i.id}`}
                    onClick={() => setOrdering({ stationId: i.stationId, inspectionId: i.id })}
                  >
                    下达整改
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <FollowUpModal order={following} onClose={() => setFollowing(null)} onDone={() => void refetch()} />
      <RecordInspectionModal
        open={recording}
        stations={stations}
        today={today}
        onClose={() => setRecording(false)}
        onDone={(i) => {
          void refetch();
          // A finding that asks for rectification goes on to the order, prefilled.
          if (i.verdict !== 'PASS') setOrdering({ stationId: i.stationId, inspectionId: i.id });
        }}
      />
      <OrderRectificationModal
        open={!!ordering}
        stations={stations}
        today={today}
        initial={ordering?.stationId ? ordering : null}
        onClose={() => setOrdering(null)}
        onDone={() => void refetch()}
      />
    </Space>
  );
}
