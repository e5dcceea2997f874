import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Checkbox, DatePicker, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { ErrorAlert, platformErrors } from '../errors';
import { graphql } from '../gql';
import type { CyclePhase, TitleLevel } from '../gql/graphql';
import { useSession } from '../auth/session';
import { currentYear, PHASE, PHASE_ORDER, TITLE_LEVEL } from '../format';

const SETS = graphql(`
  query CycleFormOptions {
    ruleProfiles {
      id
      name
      source
    }
    standardSets {
      id
      name
      year
      levels
    }
  }
`);

const CREATE = graphql(`
  mutation CreateCycle($input: CreateCycleInput!) {
    createCycle(input: $input) {
      id
    }
  }
`);

/** The 2012 campaign's calendar, shifted to the chosen year. */
function defaultPhases(year: number): Record<CyclePhase, [Dayjs, Dayjs]> {
  const d = (md: string) => dayjs(`${year}-${md}`);
  return {
    DEPLOYMENT: [d('03-01'), d('03-31')],
    PREPARATION: [d('04-01'), d('06-30')],
    APPLICATION: [d('07-01'), d('07-31')],
    CULTIVATION: [d('08-01'), d('09-30')],
    REVIEW: [d('10-01'), d('10-31')],
    NAMING: [d('11-01'), d('11-30')],
  };
}

interface Values {
  ruleProfileId: string;
  year: number;
  standardSetId: string;
  levels: TitleLevel[];
  quotaTemplate?: string;
  noticeWorkingDays: number;
  phases: Record<CyclePhase, [Dayjs, Dayjs]>;
}

export default function CycleCreate() {
  const user = useSession()?.user;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const sets = useQuery(SETS);
  const [create, { loading, error }] = useMutation(CREATE);
  const year = currentYear();
  const province = user?.roles.includes('PROVINCE_ADMIN');

  const submit = async (v: Values) => {
    try {
      const res = await create({
        variables: {
          input: {
            issuingRegionCode: user!.regionCode!,
            ruleProfileId: v.ruleProfileId,
            year: v.year,
            standardSetId: v.standardSetId,
            levels: v.levels,
            noticeWorkingDays: v.noticeWorkingDays,
            quotaTemplate: v.quotaTemplate || undefined,
            phases: PHASE_ORDER.map((p) => ({ phase: p, startsOn: v.phases[p][0].format('YYYY-MM-DD'), endsOn: v.phases[p][1].format('YYYY-MM-DD') })),
          },
        },
      });
      message.success('创建活动已发起');
      navigate(`/campaign/${res.data!.createCycle.id}`);
    } catch (err) {
      // Field errors next to their fields; the whole message above the form.
      const fields = platformErrors(err).flatMap((e) => e.fields);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field.split('.') as never, errors: [f.message] })));
    }
  };

  return (
    <Card size="small" title="发起年度创建活动">
      <ErrorAlert error={error} title="发起失败" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ ruleProfileId: 'hunan-2012@1', year, levels: province ? ['CITY', 'PROVINCE'] : ['CITY'], noticeWorkingDays: 5, quotaTemplate: province ? 'hunan-2012-provincial' : undefined, phases: defaultPhases(year) }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.year) form.setFieldValue('phases', defaultPhases(changed.year));
        }}
        style={{ maxWidth: 720 }}
      >
        <Space wrap size={16}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2012} max={2100} />
          </Form.Item>
          <Form.Item name="noticeWorkingDays" label="公示期（工作日）" rules={[{ required: true, message: '请填写公示期' }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
        <Form.Item name="ruleProfileId" label="活动规则" extra="每个创建活动依其文件办理：级别、推荐办法、名额规则和阶段安排都取自所选文件。" rules={[{ required: true, message: '请选择活动规则' }]}>
          <Select loading={sets.loading} placeholder="选择规则" options={(sets.data?.ruleProfiles ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.source}）` }))} />
        </Form.Item>
        <Form.Item name="standardSetId" label="创建标准" rules={[{ required: true, message: '请选择创建标准' }]}>
          <Select loading={sets.loading} placeholder="选择标准" options={(sets.data?.standardSets ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.year}）` }))} />
        </Form.Item>
        <Form.Item name="levels" label="命名级别" rules={[{ required: true, message: '请至少选择一个级别' }]}>
          <Checkbox.Group options={(['COUNTY', 'CITY', 'PROVINCE'] as const).map((l) => ({ value: l, label: TITLE_LEVEL[l] }))} />
        </Form.Item>
        <Form.Item name="quotaTemplate" label="名额分配表" extra="选择 2012 年名额分配表后，各地名额自动预填，可在活动详情中调整。">
          <Select allowClear placeholder="不预填" options={[{ value: 'hunan-2012-provincial', label: '湖南省 2012 年省级名额分配表（附件3）' }]} />
        </Form.Item>
        <Typography.Title level={5}>阶段安排</Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="phase"
          dataSource={PHASE_ORDER.map((phase) => ({ phase }))}
          columns={[
            { title: '阶段', width: 100, render: (_, r) => PHASE[r.phase] },
            {
              title: '起止日期',
              render: (_, r) => (
                <Form.Item name={['phases', r.phase]} rules={[{ required: true, message: '请选择起止日期' }]} style={{ margin: 0 }}>
                  <DatePicker.RangePicker allowClear={false} style={{ maxWidth: '100%' }} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={loading} style={{ marginTop: 16 }}>
          发起
        </Button>
      </Form>
    </Card>
  );
}
