import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useBusinessYear } from '../clock';
import { Chart } from '../components/Chart';
import { ErrorAlert } from '../errors';
import { useSession } from '../auth/session';
import { useFirstFetchPolicy } from '../prefetch';
import { HoursByMonth, hoursByMonthTitle } from './dashboard/HoursByMonth';
import { QuotaUse } from './dashboard/QuotaUse';
import { REGION, STATION_COUNTS, YEAR_STATS } from './dashboard/queries';
import { dashboardVariables } from './dashboard/variables';
import {
  fmtHours,
  fmtInt,
  label,
  LEVEL_COLOR,
  REGION_LEVEL,
  STATION_CATEGORY,
  STATION_STATUS,
  TITLE_LEVEL,
} from '../format';

/** Verified hours of a year from the monthly series (the same records as the yearly statistics). */
const yearHours = (series: { month: string; verifiedHours: number }[], year: number) =>
  Math.round(series.filter((m) => m.month.startsWith(`${year}-`)).reduce((t, m) => t + m.verifiedHours, 0) * 100) / 100;

const CATEGORIES = [
  'COMMUNITY',
  'CULTURAL_FACILITY',
  'ENTERPRISE',
  'GOVERNMENT',
  'PARK_SCENIC',
  'RESIDENTIAL_POINT',
  'SCHOOL',
  'SERVICE_WINDOW',
  'TOWNSHIP',
  'UNIVERSITY',
] as const;

/** A rate as a percentage (null: no communities / no population entered). */
const pct = (rate: number | null | undefined, digits = 1) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;

function Stat({ title, value, testId, suffix }: { title: string; value: string; testId: string; suffix?: string }) {
  return (
    <Card size="small">
      <Statistic
        title={title}
        value={value}
        suffix={suffix}
        valueRender={() => <span data-testid={testId}>{value}</span>}
      />
    </Card>
  );
}

const ROW = { display: 'flex', justifyContent: 'space-between', padding: '4px 0' } as const;
const TITLES_TITLE = '命名“雷锋号”数量（按级别、年度）';

/** A statistic whose query has not answered yet. */
function Pending() {
  return (
    <Card size="small">
      <Skeleton active paragraph={false} />
    </Card>
  );
}

/** A chart's card, same title and height, while its query has not answered yet. */
function ChartPending({ title }: { title: string }) {
  return (
    <Card title={title} size="small">
      <div style={{ height: 300 }}>
        <Skeleton active paragraph={{ rows: 5 }} />
      </div>
    </Card>
  );
}

export default function Dashboard() {
  const user = useSession()?.user;
  const [params] = useSearchParams();
  const v = dashboardVariables(params, user, useBusinessYear());
  const { code, year, month } = v;
  // The route's loader started both queries with the page's chunk: read its answers (or share its requests).
  const regionPolicy = useFirstFetchPolicy(REGION, v.region);
  const countsPolicy = useFirstFetchPolicy(STATION_COUNTS, v.counts);
  const region = useQuery(REGION, {
    variables: v.region,
    fetchPolicy: regionPolicy,
    skip: !code,
  });
  // Asked once the region has answered, so its database work does not compete with the first charts.
  const yearStats = useQuery(YEAR_STATS, {
    variables: { code, year },
    skip: !code || !region.data,
  });
  const counts = useQuery(STATION_COUNTS, {
    variables: v.counts,
    fetchPolicy: countsPolicy,
    skip: !code,
  });
  const c = counts.data;
  // The region's parts wait for the station counts (the lighter query, usually first), so whatever shows
  // the region's figures also shows the station charts: the page only ever grows.
  const r = c ? region.data?.region : undefined;

  const categoryChart = useMemo(() => {
    const rows = CATEGORIES.map((k) => [STATION_CATEGORY[k], c?.[k]?.totalCount ?? 0] as [string, number]).filter(
      ([, n]) => n > 0,
    );
    return {
      option: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            name: '站点数（个）',
            data: rows.map(([name, value]) => ({ name, value })),
          },
        ],
      },
      table: { columns: ['类别', '站点数（个）'], rows },
    };
  }, [c]);

  const hoursChart = useMemo(() => {
    const children = r?.children ?? [];
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, bottom: 48, top: 32 },
        xAxis: {
          type: 'category',
          data: children.map((ch) => ch.name),
          axisLabel: { interval: 0, rotate: children.length > 6 ? 30 : 0 },
        },
        yAxis: { type: 'value', name: '小时' },
        series: [
          {
            type: 'bar',
            name: `${year} 年`,
            data: children.map((ch) => yearHours(ch.volunteerSeries, year)),
          },
          {
            type: 'bar',
            name: `${year - 1} 年`,
            data: children.map((ch) => yearHours(ch.volunteerSeries, year - 1)),
          },
        ],
      },
      table: {
        columns: ['地区', `${year} 年（小时）`, `${year - 1} 年（小时）`],
        rows: children.map((ch) => [
          ch.name,
          fmtHours(yearHours(ch.volunteerSeries, year)),
          fmtHours(yearHours(ch.volunteerSeries, year - 1)),
        ]),
      },
    };
  }, [r, year]);

  const titlesChart = useMemo(() => {
    const counts = r?.titleCounts ?? [];
    const years = [...new Set(counts.map((t) => t.year))].sort();
    const levels = ['COUNTY', 'CITY', 'PROVINCE'].filter((l) => counts.some((t) => t.level === l));
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, bottom: 32, top: 32 },
        xAxis: { type: 'category', data: years.map((y) => `${y}`) },
        yAxis: { type: 'value', name: '个', minInterval: 1 },
        series: levels.map((l) => ({
          type: 'line',
          name: TITLE_LEVEL[l],
          color: LEVEL_COLOR[l],
          data: years.map((y) => counts.find((t) => t.level === l && t.year === y)?.active ?? 0),
        })),
      },
      table: {
        columns: ['年度', '级别', '有效（个）', '已撤销（个）'],
        rows: counts.map((t) => [t.year, label(TITLE_LEVEL, t.level), t.active, t.revoked]),
      },
    };
  }, [r]);

  if (!code) return <Empty description="当前账号没有地区授权，无法查看看板" />;
  const error = region.error ?? counts.error ?? yearStats.error;
  if (error) return <ErrorAlert error={error} title="看板加载失败" />;
  if (!c) return <Skeleton active paragraph={{ rows: 10 }} />;

  // The station counts (one subgraph) show first, the region's parts as soon as it answers.
  const hoursTitle = `下级地区服务时长（小时）：${year} 年与 ${year - 1} 年`;
  const totalStations = c.active.totalCount + c.suspended.totalCount + c.closed.totalCount;
  const cov = r?.communityCoverage;
  const active = yearStats.data?.region?.thisYear.activeVolunteerCount;
  const share = r?.volunteerShare;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="baseline">
        {r ? (
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-region">
            {r.fullName}
          </Typography.Title>
        ) : (
          <Skeleton.Input active size="small" />
        )}
        <Typography.Text type="secondary">
          {r ? `${label(REGION_LEVEL, r.level)} · ` : ''}
          {year} 年
        </Typography.Text>
        {r?.parent && params.get('region') && params.get('region') !== user?.regionCode && (
          <Link to={`/dashboard?region=${r.parent.code}`}>返回上级：{r.parent.name}</Link>
        )}
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Stat title="站点总数" value={fmtInt(totalStations)} testId="stat-stations" suffix="个" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat title="运行中站点" value={fmtInt(c.active.totalCount)} testId="stat-active-stations" suffix="个" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          {share ? (
            <Stat title="注册志愿者" value={fmtInt(share.registeredVolunteers)} testId="stat-members" suffix="人" />
          ) : (
            <Pending />
          )}
        </Col>
        <Col xs={12} md={8} xl={4}>
          {active === undefined ? (
            <Pending />
          ) : (
            <Stat title="本年活跃志愿者" value={fmtInt(active)} testId="stat-active-volunteers" suffix="人" />
          )}
        </Col>
        <Col xs={12} md={8} xl={4}>
          {r ? (
            <Stat
              title="本年服务时长"
              value={fmtHours(yearHours(r.volunteerSeries, year))}
              testId="stat-hours"
              suffix="小时"
            />
          ) : (
            <Pending />
          )}
        </Col>
        <Col xs={12} md={8} xl={4}>
          {r ? (
            <Stat
              title="上年服务时长"
              value={fmtHours(yearHours(r.volunteerSeries, year - 1))}
              testId="stat-hours-last"
              suffix="小时"
            />
          ) : (
            <Pending />
          )}
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title="社区覆盖率（有运行中站点服务的社区 ÷ 社区总数）">
            {cov ? (
              <>
                <Space wrap size={24}>
                  <Statistic
                    title="合计"
                    value={pct(cov.total.rate)}
                    valueRender={() => <span data-testid="stat-coverage">{pct(cov.total.rate)}</span>}
                  />
                  <Statistic
                    title="城市社区"
                    value={pct(cov.urban.rate)}
                    valueRender={() => <span data-testid="stat-coverage-urban">{pct(cov.urban.rate)}</span>}
                  />
                  <Statistic
                    title="农村社区"
                    value={pct(cov.rural.rate)}
                    valueRender={() => <span data-testid="stat-coverage-rural">{pct(cov.rural.rate)}</span>}
                  />
                </Space>
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  已覆盖 <span data-testid="stat-covered">{fmtInt(cov.total.covered)}</span> 个，共{' '}
                  {fmtInt(cov.total.communities)} 个社区（居委会、村委会）
                </Typography.Paragraph>
              </>
            ) : (
              <Skeleton active paragraph={{ rows: 1 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="注册志愿者占人口比例">
            {share ? (
              <>
                <Statistic
                  value={share.share === null || share.share === undefined ? '未填报人口' : pct(share.share, 2)}
                  valueRender={(node) => <span data-testid="stat-share">{node}</span>}
                />
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  注册志愿者 <span data-testid="stat-registered">{fmtInt(share.registeredVolunteers)}</span> 人 ÷ 人口{' '}
                  {fmtInt(share.population)} 人。{share.definition}
                </Typography.Paragraph>
              </>
            ) : (
              <Skeleton active paragraph={{ rows: 1 }} />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title="站点状态">
            {(['active', 'suspended', 'closed'] as const).map((k) => (
              <div key={k} style={ROW}>
                <span>{STATION_STATUS[k.toUpperCase()]}</span>
                <span data-testid={`status-${k}`}>{fmtInt(c[k].totalCount)}</span>
              </div>
            ))}
            <div style={ROW}>
              <span>社区（居委会、村委会）数</span>
              <span>{r ? fmtInt(r.communityCount.total) : '…'}</span>
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Chart
            title="站点类别分布（个）"
            option={categoryChart.option}
            table={categoryChart.table}
            height={260}
            testId="chart-categories"
          />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          {r ? (
            <Chart title={hoursTitle} option={hoursChart.option} table={hoursChart.table} testId="chart-hours" />
          ) : (
            <ChartPending title={hoursTitle} />
          )}
        </Col>
        <Col xs={24} lg={12}>
          {r ? (
            <Chart title={TITLES_TITLE} option={titlesChart.option} table={titlesChart.table} testId="chart-titles" />
          ) : (
            <ChartPending title={TITLES_TITLE} />
          )}
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          {r ? (
            <HoursByMonth series={r.volunteerSeries} year={year} thisMonth={month} />
          ) : (
            <ChartPending title={hoursByMonthTitle(year)} />
          )}
        </Col>
        <Col xs={24} lg={12}>
          <QuotaUse code={code} year={year} />
        </Col>
      </Row>
      <Card size="small" title="下级地区">
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="children-table"
          loading={!r}
          locale={{ emptyText: '没有下级地区' }}
          dataSource={r?.children ?? []}
          columns={[
            {
              title: '地区',
              dataIndex: 'name',
              render: (name: string, ch) => <Link to={`/dashboard?region=${ch.code}`}>{name}</Link>,
            },
            {
              title: '站点（个）',
              align: 'right',
              render: (_, ch) => fmtInt(ch.stationSeries[0]?.stationCount ?? 0),
            },
            {
              title: '注册志愿者（人）',
              align: 'right',
              render: (_, ch) => fmtInt(ch.volunteerShare.registeredVolunteers),
            },
            {
              title: '本月活跃志愿者（人）',
              align: 'right',
              render: (_, ch) => fmtInt(ch.volunteerSeries.find((m) => m.month === month)?.activeVolunteers ?? 0),
            },
            {
              title: `${year} 年时长（小时）`,
              align: 'right',
              render: (_, ch) => fmtHours(yearHours(ch.volunteerSeries, year)),
            },
            {
              title: `${year - 1} 年时长（小时）`,
              align: 'right',
              render: (_, ch) => fmtHours(yearHours(ch.volunteerSeries, year - 1)),
            },
            {
              title: '',
              render: (_, ch) => <Link to={`/stations?region=${ch.code}`}>站点</Link>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
