import { useQuery } from '@apollo/client/react';
import { Button, QRCode, Result, Skeleton, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { fmtDateTime } from '../../format';
import './print.css';

const ACTIVITY = graphql(`
  query ActivityPoster($id: ID!) {
    activity(id: $id) {
      id
      title
      place
      startsAt
      endsAt
      signInCode
      station {
        id
        name
      }
    }
  }
`);

/** The check-in page volunteers open by scanning (built by the volunteer pages). */
const checkInUrl = (code: string) => `${window.location.origin}/checkin/${code}`;

/** A4 sign-in poster: the check-in URL as a QR code, printed from the browser. */
export default function ActivityPoster() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, loading, error } = useQuery(ACTIVITY, { variables: { id } });
  const a = data?.activity;
  if (loading && !data) return <Skeleton active />;
  if (error) return <ErrorAlert error={error} title="活动加载失败" />;
  if (!a)
    return (
      <Result
        status="404"
        title="未找到活动"
        extra={<Button onClick={() => void navigate('/my-station/activities')}>返回活动列表</Button>}
      />
    );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space className="no-print" wrap>
        <Button onClick={() => void navigate('/my-station/activities')}>返回活动列表</Button>
        <Button type="primary" onClick={() => window.print()} disabled={!a.signInCode}>
          打印海报
        </Button>
      </Space>
      <div className="poster-sheet print-sheet" data-testid="poster">
        <Typography.Text type="secondary">{a.station.name}</Typography.Text>
        <h1>{a.title}</h1>
        <Typography.Paragraph>
          {fmtDateTime(a.startsAt)} 至 {fmtDateTime(a.endsAt)}
          <br />
          {a.place}
        </Typography.Paragraph>
        {a.signInCode ? (
          <Space orientation="vertical" align="center">
            <QRCode value={checkInUrl(a.signInCode)} size={280} errorLevel="M" data-testid="poster-qr" />
            <Typography.Title level={4} style={{ margin: 0 }}>
              志愿者扫码签到
            </Typography.Title>
            <Typography.Text>
              或打开 {window.location.host}/checkin 输入签到码{' '}
              <strong data-testid="sign-in-code">{a.signInCode}</strong>
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">签到码仅对本站管理员可见</Typography.Text>
        )}
      </div>
    </Space>
  );
}
