import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { Chart } from '../components/Chart';
import { ErrorAlert } from '../errors';
import { graphql } from '../gql';
import { useSession } from '../auth/session';
import { HoursByMonth } from './dashboard/HoursByMonth';
import { QuotaUse } from './dashboard/QuotaUse';
import {
  currentMonth,
  currentYear,
  fmtHours,
  fmtInt,
  label,
  LEVEL_COLOR,
  REGION_LEVEL,
  STATION_CATEGORY,
  STATION_STATUS,
  TITLE_LEVEL,
} from '../format';

const REGION = graphql(`
  query DashboardRegion($code: ID!, $from: String!, $to: String!, $month: String!) {
    region(code: $code) {
      code
      name
      fullName
      level
      communityCount {
        total
      }
      communityCoverage {
        total {
          communities
          covered
          rate
        }
        urban {
          communities
          covered
          rate
        }
        rural {
          communities
          covered
          rate
        }
      }
      volunteerShare {
        registeredVolunteers
        population
        share
        definition
      }
      volunteerSeries(from: $from, to: $to) {
        month
        verifiedHours
      }
      parent {
        code
        name
      }
      titleCounts {
        level
        year
        active
        revoked
      }
      children {
        code
        name
        level
        volunteerShare {
          registeredVolunteers
        }
        volunteerSeries(from: $from, to: $to) {
          month
          verifiedHours
          activeVolunteers
        }
        stationSeries(from: $month, to: $month) {
          stationCount
        }
      }
    }
  }
`);

// The distinct active volunteers of the year: a slower read, so the charts do not wait for it.
const YEAR_STATS = graphql(`
  query DashboardYearStats($code: ID!, $year: Int!) {
    region(code: $code) {
      code
      thisYear: serviceStats(year: $year) {
        activeVolunteerCount
      }
    }
  }
`);

/** Verified hours of a year from the monthly series (the same records as the yearly statistics). */
const yearHours = (series: { month: string; verifiedHours: number }[], year: number) =>
  Math.round(series.filter((m) => m.month.startsWith(`${year}-`)).reduce((t, m) => t + m.verifiedHours, 0) * 100) / 100;

// Stations by status and by category: one count per alias (14 of the gateway's 15).
const STATION_COUNTS = graphql(`
  query DashboardStationCounts($code: ID!) {
    active: stations(first: 0, filter: { regionCode: $code, statuses: [ACTIVE] }) {
      totalCount
    }
    suspended: stations(first: 0, filter: { regionCode: $code, statuses: [SUSPENDED] }) {
      totalCount
    }
    closed: stations(first: 0, filter: { regionCode: $code, statuses: [CLOSED] }) {
      totalCount
    }
    COMMUNITY: stations(first: 0, filter: { regionCode: $code, categories: [COMMUNITY] }) {
      totalCount
    }
    CULTURAL_FACILITY: stations(first: 0, filter: { regionCode: $code, categories: [CULTURAL_FACILITY] }) {
      totalCount
    }
    ENTERPRISE: stations(first: 0, filter: { regionCode: $code, categories: [ENTERPRISE] }) {
      totalCount
    }
    GOVERNMENT: stations(first: 0, filter: { regionCode: $code, categories: [GOVERNMENT] }) {
      totalCount
    }
    PARK_SCENIC: stations(first: 0, filter: { regionCode: $code, categories: [PARK_SCENIC] }) {
      totalCount
    }
    RESIDENTIAL_POINT: stations(first: 0, filter: { regionCode: $code, categories: [RESIDENTIAL_POINT] }) {
      totalCount
    }
    SCHOOL: stations(first: 0, filter: { regionCode: $code, categories: [SCHOOL] }) {
      totalCount
    }
    SERVICE_WINDOW: stations(first: 0, filter: { regionCode: $code, categories: [SERVICE_WINDOW] }) {
      totalCount
    }
    TOWNSHIP: stations(first: 0, filter: { regionCode: $code, categories: [TOWNSHIP] }) {
      totalCount
    }
    UNIVERSITY: stations(first: 0, filter: { regionCode: $code, categories: [UNIVERSITY] }) {
      totalCount
    }
  }
`);

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

export default function Dashboard() {
  const user = useSession()?.user;
  const [params] = useSearchParams();
  const code = params.get('region') || user?.regionCode || '';
  const year = currentYear();
  const month = currentMonth();
  const region = useQuery(REGION, {
    variables: { code, from: `${year - 1}-01`, to: `${year}-12`, month },
    skip: !code,
  });
  // Asked once the region has answered, so its database work does not compete with the first charts.
  const yearStats = useQuery(YEAR_STATS, {
    variables: { code, year },
    skip: !code || !region.data,
  });
  const counts = useQuery(STATION_COUNTS, { variables: { code }, skip: !code });
  const r = region.data?.region;
  const c = counts.data;

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
  if (!r || !c) return <Skeleton active paragraph={{ rows: 10 }} />;

  const totalStations = c.active.totalCount + c.suspended.totalCount + c.closed.totalCount;
  const cov = r.communityCoverage;
  const active = yearStats.data?.region?.thisYear.activeVolunteerCount;
  const share = r.volunteerShare;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-region">
          {r.fullName}
        </Typography.Title>
        <Typography.Text type="secondary">
          {label(REGION_LEVEL, r.level)} · {year} 年
        </Typography.Text>
        {r.parent && params.get('region') && params.get('region') !== user?.regionCode && (
          <Link
            to={
              r.parent.code === user?.regionCode || !user?.regionCode
                ? `/dashboard?region=${r.parent.code}`
                : `/dashboard?region=${r.parent.code}`
            }
          >
            返回上级：{r.parent.name}
          </Link>
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
          <Stat title="注册志愿者" value={fmtInt(share.registeredVolunteers)} testId="stat-members" suffix="人" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          {active === undefined ? (
            <Card size="small">
              <Skeleton active paragraph={false} />
            </Card>
          ) : (
            <Stat title="本年活跃志愿者" value={fmtInt(active)} testId="stat-active-volunteers" suffix="人" />
          )}
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="本年服务时长"
            value={fmtHours(yearHours(r.volunteerSeries, year))}
            testId="stat-hours"
            suffix="小时"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="上年服务时长"
            value={fmtHours(yearHours(r.volunteerSeries, year - 1))}
            testId="stat-hours-last"
            suffix="小时"
          />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title="社区覆盖率（有运行中站点服务的社区 ÷ 社区总数）">
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
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="注册志愿者占人口比例">
            <Statistic
              value={share.share === null || share.share === undefined ? '未填报人口' : pct(share.share, 2)}
              valueRender={(node) => <span data-testid="stat-share">{node}</span>}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              注册志愿者 <span data-testid="stat-registered">{fmtInt(share.registeredVolunteers)}</span> 人 ÷ 人口{' '}
              {fmtInt(share.population)} 人。{share.definition}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title="站点状态">
            {(['active', 'suspended', 'closed'] as const).map((k) => (
              <div
                key={k}
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  padding: '4px 0',
                }}
              >
                <span>{STATION_STATUS[k.toUpperCase()]}</span>
                <span data-testid={`status-${k}`}>{fmtInt(c[k].totalCount)}</span>
              </div>
            ))}
            <div
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                padding: '4px 0',
              }}
            >
              <span>社区（居委会、村委会）数</span>
              <span>{fmtInt(r.communityCount.total)}</span>
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
          <Chart
            title={`下级地区服务时长（小时）：${year} 年与 ${year - 1} 年`}
            option={hoursChart.option}
            table={hoursChart.table}
            testId="chart-hours"
          />
        </Col>
        <Col xs={24} lg={12}>
          <Chart
            title="命名“雷锋号”数量（按级别、年度）"
            option={titlesChart.option}
            table={titlesChart.table}
            testId="chart-titles"
          />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <HoursByMonth series={r.volunteerSeries} year={year} thisMonth={month} />
        </Col>
        <Col xs={24} lg={12}>
          <QuotaUse code={r.code} year={year} />
        </Col>
      </Row>
      <Card size="small" title="下级地区">
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="children-table"
          locale={{ emptyText: '没有下级地区' }}
          dataSource={r.children}
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
