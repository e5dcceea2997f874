import { useQuery } from '@apollo/client/react';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../errors';
import { graphql } from '../gql';
import type { StationCategory, StationStatus } from '../gql/graphql';
import { useSession } from '../auth/session';
import { fmtDate, fmtInt, label, STATION_CATEGORY, STATION_STATUS, STATUS_COLOR, TITLE_LEVEL } from '../format';

const STATIONS = graphql(`
  query StationList($filter: StationFilter, $first: Int!, $after: String) {
    stations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          category
          status
          hostUnit
          establishedOn
          region {
            code
            fullName
          }
          currentTitle {
            level
          }
        }
      }
    }
  }
`);

const PAGE = 20;

/** Filters and the page cursor live in the URL, so a filtered list can be shared. */
export default function Stations() {
  const user = useSession()?.user;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const search = params.get('q') ?? '';
  const region = params.get('region') ?? user?.regionCode ?? '';
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  const after = params.get('after') ?? undefined;
  const filter = {
    ...(search ? { search } : {}),
    ...(region ? { regionCode: region } : {}),
    ...(status ? { statuses: [status as StationStatus] } : {}),
    ...(category ? { categories: [category as StationCategory] } : {}),
  };
  const { data, previousData, loading, error } = useQuery(STATIONS, {
    variables: { filter, first: PAGE, after },
  });
  const page = (data ?? previousData)?.stations;

  const apply = (v: { q?: string; region?: string; status?: string; category?: string }) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.region?.trim()) next.set('region', v.region.trim());
    if (v.status) next.set('status', v.status);
    if (v.category) next.set('category', v.category);
    setParams(next);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Form
          layout="inline"
          onFinish={apply}
          initialValues={{
            q: search,
            region,
            status: status || undefined,
            category: category || undefined,
          }}
          key={params.toString()}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="q" label="站点名称">
            <Input allowClear placeholder="输入名称关键字" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="region" label="地区代码" rules={[{ pattern: /^\d{6}$/, message: '应为 6 位数字' }]}>
            <Input allowClear placeholder="如 430102" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 110 }}
              options={Object.entries(STATION_STATUS).map(([value, l]) => ({
                value,
                label: l,
              }))}
            />
          </Form.Item>
          <Form.Item name="category" label="类别">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              options={Object.entries(STATION_CATEGORY).map(([value, l]) => ({
                value,
                label: l,
              }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ErrorAlert error={error} title="站点列表加载失败" />
      <Card
        size="small"
        title={
          <span>
            站点列表{' '}
            <Typography.Text type="secondary">
              共 <span data-testid="stations-total">{fmtInt(page?.totalCount ?? 0)}</span> 个
            </Typography.Text>
          </span>
        }
      >
        <Table
          size="small"
          rowKey={(e) => e.node.id}
          loading={loading && !page}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={page?.edges ?? []}
          locale={{ emptyText: '没有符合条件的站点，请调整筛选条件' }}
          columns={[
            {
              title: '站点名称',
              render: (_, e) => <Link to={`/stations/${e.node.id}`}>{e.node.name}</Link>,
            },
            { title: '地区', render: (_, e) => e.node.region.fullName },
            {
              title: '类别',
              render: (_, e) => label(STATION_CATEGORY, e.node.category),
            },
            {
              title: '状态',
              render: (_, e) => <Tag color={STATUS_COLOR[e.node.status]}>{label(STATION_STATUS, e.node.status)}</Tag>,
            },
            {
              title: '称号',
              render: (_, e) =>
                e.node.currentTitle ? (
                  <Tag color="red">{label(TITLE_LEVEL, e.node.currentTitle.level)}雷锋号</Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: '建站日期',
              render: (_, e) => fmtDate(e.node.establishedOn),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={!after} onClick={() => void navigate(-1)}>
            上一页
          </Button>
          <Button
            disabled={!page?.pageInfo.hasNextPage}
            onClick={() => {
              const next = new URLSearchParams(params);
              next.set('after', page!.pageInfo.endCursor!);
              setParams(next);
            }}
          >
            下一页
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
