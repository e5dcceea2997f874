import { useQuery } from '@apollo/client/react';
import { Card, Table, Tag, Timeline } from 'antd';
import type { TitleRowFragment } from '../../gql/graphql';
import { ErrorAlert } from '../../errors';
import { useSession } from '../../auth/session';
import { fmtDate, label, LEVEL_COLOR, TITLE_LEVEL } from '../../format';
import { APPEAL_STATUS, HISTORY_ACTION, TITLE_STATUS } from './labels';
import { useServerPage } from './paging';
import { historyOf, REGION_TITLES } from './titleQuery';

/** 称号管理: the titles of the officer's region a page at a time (server-side), each with its history (命名、摘牌、申诉、恢复). */
export default function Titles() {
  const code = useSession()?.user.regionCode ?? '';
  const { first, offset, pagination } = useServerPage();
  const { data, previousData, loading, error } = useQuery(REGION_TITLES, {
    variables: { code, first, offset },
    skip: !code,
  });
  const region = (data ?? previousData)?.region;
  const titles: TitleRowFragment[] = (region?.titlePage.edges ?? []).map((e) => e.node);
  return (
    <Card
      size="small"
      title={`称号管理${region ? ` · ${region.fullName}` : ''}`}
      extra={<span data-testid="titles-total">共 {region?.titlePage.totalCount ?? 0} 个</span>}
    >
      <ErrorAlert error={error} title="称号加载失败" />
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        pagination={pagination(region?.titlePage.totalCount)}
        scroll={{ x: 'max-content' }}
        dataSource={titles}
        data-testid="titles-table"
        locale={{
          emptyText: '本地区还没有“雷锋号”：公示期满后在“公示与命名”中命名',
        }}
        expandable={{
          expandedRowRender: (t) => (
            <Timeline
              data-testid={`history-${t.id}`}
              items={historyOf(t.history).map((h) => ({
                color:
                  h.action === 'REVOKED'
                    ? 'red'
                    : h.action === 'CONFERRED' || h.action === 'REINSTATED'
                      ? 'green'
                      : 'blue',
                content: `${fmtDate(h.on)} ${label(HISTORY_ACTION, h.action)}${h.reason ? `：${h.reason}` : ''}${h.comment ? `：${h.comment}` : ''}${h.by ? `（${h.by}）` : ''}`,
              }))}
            />
          ),
        }}
        columns={[
          { title: '站点', render: (_, t) => t.station.name },
          {
            title: '级别',
            render: (_, t) => <Tag color={LEVEL_COLOR[t.level]}>{label(TITLE_LEVEL, t.level)}</Tag>,
          },
          { title: '年度', render: (_, t) => t.cycle.year },
          { title: '证书编号', dataIndex: 'certificateNumber' },
          { title: '命名日期', render: (_, t) => fmtDate(t.conferredOn) },
          {
            title: '状态',
            render: (_, t) => (
              <Tag color={t.status === 'ACTIVE' ? 'green' : 'red'}>{label(TITLE_STATUS, t.status)}</Tag>
            ),
          },
          {
            title: '摘牌',
            render: (_, t) => (t.revokedOn ? `${fmtDate(t.revokedOn)} ${t.revokedReason ?? ''}` : '—'),
          },
          {
            title: '申诉',
            render: (_, t) => (t.appeal ? label(APPEAL_STATUS, t.appeal.status) : '—'),
          },
        ]}
      />
    </Card>
  );
}
