/** 我的: my service records with their status and my certificates (PDF download), links to points and duty. */
import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { App, Button, Card, Empty, Skeleton, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { authorizedFetch, signOut } from '../auth/session';
import { ErrorAlert } from '../errors';
import { fmtDate, fmtHours, label, RECORD_STATUS } from '../format';
import { graphql } from '../gql';

const MINE = graphql(`
  query VolunteerMine {
    myVolunteer {
      id
      serviceRecords {
        id
        activityName
        serviceDate
        place
        hours
        status
        rejectReason
        station {
          id
          name
        }
      }
      certificates {
        id
        number
        totalHours
        issuedAt
        revokedAt
        station {
          id
          name
        }
      }
    }
  }
`);

const STATUS_COLOR: Record<string, string> = {
  PENDING: 'orange',
  VERIFIED: 'green',
  REJECTED: 'red',
  REVERSED: 'default',
};

/** The PDF needs the bearer token: fetched, then saved from a blob URL. */
async function downloadPdf(id: string, number: string): Promise<void> {
  const res = await authorizedFetch(`/certificates/${id}.pdf`);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { message?: string };
    };
    throw new Error(body.error?.message ?? `下载失败（HTTP ${res.status}）`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${number}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function VolunteerMine() {
  const { message } = App.useApp();
  const { data, loading, error } = useQuery(MINE);
  const [busy, setBusy] = useState<string | null>(null);
  if (loading && !data) return <Skeleton active />;
  const v = data?.myVolunteer;
  const download = async (id: string, number: string) => {
    setBusy(id);
    try {
      await downloadPdf(id, number);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ErrorAlert error={error} />
      <div className="vol-stats" style={{ marginBottom: 12 }}>
        <Link to="/me/points">
          <Button block className="vol-big-button">
            积分
          </Button>
        </Link>
        <Link to="/me/duty">
          <Button block className="vol-big-button">
            值班报名
          </Button>
        </Link>
      </div>
      <Card title="我的志愿服务证明" data-testid="my-certificates">
        {!v?.certificates.length ? (
          <Empty description="暂无服务证明：可请站点出具" />
        ) : (
          v.certificates.map((c) => (
            <div key={c.id} className="vol-list-item" data-testid={`certificate-${c.number}`}>
              <div className="vol-row">
                <b>{c.number}</b>
                {c.revokedAt ? <Tag>已撤销</Tag> : <Tag color="green">有效</Tag>}
              </div>
              <span>
                {c.station.name} · {fmtHours(c.totalHours)} 小时 · {fmtDate(c.issuedAt)} 出具
              </span>
              <Button onClick={() => void download(c.id, c.number)} loading={busy === c.id}>
                下载 PDF
              </Button>
            </div>
          ))
        )}
      </Card>
      <Card title="我的服务记录" data-testid="my-records">
        {!v?.serviceRecords.length ? (
          <Empty description="暂无服务记录：报名参加活动，现场扫码签到即可记录" />
        ) : (
          v.serviceRecords.map((r) => (
            <div key={r.id} className="vol-list-item" data-testid={`record-${r.id}`}>
              <div className="vol-row">
                <b>{r.activityName}</b>
                <Tag color={STATUS_COLOR[r.status]}>{label(RECORD_STATUS, r.status)}</Tag>
              </div>
              <span>
                {fmtDate(r.serviceDate)} · {r.station.name} ·{' '}
                {r.hours === null || r.hours === undefined ? '进行中' : `${fmtHours(r.hours)} 小时`}
              </span>
              {r.rejectReason ? <span>驳回原因：{r.rejectReason}</span> : null}
            </div>
          ))
        )}
      </Card>
      <Space style={{ width: '100%', justifyContent: 'center' }}>
        <Button type="link" onClick={() => signOut()}>
          退出登录
        </Button>
      </Space>
    </>
  );
}
