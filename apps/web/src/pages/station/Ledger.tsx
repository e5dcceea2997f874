import { useState } from 'react';
import { Button, Card, List, Space, Typography } from 'antd';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { downloadLedger, type LedgerFile } from './ledger';

const FILES: { kind: LedgerFile; title: string; description: string }[] = [
  {
    kind: 'xlsx',
    title: '完整台账（XLSX）',
    description: '志愿者、服务记录、活动、结对四个工作表',
  },
  {
    kind: 'csv-volunteers',
    title: '志愿者名册（CSV）',
    description: '本站志愿者档案，手机号与身份证号按权限脱敏',
  },
  {
    kind: 'csv-records',
    title: '服务记录（CSV）',
    description: '志愿服务记录，按统一格式',
  },
  {
    kind: 'csv-activities',
    title: '活动记录（CSV）',
    description: '本站组织的活动',
  },
  {
    kind: 'csv-pairings',
    title: '结对帮扶（CSV）',
    description: '一助一、多助一、一助多',
  },
];

/** The station's ledger (台账) as files, through the public origin with the session's token. */
export default function Ledger() {
  const stationId = useSession()?.user.stationId ?? '';
  const [busy, setBusy] = useState<LedgerFile | null>(null);
  const [error, setError] = useState<unknown>();
  const download = async (kind: LedgerFile) => {
    setBusy(kind);
    setError(undefined);
    try {
      await downloadLedger(stationId, kind);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error} title="下载失败" />
      <Card size="small" title="台账导出">
        <Typography.Paragraph type="secondary">电子台账随时可下载，内容为下载时的最新数据。</Typography.Paragraph>
        <List
          dataSource={FILES}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button
                  key="dl"
                  type={f.kind === 'xlsx' ? 'primary' : 'default'}
                  loading={busy === f.kind}
                  onClick={() => void download(f.kind)}
                >
                  下载
                </Button>,
              ]}
            >
              <List.Item.Meta title={f.title} description={f.description} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
