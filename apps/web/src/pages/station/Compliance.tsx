import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { TitleLevel } from '../../gql/graphql';
import { useBusinessYear } from '../../clock';
import { CRITERION_KIND, CRITERION_STATUS, label, TITLE_LEVEL } from '../../format';

const SETS = graphql(`
  query ComplianceStandardSets {
    standardSets {
      id
      name
      year
      levels
    }
  }
`);

const COMPLIANCE = graphql(`
  query MyStationCompliance($id: ID!, $set: ID!, $year: Int!, $level: TitleLevel) {
    station(id: $id) {
      id
      compliance(standardSet: $set, year: $year, level: $level) {
        status
        asOf
        notMet
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

const STATUS_COLOR: Record<string, string> = {
  MET: 'green',
  NOT_MET: 'red',
  NOT_JUDGED: 'default',
};
const OVERALL: Record<string, { type: 'success' | 'error' | 'info'; text: string }> = {
  MET: { type: 'success', text: '全部达标' },
  NOT_MET: { type: 'error', text: '有未达标的条件：请对照下表整改' },
  AWAITING_INSPECTION: {
    type: 'info',
    text: '系统可核验的条件均已达标，其余待实地检查',
  },
};

/** 达标自查: the station against a standard set, criterion by criterion, with the facts behind each. */
export default function Compliance() {
  const stationId = useSession()?.user.stationId ?? '';
  const sets = useQuery(SETS);
  const [set, setSet] = useState<string>();
  const [level, setLevel] = useState<TitleLevel>();
  const thisYear = useBusinessYear().year;
  const [picked, setYear] = useState<number>();
  const year = picked ?? thisYear;
  const chosen = set ?? sets.data?.standardSets[0]?.id;
  const levels = sets.data?.standardSets.find((s) => s.id === chosen)?.levels ?? [];
  const lvl = level && levels.includes(level) ? level : levels[0];
  const { data, loading, error } = useQuery(COMPLIANCE, {
    variables: { id: stationId, set: chosen ?? '', year, level: lvl },
    skip: !stationId || !chosen,
  });
  const c = data?.station?.compliance;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={sets.error ?? error} title="自查失败" />
      <Card size="small" title="达标自查">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="标准"
            style={{ width: 260 }}
            value={chosen}
            onChange={setSet}
            loading={sets.loading}
            options={(sets.data?.standardSets ?? []).map((s) => ({
              value: s.id,
              label: s.name,
            }))}
          />
          <Select
            aria-label="级别"
            style={{ width: 100 }}
            value={lvl}
            onChange={setLevel}
            options={levels.map((l) => ({ value: l, label: TITLE_LEVEL[l] }))}
          />
          <InputNumber aria-label="年度" value={year} min={2000} max={thisYear} onChange={(v) => v && setYear(v)} />
        </Space>
        {c && (
          <Alert
            style={{ marginBottom: 12 }}
            type={OVERALL[c.status]?.type ?? 'info'}
            showIcon
            title={`${OVERALL[c.status]?.text ?? c.status}（截至 ${c.asOf}）`}
          />
        )}
        <Table
          size="small"
          rowKey="code"
          loading={loading && !data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={c?.criteria ?? []}
          locale={{
            emptyText: sets.data?.standardSets.length === 0 ? '还没有可用的标准' : '暂无数据',
          }}
          columns={[
            { title: '条件', dataIndex: 'name' },
            {
              title: '核验方式',
              render: (_, r) => label(CRITERION_KIND, r.kind),
            },
            {
              title: '结果',
              render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{label(CRITERION_STATUS, r.status)}</Tag>,
            },
            { title: '说明', dataIndex: 'detail' },
          ]}
        />
      </Card>
    </Space>
  );
}
