import { useEffect } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Checkbox, DatePicker, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert, platformErrors } from '../errors';
import { graphql } from '../gql';
import type { TitleLevel } from '../gql/graphql';
import { QuotaTable } from './campaign/QuotaTable';
import { phasesFromProfile, type PhaseRanges } from './campaign/phaseTemplate';
import { useSession } from '../auth/session';
import { useBusinessYear } from '../clock';
import { PHASE, PHASE_ORDER, TITLE_LEVEL } from '../format';

const SETS = graphql(`
  query CycleFormOptions {
    ruleProfiles {
      id
      name
      source
      rules
    }
    quotaTemplate(code: "hunan-2012-provincial") {
      regionCode
      region {
        code
        name
      }
      level
      amount
    }
    standardSets {
      id
      name
      year
      levels
    }
  }
`);

const SET_QUOTA = graphql(`
  mutation SetCycleQuota($cycleId: ID!, $regionCode: ID!, $level: TitleLevel!, $amount: Int!) {
    setQuota(cycleId: $cycleId, regionCode: $regionCode, level: $level, amount: $amount) {
      cycleId
      regionCode
      level
      amount
      used
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

/** Phases every campaign has (the others are optional: Linyi's document has no preparation phase). */
const REQUIRED_PHASES: string[] = ['APPLICATION', 'NAMING'];

interface Values {
  ruleProfileId: string;
  year: number;
  standardSetId: string;
  levels: TitleLevel[];
  quotaTemplate?: string;
  noticeWorkingDays: number;
  phases: PhaseRanges;
  quotas?: Record<string, number | null>;
}

export default function CycleCreate() {
  const user = useSession()?.user;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const sets = useQuery(SETS);
  const [create, { loading, error }] = useMutation(CREATE);
  const [setQuota, quotaSet] = useMutation(SET_QUOTA);
  const template = sets.data?.quotaTemplate ?? [];
  const profileRules = (id?: string) => sets.data?.ruleProfiles.find((r) => r.id === id)?.rules;
  const quotaTemplate = Form.useWatch('quotaTemplate', form);
  // The table starts from the template's amounts once they arrive.
  useEffect(() => {
    if (template.length && !form.getFieldValue('quotas'))
      form.setFieldValue('quotas', Object.fromEntries(template.map((t) => [t.regionCode, t.amount])));
  }, [template, form]);
  const clock = useBusinessYear();
  const year = clock.year;
  // The year (and the calendar drawn from it) follows the business clock once it answers, unless already changed.
  useEffect(() => {
    if (!clock.known || form.isFieldTouched('year') || form.getFieldValue('year') === clock.year) return;
    form.setFieldValue('year', clock.year);
    if (!form.isFieldTouched('phases'))
      form.setFieldValue(
        'phases',
        phasesFromProfile(
          sets.data?.ruleProfiles.find((r) => r.id === form.getFieldValue('ruleProfileId'))?.rules,
          clock.year,
        ),
      );
  }, [clock.known, clock.year, form, sets.data]);
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
            phases: PHASE_ORDER.flatMap((p) => {
              const r = v.phases[p];
              return r
                ? [
                    {
                      phase: p,
                      startsOn: r[0].format('YYYY-MM-DD'),
                      endsOn: r[1].format('YYYY-MM-DD'),
                    },
                  ]
                : [];
            }),
          },
        },
      });
      const cycleId = res.data!.createCycle.id;
      // The template was copied with the cycle; amounts changed in the table are set on top of it.
      if (v.quotaTemplate) {
        for (const t of template) {
          const amount = v.quotas?.[t.regionCode];
          if (amount !== undefined && amount !== null && amount !== t.amount) {
            await setQuota({
              variables: {
                cycleId,
                regionCode: t.regionCode,
                level: t.level,
                amount,
              },
            });
          }
        }
      }
      message.success('创建活动已发起');
      void navigate(`/campaign/${cycleId}`);
    } catch (err) {
      // Field errors next to their fields; the whole message above the form.
      const fields = platformErrors(err).flatMap((e) => e.fields);
      if (fields.length)
        form.setFields(
          fields.map((f) => ({
            name: f.field.split('.') as never,
            errors: [f.message],
          })),
        );
    }
  };

  return (
    <Card size="small" title="发起年度创建活动">
      <ErrorAlert error={error} title="发起失败" />
      <ErrorAlert error={quotaSet.error} title="名额调整失败（活动已发起，可在详情中调整）" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          ruleProfileId: 'hunan-2012@1',
          year,
          levels: province ? ['CITY', 'PROVINCE'] : ['CITY'],
          noticeWorkingDays: 5,
          quotaTemplate: province ? 'hunan-2012-provincial' : undefined,
          phases: phasesFromProfile(undefined, year),
        }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          // The calendar follows the campaign's document and year.
          if (changed.year || changed.ruleProfileId)
            form.setFieldValue('phases', phasesFromProfile(profileRules(all.ruleProfileId), all.year));
        }}
        style={{ maxWidth: 720 }}
      >
        <Space wrap size={16}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2012} max={2100} />
          </Form.Item>
          <Form.Item
            name="noticeWorkingDays"
            label="公示期（工作日）"
            rules={[{ required: true, message: '请填写公示期' }]}
          >
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
        <Form.Item
          name="ruleProfileId"
          label="活动规则"
          extra="每个创建活动依其文件办理：级别、推荐办法、名额规则和阶段安排都取自所选文件。"
          rules={[{ required: true, message: '请选择活动规则' }]}
        >
          <Select
            loading={sets.loading}
            placeholder="选择规则"
            options={(sets.data?.ruleProfiles ?? []).map((r) => ({
              value: r.id,
              label: `${r.name}（${r.source}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="standardSetId" label="创建标准" rules={[{ required: true, message: '请选择创建标准' }]}>
          <Select
            loading={sets.loading}
            placeholder="选择标准"
            options={(sets.data?.standardSets ?? []).map((s) => ({
              value: s.id,
              label: `${s.name}（${s.year}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="levels" label="命名级别" rules={[{ required: true, message: '请至少选择一个级别' }]}>
          <Checkbox.Group
            options={(['COUNTY', 'CITY', 'PROVINCE'] as const).map((l) => ({
              value: l,
              label: TITLE_LEVEL[l],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="quotaTemplate"
          label="名额分配表"
          extra="选择 2012 年名额分配表后，各地名额自动预填，可在下表中逐项调整。"
        >
          <Select
            allowClear
            placeholder="不预填"
            options={[
              {
                value: 'hunan-2012-provincial',
                label: '湖南省 2012 年省级名额分配表（附件3）',
              },
            ]}
          />
        </Form.Item>
        {quotaTemplate && (
          <>
            <Typography.Title level={5}>省级名额</Typography.Title>
            <QuotaTable rows={template} loading={sets.loading} />
          </>
        )}
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
                <Form.Item
                  name={['phases', r.phase]}
                  rules={[
                    {
                      required: REQUIRED_PHASES.includes(r.phase),
                      message: '请选择起止日期',
                    },
                  ]}
                  style={{ margin: 0 }}
                >
                  <DatePicker.RangePicker
                    allowClear={!REQUIRED_PHASES.includes(r.phase)}
                    style={{ maxWidth: '100%' }}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={loading || quotaSet.loading} style={{ marginTop: 16 }}>
          发起
        </Button>
      </Form>
    </Card>
  );
}
