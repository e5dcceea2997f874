import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Col, Descriptions, Empty, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useBusinessYear } from '../clock';
import { ErrorAlert } from '../errors';
import { graphql } from '../gql';
import type { TitleLevel } from '../gql/graphql';
import {
  CRITERION_KIND,
  CRITERION_STATUS,
  FACILITY,
  fmtDate,
  label,
  STATION_CATEGORY,
  STATION_STATUS,
  STATUS_COLOR,
  TITLE_LEVEL,
  WEEKDAY,
} from '../format';

const STATION = graphql(`
  query StationDetail($id: ID!) {
    station(id: $id) {
      id
      name
      category
      status
      hostUnit
      address
      postalCode
      hotline
      establishedOn
      unitHeadcount
      closedReason
      region {
        code
        fullName
      }
      leader {
        name
        phone
      }
      openingHours {
        weekday
        opens
        closes
      }
      facilities
      serviceItems {
        name
        description
      }
      currentTitle {
        level
        certificateNumber
        conferredOn
      }
      titles {
        id
        level
        status
        conferredOn
        certificateNumber
      }
    }
    standardSets {
      id
      name
      year
      levels
    }
  }
`);

const COMPLIANCE = graphql(`
  query StationCompliance($id: ID!, $set: ID!, $year: Int!, $level: TitleLevel) {
    station(id: $id) {
      id
      compliance(standardSet: $set, year: $year, level: $level) {
        met
        level
        asOf
        criteria {
          code
          name
          kind
          status
          detail
        }
      }
    }
  }
`);

function Compliance({
  stationId,
  sets,
}: {
  stationId: string;
  sets: { id: string; name: string; year: number; levels: TitleLevel[] }[];
}) {
  const [setId, setSetId] = useState(sets[0]?.id);
  const { year } = useBusinessYear();
  const { data, error, loading } = useQuery(COMPLIANCE, {
    variables: { id: stationId, set: setId!, year },
    skip: !setId,
  });
  const c = data?.station?.compliance;
  const unmet = c?.criteria.filter((k) => k.status !== 'MET') ?? [];
  return (
    <Card
      size="small"
      title="达标情况"
      extra={
        <Select
          size="small"
          style={{ width: 220, maxWidth: '50vw' }}
          value={setId}
          onChange={setSetId}
          options={sets.map((s) => ({
            value: s.id,
            label: `${s.name}（${s.year}）`,
          }))}
          aria-label="标准"
        />
      }
    >
      <ErrorAlert error={error} title="达标情况加载失败" />
      {loading && !c ? (
        <Skeleton active />
      ) : c ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            {c.met ? <Tag color="green">全部达标</Tag> : <Tag color="red">{unmet.length} 项未达标或待评定</Tag>}
            <Typography.Text type="secondary">
              按 {label(TITLE_LEVEL, c.level)}标准，截至 {fmtDate(c.asOf)}
            </Typography.Text>
          </Space>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...c.criteria].sort((a, b) => Number(a.status === 'MET') - Number(b.status === 'MET'))}
            data-testid="compliance-table"
            columns={[
              { title: '指标', dataIndex: 'name' },
              {
                title: '核验方式',
                render: (_, k) => label(CRITERION_KIND, k.kind),
              },
              {
                title: '结果',
                render: (_, k) => (
                  <Tag color={k.status === 'MET' ? 'green' : k.status === 'NOT_MET' ? 'red' : 'default'}>
                    {label(CRITERION_STATUS, k.status)}
                  </Tag>
                ),
              },
              { title: '依据', dataIndex: 'detail' },
            ]}
          />
        </Space>
      ) : (
        <Empty description="请选择标准" />
      )}
    </Card>
  );
}

export default function StationDetail() {
  const { id = '' } = useParams();
  const { data, error, loading } = useQuery(STATION, { variables: { id } });
  if (error) return <ErrorAlert error={error} title="站点加载失败" />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const s = data?.station;
  if (!s) return <Empty description="未找到该站点" />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="station-name">
          {s.name}
        </Typography.Title>
        <Tag color={STATUS_COLOR[s.status]}>{label(STATION_STATUS, s.status)}</Tag>
        {s.currentTitle && <Tag color="red">{label(TITLE_LEVEL, s.currentTitle.level)}雷锋号</Tag>}
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="基本信息">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="地区">{s.region.fullName}</Descriptions.Item>
              <Descriptions.Item label="类别">{label(STATION_CATEGORY, s.category)}</Descriptions.Item>
              <Descriptions.Item label="依托单位">{s.hostUnit}</Descriptions.Item>
              <Descriptions.Item label="地址">
                {s.address}
                {s.postalCode ? `（${s.postalCode}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="负责人">
                <span data-testid="leader">
                  {s.leader.name} {s.leader.phone}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="服务热线">{s.hotline ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="建站日期">{fmtDate(s.establishedOn)}</Descriptions.Item>
              <Descriptions.Item label="开放时间">
                {s.openingHours.length
                  ? s.openingHours.map((o, i) => (
                      <div key={i}>
                        {WEEKDAY[o.weekday]} {o.opens}–{o.closes}
                      </div>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="设施">
                {s.facilities.map((f) => label(FACILITY, f)).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="服务项目">
                {s.serviceItems.map((i) => i.name).join('、') || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Compliance stationId={s.id} sets={data.standardSets} />
            <Card size="small" title="称号">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={s.titles}
                locale={{ emptyText: '尚未获得称号' }}
                columns={[
                  {
                    title: '级别',
                    render: (_, t) => label(TITLE_LEVEL, t.level),
                  },
                  { title: '证书编号', dataIndex: 'certificateNumber' },
                  {
                    title: '命名日期',
                    render: (_, t) => fmtDate(t.conferredOn),
                  },
                  {
                    title: '状态',
                    render: (_, t) => (t.status === 'ACTIVE' ? <Tag color="green">有效</Tag> : <Tag>已撤销</Tag>),
                  },
                ]}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
