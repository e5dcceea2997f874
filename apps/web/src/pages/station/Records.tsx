import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { ServiceQuality, ServiceRecordStatus } from '../../gql/graphql';
import { fmtDate, fmtHours, label, QUALITY, RECORD_STATUS } from '../../format';
import { downloadLedger } from './ledger';
import { RecordActions, VERIFY } from './RecordActions';

const RECORDS = graphql(`
  query StationRecords($id: ID!, $statuses: [ServiceRecordStatus!]) {
    serviceRecords(stationId: $id, statuses: $statuses) {
      id
      activityName
      serviceDate
      hours
      status
      quality
      place
      activity {
        id
        title
      }
      volunteer {
        id
        name
      }
    }
  }
`);

const STATUS_COLOR: Record<string, string> = {
  VERIFIED: 'green',
  PENDING: 'orange',
  REJECTED: 'red',
  REVERSED: 'default',
};

/** Service records: verify, reject or reverse one; verify many (selected, or every pending one of an activity). */
export default function Records() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ServiceRecordStatus | null) ?? undefined;
  const activity = params.get('activity') ?? undefined;
  const { data, loading, error, refetch } = useQuery(RECORDS, {
    variables: { id: stationId, statuses: status ? [status] : undefined },
    skip: !stationId,
  });
  const [verify] = useMutation(VERIFY);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [quality, setQuality] = useState<ServiceQuality>('GOOD');
  const [actionError, setActionError] = useState<unknown>();

  const all = useMemo(() => data?.serviceRecords ?? [], [data]);
  const activities = useMemo(
    () => [...new Map(all.filter((r) => r.activity).map((r) => [r.activity!.id, r.activity!.title])).entries()],
    [all],
  );
  const rows = activity ? all.filter((r) => r.activity?.id === activity) : all;
  const pendingOfActivity = activity ? rows.filter((r) => r.status === 'PENDING').map((r) => r.id) : [];

  const setFilter = (key: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelected([]);
  };

  const bulkVerify = async (ids: string[]) => {
    setBusy(true);
    setActionError(undefined);
    let done = 0;
    try {
      for (const id of ids) {
        await verify({ variables: { id, quality } });
        done++;
      }
      message.success(`已审核 ${done} 条记录`);
      setSelected([]);
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
      void refetch();
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? actionError} title="操作失败" />
      <Card
        size="small"
        title="服务记录"
        extra={
          <Space wrap>
            <Button onClick={() => void downloadLedger(stationId, 'xlsx').catch((e: unknown) => setActionError(e))}>
              下载台账（XLSX）
            </Button>
            <Button
              onClick={() => void downloadLedger(stationId, 'csv-records').catch((e: unknown) => setActionError(e))}
            >
              CSV
            </Button>
          </Space>
        }
      >
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={(v?: string) => setFilter('status', v)}
            style={{ width: 120 }}
            options={Object.entries(RECORD_STATUS).map(([value, l]) => ({
              value,
              label: l,
            }))}
          />
          <Select
            aria-label="活动"
            allowClear
            placeholder="全部活动"
            value={activity}
            onChange={(v?: string) => setFilter('activity', v)}
            style={{ width: 200 }}
            options={activities.map(([value, l]) => ({ value, label: l }))}
          />
          <Select<ServiceQuality>
            aria-label="服务质量"
            value={quality}
            onChange={setQuality}
            style={{ width: 120 }}
            options={(['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const).map((q) => ({
              value: q,
              label: `质量：${QUALITY[q]}`,
            }))}
          />
          <Button
            type="primary"
            disabled={!selected.length}
            loading={busy}
            onClick={() => void bulkVerify(selected)}
            data-testid="bulk-verify"
          >
            批量审核通过（{selected.length}）
          </Button>
          {activity && (
            <Button
              disabled={!pendingOfActivity.length}
              loading={busy}
              onClick={() => void bulkVerify(pendingOfActivity)}
              data-testid="verify-activity"
            >
              本活动全部通过（{pendingOfActivity.length}）
            </Button>
          )}
        </Space>
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) => ({ disabled: r.status !== 'PENDING' }),
          }}
          dataSource={rows}
          locale={{
            emptyText: status || activity ? '没有符合条件的记录：可清除筛选' : '暂无服务记录：志愿者签到或在活动后登记',
          }}
          columns={[
            { title: '志愿者', render: (_, r) => r.volunteer?.name ?? '—' },
            { title: '活动', dataIndex: 'activityName' },
            { title: '日期', render: (_, r) => fmtDate(r.serviceDate) },
            {
              title: '时长（小时）',
              align: 'right',
              render: (_, r) => fmtHours(r.hours),
            },
            {
              title: '状态',
              render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{label(RECORD_STATUS, r.status)}</Tag>,
            },
            { title: '质量', render: (_, r) => label(QUALITY, r.quality) },
            {
              title: '操作',
              render: (_, r) => <RecordActions record={r} quality={quality} onDone={() => void refetch()} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
