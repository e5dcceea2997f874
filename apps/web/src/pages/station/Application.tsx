import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { regionCovers, useSession } from '../../auth/session';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';
import type { TitleLevel } from '../../gql/graphql';
import { useBusinessYear } from '../../clock';
import { APPLICATION_STATUS, fmtDate, label, PHASE, STAGE, TITLE_LEVEL } from '../../format';
import { prefill, type FormValues } from './application-form';
import { Form2Sheet } from './Form2Sheet';

const DATA = graphql(`
  query MyStationApplication($id: ID!, $year: Int!) {
    station(id: $id) {
      id
      name
      hostUnit
      address
      postalCode
      regionCode
      hotline
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
      }
      serviceStats(year: $year) {
        memberCount
        leaderCount
        staffCount
        activeVolunteerCount
        verifiedHours
        activityCount
        monthsWithActivity
      }
      applications {
        id
        level
        status
        currentStage
        submittedOn
        cycle {
          id
          year
          currentPhase
        }
        form {
          unitName
          address
          postalCode
          leaderName
          leaderPhone
          situation
          practices
          plan
          unitOpinion
        }
        endorsements {
          stage
          decision
          comment
          signedAt
        }
      }
    }
    cycles {
      id
      year
      issuingRegionCode
      levels
      currentPhase
    }
  }
`);

const SUBMIT = graphql(`
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      id
      status
    }
  }
`);

const RESUBMIT = graphql(`
  mutation ResubmitApplication($id: ID!, $form: ApplicationFormInput!) {
    resubmitApplication(id: $id, form: $form) {
      id
      status
      currentStage
    }
  }
`);

/** The 附件2 fields of a stored form (without the cache's __typename, which no input accepts). */
const formValues = (f: FormValues): FormValues => ({
  unitName: f.unitName,
  address: f.address,
  postalCode: f.postalCode,
  leaderName: f.leaderName,
  leaderPhone: f.leaderPhone,
  situation: f.situation,
  practices: f.practices,
  plan: f.plan,
  unitOpinion: f.unitOpinion,
});

/** A returned application may be resubmitted while endorsements run (申报、培育阶段). */
const RESUBMIT_PHASES = ['APPLICATION', 'CULTIVATION'];

const FIELDS: [keyof FormValues, string, number?][] = [
  ['situation', '工作站基本情况（对照“八个有”）', 8],
  ['practices', '主要做法和经验', 6],
  ['plan', '创建计划（约 2000 字）', 10],
  ['unitOpinion', '申报单位意见', 2],
];

/** 申报雷锋号: the 附件2 form prefilled from the station's data, submitted to an open cycle, printable on A4. */
export default function Application() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const { year } = useBusinessYear();
  const { data, loading, error, refetch } = useQuery(DATA, {
    variables: { id: stationId, year },
    skip: !stationId,
  });
  const [submit, submitted] = useMutation(SUBMIT);
  const [resubmit, resubmitted] = useMutation(RESUBMIT);
  /** The returned application being edited for resubmission (its form loaded below), if any. */
  const [editingId, setEditingId] = useState<string | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [values, setValues] = useState<FormValues | null>(null);
  const [cycleId, setCycleId] = useState<string>();
  const [level, setLevel] = useState<TitleLevel>();
  const s = data?.station;
  const cycles = useMemo(
    () => (data?.cycles ?? []).filter((c) => s && regionCovers(c.issuingRegionCode, s.regionCode)),
    [data, s],
  );
  const cycle =
    cycles.find((c) => c.id === cycleId) ?? cycles.find((c) => c.currentPhase === 'APPLICATION') ?? cycles[0];
  const lvl = level && cycle?.levels.includes(level) ? level : cycle?.levels[0];
  const returned = (s?.applications ?? []).filter((a) => a.status === 'RETURNED');
  const editing = returned.find((a) => a.id === editingId);
  const sendError = editing ? resubmitted.error : submitted.error;
  const sending = submitted.loading || resubmitted.loading;
  const returnOf = (a: (typeof returned)[number]) => a.endorsements.filter((e) => e.decision === 'RETURN').at(-1);

  useEffect(() => {
    if (!s || values) return;
    const v = prefill({ ...s, stats: s.serviceStats, year });
    form.setFieldsValue(v);
    setValues(v);
  }, [s, values, form, year]);

  useEffect(() => {
    const fields = platformErrors(sendError).flatMap((e) => e.fields);
    form.setFields(
      fields
        .map((f) => ({
          name: f.field.replace(/^form\./, '') as keyof FormValues,
          errors: [f.message],
        }))
        .filter(
          (f) =>
            FIELDS.some(([k]) => k === f.name) ||
            ['unitName', 'address', 'postalCode', 'leaderName', 'leaderPhone'].includes(f.name),
        ),
    );
  }, [sendError, form]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? sendError} title={error ? '加载失败' : '提交失败'} />
      {returned.map((a) => {
        const r = returnOf(a);
        const open = RESUBMIT_PHASES.includes(a.cycle.currentPhase ?? '');
        return (
          <Alert
            key={a.id}
            className="no-print"
            type="warning"
            showIcon
            data-testid="returned-application"
            title={`${a.cycle.year} 年度${label(TITLE_LEVEL, a.level)}申报被${label(STAGE, r?.stage ?? a.currentStage)}退回`}
            description={
              <Space orientation="vertical" size={4}>
                <span data-testid="return-comment">审核意见：{r?.comment ?? '—'}</span>
                {r && <span>退回日期：{fmtDate(r.signedAt)}</span>}
                {!open && <span>当前不在申报或培育阶段，不能重新提交。</span>}
              </Space>
            }
            action={
              <Button
                size="small"
                type="primary"
                disabled={!open || editingId === a.id}
                onClick={() => {
                  setEditingId(a.id);
                  setCycleId(a.cycle.id);
                  setLevel(a.level);
                  const v = formValues(a.form);
                  form.setFieldsValue(v);
                  setValues(v);
                }}
              >
                修改后重新提交
              </Button>
            }
          />
        );
      })}
      <Card size="small" title="我的申报" className="no-print">
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={s?.applications ?? []}
          locale={{ emptyText: '还没有申报：在下方填写附件2后提交' }}
          columns={[
            { title: '年度', render: (_, a) => a.cycle.year },
            { title: '级别', render: (_, a) => label(TITLE_LEVEL, a.level) },
            {
              title: '状态',
              render: (_, a) => <Tag>{label(APPLICATION_STATUS, a.status)}</Tag>,
            },
            {
              title: '当前环节',
              render: (_, a) => label(STAGE, a.currentStage),
            },
            { title: '提交日期', render: (_, a) => fmtDate(a.submittedOn) },
            {
              title: '最近审核意见',
              render: (_, a) => {
                const e = a.endorsements.filter((x) => x.stage !== 'UNIT').at(-1);
                return e ? `${label(STAGE, e.stage)}：${e.comment}` : '—';
              },
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={editing ? '修改附件2（按审核意见修改后重新提交）' : '填写附件2（已按本站资料预填）'}
        className="no-print"
        extra={
          <Button onClick={() => window.print()} disabled={!values}>
            打印附件2
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="创建活动"
            placeholder="选择年度创建活动"
            style={{ width: 240 }}
            value={cycle?.id}
            onChange={setCycleId}
            options={cycles.map((c) => ({
              value: c.id,
              label: `${c.year} 年（${label(PHASE, c.currentPhase)}）`,
            }))}
          />
          <Select
            aria-label="申报级别"
            style={{ width: 100 }}
            value={lvl}
            onChange={setLevel}
            options={(cycle?.levels ?? []).map((l) => ({
              value: l,
              label: TITLE_LEVEL[l],
            }))}
          />
        </Space>
        {!cycles.length && data && (
          <Typography.Paragraph type="secondary">
            本地区目前没有年度创建活动，可先填写并打印附件2。
          </Typography.Paragraph>
        )}
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 800 }}
          disabled={sending}
          onValuesChange={(_, all) => setValues(all)}
          onFinish={(v) =>
            void (async () => {
              if (editing) {
                try {
                  await resubmit({ variables: { id: editing.id, form: v } });
                  message.success('申报已重新提交');
                  setEditingId(null);
                  void refetch();
                } catch {
                  /* shown above and at the fields */
                }
                return;
              }
              if (!cycle || !lvl) return;
              try {
                await submit({
                  variables: {
                    input: {
                      cycleId: cycle.id,
                      stationId,
                      level: lvl,
                      form: v,
                    },
                  },
                });
                message.success('申报已提交');
                void refetch();
              } catch {
                /* shown above and at the fields */
              }
            })()
          }
        >
          <Form.Item name="unitName" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="address" label="地址" rules={[{ required: true, message: '请填写地址' }]}>
              <Input style={{ width: 320, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="postalCode" label="邮编" rules={[{ required: true, message: '请填写邮编' }]}>
              <Input style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="leaderName" label="负责人" rules={[{ required: true, message: '请填写负责人' }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="leaderPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
              <Input style={{ width: 160 }} />
            </Form.Item>
          </Space>
          {FIELDS.map(([name, text, rows]) => (
            <Form.Item key={name} name={name} label={text} rules={[{ required: true, message: `请填写${text}` }]}>
              <Input.TextArea rows={rows} showCount />
            </Form.Item>
          ))}
          {editing ? (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={resubmitted.loading}>
                重新提交
              </Button>
              <Button onClick={() => setEditingId(null)}>取消修改</Button>
            </Space>
          ) : (
            <Button
              type="primary"
              htmlType="submit"
              loading={submitted.loading}
              disabled={!cycle || cycle.currentPhase !== 'APPLICATION'}
            >
              提交申报
            </Button>
          )}
          {!editing && cycle && cycle.currentPhase !== 'APPLICATION' && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              当前不在申报阶段
            </Typography.Text>
          )}
        </Form>
      </Card>
      {values && (
        <Form2Sheet
          v={values}
          title={`${cycle?.year ?? year} 年度${lvl ? TITLE_LEVEL[lvl] : ''}“雷锋号”志愿者工作站申报表`}
        />
      )}
    </Space>
  );
}
