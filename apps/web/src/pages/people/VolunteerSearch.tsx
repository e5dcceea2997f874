import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { VolunteerStatus } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { fmtDate, label } from '../../format';

const SEARCH = graphql(`
  query VolunteerSearch($filter: VolunteerSearchInput, $first: Int!, $after: String) {
    searchVolunteers(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        gender
        phone
        piiMasked
        status
        registeredOn
        stations {
          id
          role
          station {
            id
            name
          }
        }
      }
    }
  }
`);

const PAGE = 20;
const STATUS: Record<string, string> = {
  ACTIVE: '正常',
  SUSPENDED: '暂停',
  WITHDRAWN: '已退出',
};
const STATUS_TAG: Record<string, string> = {
  ACTIVE: 'green',
  SUSPENDED: 'orange',
  WITHDRAWN: 'default',
};
const GENDER: Record<string, string> = { MALE: '男', FEMALE: '女' };

interface Values {
  name?: string;
  phone?: string;
  region?: string;
  status?: string;
}

/**
 * Officers find volunteers by name, phone, region and status. Name, region and status live in the URL
 * (shareable); the phone number stays in the page only, never in a URL, and the graph matches it by its
 * keyed hash. Numbers show masked unless the graph returns them whole.
 */
export default function VolunteerSearch() {
  const user = useSession()?.user;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [phone, setPhone] = useState('');
  const name = params.get('name') ?? '';
  const region = params.get('region') ?? user?.regionCode ?? '';
  const status = params.get('status') ?? '';
  const after = params.get('after') ?? undefined;
  const filter = {
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    ...(region ? { regionCode: region } : {}),
    ...(status ? { status: status as VolunteerStatus } : {}),
  };
  const { data, previousData, loading, error } = useQuery(SEARCH, {
    variables: { filter, first: PAGE, after },
  });
  const page = (data ?? previousData)?.searchVolunteers;

  const apply = (v: Values) => {
    const next = new URLSearchParams();
    if (v.name?.trim()) next.set('name', v.name.trim());
    if (v.region?.trim()) next.set('region', v.region.trim());
    if (v.status) next.set('status', v.status);
    setPhone(v.phone?.replace(/\s/g, '') ?? '');
    setParams(next);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Form<Values>
          layout="inline"
          onFinish={apply}
          initialValues={{ name, phone, region, status: status || undefined }}
          key={params.toString()}
          style={{ rowGap: 8 }}
          data-testid="volunteer-search-form"
        >
          <Form.Item name="name" label="姓名">
            <Input allowClear placeholder="输入姓名或其中几个字" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号"
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号码' }]}
          >
            <Input allowClear placeholder="完整手机号" inputMode="numeric" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item
            name="region"
            label="地区代码"
            rules={[{ pattern: /^(\d{6}|\d{9})$/, message: '应为 6 位或 9 位数字' }]}
          >
            <Input allowClear placeholder="如 430102" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 110 }}
              options={Object.entries(STATUS).map(([value, l]) => ({
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
      <ErrorAlert error={error} title="志愿者查询失败" />
      <Card size="small" title="志愿者">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !page}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={page?.nodes ?? []}
          data-testid="volunteer-results"
          locale={{
            emptyText: '没有符合条件的志愿者，请调整姓名、手机号或地区',
          }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '性别', render: (_, v) => label(GENDER, v.gender) },
            { title: '手机号', render: (_, v) => v.phone },
            {
              title: '所在站点',
              render: (_, v) => v.stations.map((m) => m.station.name).join('、') || '—',
            },
            {
              title: '状态',
              render: (_, v) => <Tag color={STATUS_TAG[v.status]}>{label(STATUS, v.status)}</Tag>,
            },
            { title: '注册日期', render: (_, v) => fmtDate(v.registeredOn) },
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
