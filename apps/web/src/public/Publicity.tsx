/** 公示 public page (no login): the candidates (station, host unit, level) and the window of a published notice. */
import { useQuery } from '@apollo/client/react';
import { Alert, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { ErrorAlert } from '../errors';
import { LEVEL_COLOR, TITLE_LEVEL } from '../format';
import { graphql } from '../gql';
import '../volunteer/volunteer.css';
import { ObjectionForm } from './ObjectionForm';

const NOTICE = graphql(`
  query PublicNotice($id: ID!) {
    notice(id: $id) {
      id
      level
      regionCode
      startsOn
      endsOn
      acceptingObjections
      calendarWarning
      candidates {
        applicationId
        level
        station {
          id
          name
          hostUnit
          address
          region {
            code
            fullName
          }
        }
      }
    }
  }
`);

const REGION = graphql(`
  query PublicNoticeRegion($code: ID!) {
    region(code: $code) {
      code
      fullName
    }
  }
`);

export default function Publicity() {
  const { id = '' } = useParams();
  const { data, loading, error } = useQuery(NOTICE, { variables: { id } });
  const n = data?.notice;
  const region = useQuery(REGION, {
    variables: { code: n?.regionCode ?? '' },
    skip: !n,
  });
  if (loading && !data) return <Skeleton active className="public-page" />;
  const level = n ? TITLE_LEVEL[n.level] : '';
  return (
    <div className="public-page">
      <ErrorAlert error={error} />
      {!n ? (
        <Empty description="未找到该公示" />
      ) : (
        <>
          <Typography.Title level={3} data-testid="publicity-title">
            {region.data?.region?.fullName ?? ''}
            {level}“雷锋号”拟命名对象公示
          </Typography.Title>
          <Alert
            type={n.acceptingObjections ? 'info' : 'warning'}
            showIcon
            data-testid="publicity-window"
            title={`公示期：${n.startsOn} 至 ${n.endsOn}`}
            description={
              n.acceptingObjections
                ? '公示期内，任何单位和个人均可对公示对象实名提出异议。'
                : '不在公示期内，不再受理异议。'
            }
            style={{ marginBottom: 12 }}
          />
          {n.calendarWarning ? (
            <Alert type="warning" showIcon title={n.calendarWarning} style={{ marginBottom: 12 }} />
          ) : null}
          <Card title={`公示对象（${n.candidates.length} 个）`} data-testid="publicity-candidates">
            {n.candidates.map((c, i) => (
              <div key={c.applicationId} className="vol-list-item" data-testid={`candidate-${c.applicationId}`}>
                <div className="vol-row">
                  <b>
                    {i + 1}. {c.station.name}
                  </b>
                  <Tag color={LEVEL_COLOR[c.level]}>{TITLE_LEVEL[c.level]}</Tag>
                </div>
                <span>主办单位：{c.station.hostUnit}</span>
                <span>
                  {c.station.region.fullName} {c.station.address}
                </span>
              </div>
            ))}
          </Card>
          {n.acceptingObjections && n.candidates.length > 0 ? (
            <ObjectionForm
              noticeId={n.id}
              candidates={n.candidates.map((c) => ({
                applicationId: c.applicationId,
                name: c.station.name,
              }))}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
