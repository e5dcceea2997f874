import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { authorizedFetch, useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { useBusinessYear } from '../../clock';
import { fmtDate, fmtHours } from '../../format';

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
            revokeReason
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

const REVOKE = graphql(`
  mutation RevokeCertificate($id: ID!, $reason: String!) {
    revokeCertificate(id: $id, reason: $reason) {
      id
      revokedAt
      revokeReason
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
  const [revoking, setRevoking] = useState<{ id: string; number: string; holder: string } | null>(null);
  const [form] = Form.useForm<{ volunteerId: string; year?: number | null }>();
  const clock = useBusinessYear();
  // The year field starts at the business year once the clock answers (unless already changed).
  useEffect(() => {
    if (clock.known && !form.isFieldTouched('year')) form.setFieldValue('year', clock.year);
  }, [clock.known, clock.year, form]);
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
          initialValues={{ year: clock.year }}
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
            <InputNumber min={2000} max={clock.year} style={{ width: 100 }} />
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
              render: (_, c) =>
                c.revokedAt ? (
                  <Tooltip title={`${fmtDate(c.revokedAt)} 撤销：${c.revokeReason ?? ''}`}>
                    <Tag>已撤销</Tag>
                  </Tooltip>
                ) : (
                  <Tag color="green">有效</Tag>
                ),
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
                  {!c.revokedAt && (
                    <Button type="link" danger onClick={() => setRevoking(c)}>
                      撤销
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RevokeModal
        target={revoking}
        onClose={() => setRevoking(null)}
        onDone={(number) => {
          setRevoking(null);
          message.success(`已撤销证明 ${number}`);
          void refetch();
        }}
      />
    </Space>
  );
}

/** Revoking asks for the reason (kept with the certificate and shown by the public verification page). */
function RevokeModal({
  target,
  onClose,
  onDone,
}: {
  target: { id: string; number: string; holder: string } | null;
  onClose: () => void;
  onDone: (number: string) => void;
}) {
  const [revoke, revoked] = useMutation(REVOKE);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await revoke({ variables: { id: target.id, reason: v.reason } });
      form.resetFields();
      onDone(target.number);
    } catch {
      /* shown in the dialog */
    }
  };
  return (
    <Modal
      open={!!target}
      title={`撤销证明 ${target?.number ?? ''}`}
      okText="确认撤销"
      okButtonProps={{ danger: true, loading: revoked.loading }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={revoked.error} title="撤销失败" />
      <p>撤销后，{target?.holder ?? ''} 的这份证明在公开核验页显示为“已撤销”，且不能恢复。</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="撤销原因"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { min: 2, message: '撤销原因至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
