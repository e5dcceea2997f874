import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Select, Space, Table, Tag } from 'antd';
import { authorizedFetch, useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { ServiceQuality } from '../../gql/graphql';
import { fmtDate, fmtHours, label, QUALITY, RECORD_STATUS } from '../../format';

const RECORDS = graphql(`
  query StationRecords($id: ID!) {
    serviceRecords(stationId: $id) {
      id
      activityName
      serviceDate
      hours
      status
      place
      volunteer {
        id
        name
      }
    }
  }
`);

const VERIFY = graphql(`
  mutation VerifyRecord($id: ID!, $quality: ServiceQuality!) {
    verifyServiceRecord(id: $id, quality: $quality) {
      id
      status
      hours
    }
  }
`);

/** The ledger is served by the volunteers service through the gateway's origin (/export/…), with the token. */
async function downloadLedger(stationId: string, kind: 'xlsx' | 'csv') {
  const res = await authorizedFetch(`/export/stations/${stationId}/ledger.${kind}`);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string; code?: string } };
    throw new Error(`${body.error?.message ?? `下载失败（HTTP ${res.status}）`}${body.error?.code ? ` [${body.error.code}]` : ''}`);
  }
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `台账-${stationId}.${kind}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export default function Records() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(RECORDS, { variables: { id: stationId }, skip: !stationId });
  const [verify] = useMutation(VERIFY);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [quality, setQuality] = useState<ServiceQuality>('GOOD');
  const [actionError, setActionError] = useState<unknown>();

  const bulkVerify = async () => {
    setBusy(true);
    setActionError(undefined);
    let done = 0;
    try {
      for (const id of selected) {
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
            <Button onClick={() => downloadLedger(stationId, 'xlsx').catch((e) => setActionError(e))}>下载台账（XLSX）</Button>
            <Button onClick={() => downloadLedger(stationId, 'csv').catch((e) => setActionError(e))}>CSV</Button>
          </Space>
        }
      >
        <Space style={{ marginBottom: 12 }} wrap>
          <Select<ServiceQuality>
            aria-label="服务质量"
            value={quality}
            onChange={setQuality}
            style={{ width: 120 }}
            options={(['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const).map((q) => ({ value: q, label: QUALITY[q] }))}
          />
          <Button type="primary" disabled={!selected.length} loading={busy} onClick={bulkVerify} data-testid="bulk-verify">
            批量审核通过（{selected.length}）
          </Button>
        </Space>
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'PENDING' }) }}
          dataSource={data?.serviceRecords ?? []}
          locale={{ emptyText: '暂无服务记录' }}
          columns={[
            { title: '志愿者', render: (_, r) => r.volunteer?.name ?? '—' },
            { title: '活动', dataIndex: 'activityName' },
            { title: '日期', render: (_, r) => fmtDate(r.serviceDate) },
            { title: '时长（小时）', align: 'right', render: (_, r) => fmtHours(r.hours) },
            { title: '状态', render: (_, r) => <Tag color={r.status === 'VERIFIED' ? 'green' : r.status === 'PENDING' ? 'orange' : 'default'}>{label(RECORD_STATUS, r.status)}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
