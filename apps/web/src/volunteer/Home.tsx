/** 首页: my verified hours, star level, points, and what I signed up for next. */
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../errors';
import { fmtHours } from '../format';
import { currentYear } from '../shanghai';
import { useFirstFetchPolicy } from '../prefetch';
import { useBusinessNow } from '../clock';
import { MY_RECORD } from './queries';

const STARS = ['未评星', '一星', '二星', '三星', '四星', '五星'];

export default function VolunteerHome() {
  // "This year" is the platform's year (a sandbox rehearsal may be in another one than the phone). The route's
  // loader started the clock and this query (with the phone's year) beside the chunk: when the years agree,
  // as they do outside a rehearsal, the page reads that answer instead of asking again.
  const clock = useBusinessNow();
  const variables = { year: clock.now?.year() ?? currentYear() };
  const fetchPolicy = useFirstFetchPolicy(MY_RECORD, variables);
  const { data, loading, error } = useQuery(MY_RECORD, { variables, fetchPolicy, skip: !clock.now });
  if (clock.error) return <ErrorAlert error={clock.error} />;
  if (!clock.now || (loading && !data)) return <Skeleton active />;
  const v = data?.myVolunteer;
  return (
    <>
      <ErrorAlert error={error} />
      {!v ? (
        <Card>
          <Empty description="还没有志愿者档案：请到就近的学雷锋志愿服务站登记（登记时的手机号与登录手机号一致即可自动关联）" />
        </Card>
      ) : (
        <>
          <Typography.Title level={4} data-testid="volunteer-name">
            {v.name}
          </Typography.Title>
          {v.status !== 'ACTIVE' && (
            <Alert type="warning" showIcon title="当前不在服务状态，暂不能报名活动" style={{ marginBottom: 12 }} />
          )}
          <div className="vol-stats">
            <div className="vol-stat">
              本年已认证时长（小时）
              <b data-testid="hours-year">{fmtHours(v.thisYear)}</b>
            </div>
            <div className="vol-stat">
              累计已认证时长（小时）
              <b data-testid="hours-total">{fmtHours(v.total)}</b>
            </div>
            <div className="vol-stat">
              星级
              <b data-testid="star-level">{STARS[v.starLevel] ?? `${v.starLevel} 星`}</b>
              {v.hoursToNextStar !== null && v.hoursToNextStar !== undefined
                ? `距下一星级还差 ${fmtHours(v.hoursToNextStar)} 小时`
                : '已达最高星级'}
            </div>
            <div className="vol-stat">
              积分余额
              <b data-testid="points-balance">{fmtHours(v.timeBank.balance)}</b>
              可用 {fmtHours(v.timeBank.available)}
            </div>
          </div>
          <Card title="我的站点" style={{ marginTop: 12 }}>
            {v.stations.length === 0 ? (
              <Empty description="尚未加入站点" />
            ) : (
              v.stations.map((m) => (
                <div key={m.id} className="vol-list-item">
                  {m.station.name}
                </div>
              ))
            )}
          </Card>
          <div className="vol-stats">
            <Link to="/me/activities">
              <Button block type="primary" className="vol-big-button">
                找活动
              </Button>
            </Link>
            <Link to="/me/mine">
              <Button block className="vol-big-button">
                服务记录与证明
              </Button>
            </Link>
          </div>
        </>
      )}
    </>
  );
}
