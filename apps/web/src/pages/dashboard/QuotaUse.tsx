import { useQuery } from '@apollo/client/react';
import { Card, Table, Typography } from 'antd';
import { graphql } from '../../gql';
import { fmtInt, label, TITLE_LEVEL } from '../../format';

const CYCLES = graphql(`
  query DashboardCycles($issuer: ID!) {
    cycles(issuingRegionCode: $issuer) {
      id
      year
    }
  }
`);

const QUOTAS = graphql(`
  query DashboardQuotaUse($code: ID!, $cycleId: ID!) {
    region(code: $code) {
      code
      quotaUse(cycleId: $cycleId) {
        regionCode
        region {
          code
          name
        }
        level
        amount
        used
      }
    }
  }
`);

/** Quotas of the province's cycle of the year (or its latest) under the region, with their use. */
export function QuotaUse({ code, year }: { code: string; year: number }) {
  const issuer = `${code.slice(0, 2)}0000`;
  const cycles = useQuery(CYCLES, { variables: { issuer } });
  const list = cycles.data?.cycles ?? [];
  const cycle = list.find((c) => c.year === year) ?? [...list].sort((a, b) => b.year - a.year)[0];
  const quotas = useQuery(QUOTAS, {
    variables: { code, cycleId: cycle?.id ?? '' },
    skip: !cycle,
  });
  const rows = quotas.data?.region?.quotaUse ?? [];
  return (
    <Card size="small" title={cycle ? `名额使用（${cycle.year} 年度创建活动）` : '名额使用'} data-testid="quota-use">
      {!cycle && !cycles.loading ? (
        <Typography.Text type="secondary">本省尚未开启年度创建活动，暂无名额</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey={(q) => `${q.regionCode}-${q.level}`}
          loading={cycles.loading || quotas.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '本地区在该年度没有名额' }}
          dataSource={rows}
          columns={[
            { title: '地区', render: (_, q) => q.region.name },
            { title: '级别', render: (_, q) => label(TITLE_LEVEL, q.level) },
            {
              title: '名额（个）',
              align: 'right',
              render: (_, q) => fmtInt(q.amount),
            },
            {
              title: '已推荐（个）',
              align: 'right',
              render: (_, q) => fmtInt(q.used),
            },
            {
              title: '剩余（个）',
              align: 'right',
              render: (_, q) => fmtInt(Math.max(0, q.amount - q.used)),
            },
          ]}
        />
      )}
    </Card>
  );
}
