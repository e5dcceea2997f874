import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, InputNumber, Select, Space, Table, Tag } from 'antd';
import { authorizedFetch, useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { currentYear, fmtDate, fmtHours } from '../../format';

const CERTIFICATES = graphql(`
  query MyStationCertificates($id: ID!) {
    station(id: $id) {
      id
      members {
        id
        volunteer {
          id
          name
          certificates {
            id
            number
            totalHours
            issuedAt
            revokedAt
            verificationCode
            station {
              id
            }
          }
        }
      }
    }
  }
`);

const ISSUE = graphql(`
  mutation IssueCertificate($input: IssueCertificateInput!) {
    issueCertificate(input: $input) {
      id
      number
      totalHours
    }
  }
`);

/** The certificate PDF through the public origin's /certificates proxy, with the session's token. */
async function downloadPdf(id: string, number: string) {
  const res = await authorizedFetch(`/certificates/${id}.pdf`);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { message?: string; code?: string };
    };
    throw new Error(
      `${body.error?.message ?? `下载失败（HTTP ${res.status}）`}${body.error?.code ? ` [${body.error.code}]` : ''}`,
    );
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `志愿服务证明-${number}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** 志愿服务记录证明: issue one for a member (a year's verified records, or all), list and download them. */
export default function Certificates() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const { data, loading, error, refetch } = useQuery(CERTIFICATES, {
    variables: { id: stationId },
    skip: !stationId,
  });
  const [issue, issued] = useMutation(ISSUE);
  const [downloadError, setDownloadError] = useState<unknown>();
  const [form] = Form.useForm<{ volunteerId: string; year?: number | null }>();
  const members = useMemo(
    () => (data?.station?.members ?? []).flatMap((m) => (m.volunteer ? [m.volunteer] : [])),
    [data],
  );
  const rows = members.flatMap((v) =>
    v.certificates.filter((c) => c.station.id === stationId).map((c) => ({ ...c, holder: v.name })),
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? issued.error ?? downloadError} title="操作失败" />
      <Card size="small" title="出具志愿服务证明">
        <Form
          form={form}
          layout="inline"
          initialValues={{ year: currentYear() }}
          disabled={issued.loading}
          onFinish={(v) =>
            void (async () => {
              try {
                const res = await issue({
                  variables: {
                    input: {
                      stationId,
                      volunteerId: v.volunteerId,
                      year: v.year ?? undefined,
                    },
                  },
                });
                message.success(`已出具证明 ${res.data?.issueCertificate.number ?? ''}`);
                void refetch();
              } catch {
                /* shown above */
              }
            })()
          }
        >
          <Form.Item name="volunteerId" label="志愿者" rules={[{ required: true, message: '请选择志愿者' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              options={members.map((v) => ({ value: v.id, label: v.name }))}
            />
          </Form.Item>
          <Form.Item name="year" label="年度" extra="留空为全部已审核记录">
            <InputNumber min={2000} max={currentYear()} style={{ width: 100 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={issued.loading}>
            出具
          </Button>
        </Form>
      </Card>
      <Card size="small" title="已出具的证明">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={rows}
          locale={{ emptyText: '尚未出具证明：在上方选择志愿者后出具' }}
          columns={[
            { title: '编号', dataIndex: 'number' },
            { title: '志愿者', dataIndex: 'holder' },
            {
              title: '时长（小时）',
              align: 'right',
              render: (_, c) => fmtHours(c.totalHours),
            },
            { title: '出具日期', render: (_, c) => fmtDate(c.issuedAt) },
            {
              title: '状态',
              render: (_, c) => (c.revokedAt ? <Tag>已撤销</Tag> : <Tag color="green">有效</Tag>),
            },
            {
              title: '操作',
              render: (_, c) => (
                <Space size={0}>
                  <Button
                    type="link"
                    onClick={() => void downloadPdf(c.id, c.number).catch((e: unknown) => setDownloadError(e))}
                  >
                    下载 PDF
                  </Button>
                  <Button type="link" href={`/verify/${c.verificationCode}`} target="_blank">
                    核验页
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
