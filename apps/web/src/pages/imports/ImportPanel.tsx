import { useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { ErrorAlert } from '../../errors';
import { downloadTemplate, fileToBase64, rowProblems, type TemplateColumn } from './sheet';

const MAX_BYTES = 1024 * 1024;

export interface ImportPanelProps {
  title: string;
  templateName: string;
  sheetName: string;
  columns: TemplateColumn[];
  /** Column names by the error's field (e.g. leader.phone → 负责人电话). */
  fieldLabels: Record<string, string>;
  /** Sends the file; answers how many rows were written. Throws the platform's error. */
  run: (contentBase64: string) => Promise<number>;
  /** What was written, e.g. "站点". */
  noun: string;
}

/**
 * Template download, file choice, import, and the outcome: the count written, or every bad row with
 * its number and reason (nothing is written then).
 */
export function ImportPanel({ title, templateName, sheetName, columns, fieldLabels, run, noun }: ImportPanelProps) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<number | null>(null);
  const problems = rowProblems(error);

  const start = async () => {
    if (!file || busy) return;
    setBusy(true);
    setError(undefined);
    setDone(null);
    try {
      const n = await run(await fileToBase64(file));
      setDone(n);
      setFile(null);
      message.success(`已导入 ${n} 条${noun}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={title}>
        <Typography.Paragraph>
          先下载模板，按「填写说明」逐行填写后上传。任何一行有误时整个文件都不会导入，页面会列出每个有误的行号和原因。
        </Typography.Paragraph>
        <Space wrap>
          <Button
            onClick={() => void downloadTemplate(templateName, sheetName, columns).catch((e) => setError(e))}
            data-testid="download-template"
          >
            下载导入模板（XLSX）
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                setError(new Error('导入文件不能超过 1 MB'));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setError(undefined);
              setDone(null);
              return false;
            }}
          >
            <Button data-testid="choose-file">选择文件</Button>
          </Upload>
          <Button
            type="primary"
            disabled={!file}
            loading={busy}
            onClick={() => void start()}
            data-testid="start-import"
          >
            开始导入
          </Button>
        </Space>
        {file && (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>已选择：{file.name}</Typography.Paragraph>
        )}
      </Card>
      {done !== null && (
        <Alert type="success" showIcon title={`导入成功：共 ${done} 条${noun}`} data-testid="import-done" />
      )}
      {problems.length > 0 ? (
        <Card size="small" title={<span data-testid="import-failed">文件有误，未导入任何数据</span>}>
          <ErrorAlert error={error} title="导入失败" />
          <Table
            size="small"
            rowKey="key"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={problems}
            data-testid="row-problems"
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              {
                title: '列',
                render: (_, p) => fieldLabels[p.field] ?? (p.field || '—'),
                width: 120,
              },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
        </Card>
      ) : (
        <ErrorAlert error={error} title="导入失败" />
      )}
    </Space>
  );
}
