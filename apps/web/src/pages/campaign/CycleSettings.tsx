import { useMutation } from '@apollo/client/react';
import { App, DatePicker, Form, InputNumber, Modal, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { CyclePhase, TitleLevel } from '../../gql/graphql';
import { label, PHASE, PHASE_ORDER, TITLE_LEVEL } from '../../format';

const UPDATE_PHASES = graphql(`
  mutation UpdateCyclePhases($cycleId: ID!, $phases: [PhaseWindowInput!]!) {
    updateCyclePhases(cycleId: $cycleId, phases: $phases) {
      id
      currentPhase
      phases {
        phase
        startsOn
        endsOn
      }
      calendarChanges {
        changedBy
        changedAt
      }
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

/** The calendar-date strings the API's Date scalar takes. */
const DATE = 'YYYY-MM-DD';

interface Ends {
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
}

interface Window {
  phase: CyclePhase;
  startsOn: string;
  endsOn: string;
}

/**
 * 调整阶段安排 of an open cycle (the issuing admins). The platform judges the change on its own clock (a phase that
 * has ended cannot change, one that has started keeps its start: PHASE_ENDED / INVALID_PHASE); its message shows here.
 */
export function PhaseEditModal({
  open,
  cycleId,
  phases,
  onClose,
}: {
  open: boolean;
  cycleId: string;
  phases: Window[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ phases: Partial<Record<CyclePhase, Ends>> }>();
  const [update, { loading, error, reset }] = useMutation(UPDATE_PHASES);
  const current = new Map(phases.map((p) => [p.phase, p]));
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title="调整阶段安排"
      okText="保存"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <ErrorAlert error={error} title="调整阶段失败" />
      <Typography.Paragraph type="secondary">已结束的阶段不能修改；已开始的阶段只能调整结束日期。</Typography.Paragraph>
      <Form
        form={form}
        preserve={false}
        initialValues={{
          phases: Object.fromEntries(
            phases.map((p) => [p.phase, { startsOn: dayjs(p.startsOn), endsOn: dayjs(p.endsOn) }]),
          ),
        }}
        onFinish={(v) =>
          void (async () => {
            try {
              await update({
                variables: {
                  cycleId,
                  phases: PHASE_ORDER.flatMap((p) => {
                    const r = v.phases[p];
                    return r?.startsOn && r.endsOn
                      ? [{ phase: p, startsOn: r.startsOn.format(DATE), endsOn: r.endsOn.format(DATE) }]
                      : [];
                  }),
                },
              });
              message.success('阶段安排已调整');
              close();
            } catch {
              /* shown above */
            }
          })()
        }
      >
        <Table
          size="small"
          pagination={false}
          rowKey="phase"
          dataSource={PHASE_ORDER.map((phase) => ({ phase }))}
          columns={[
            { title: '阶段', width: 110, render: (_, r) => PHASE[r.phase] },
            {
              title: '起止日期',
              render: (_, r) => {
                const old = current.get(r.phase);
                // Two pickers, not a RangePicker: a RangePicker commits a range only once both of its ends have
                // been picked in one go, so changing just the end left the form with the old range.
                const other = (end: 'startsOn' | 'endsOn') => (end === 'startsOn' ? 'endsOn' : 'startsOn');
                const picker = (end: 'startsOn' | 'endsOn', text: string) => (
                  <Form.Item
                    name={['phases', r.phase, end]}
                    dependencies={[['phases', r.phase, other(end)]]}
                    style={{ margin: 0 }}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, value: Dayjs | null | undefined) =>
                          !value && (getFieldValue(['phases', r.phase, other(end)]) as Dayjs | null | undefined)
                            ? Promise.reject(new Error(`请选择${PHASE[r.phase]}的${text}`))
                            : Promise.resolve(),
                      }),
                    ]}
                  >
                    <DatePicker
                      allowClear={!old}
                      placeholder={text}
                      aria-label={`${PHASE[r.phase]}${text}`}
                      data-testid={`phase-${r.phase}-${end}`}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                );
                return (
                  <Space wrap size={4}>
                    {picker('startsOn', '开始日期')}
                    <span>至</span>
                    {picker('endsOn', '结束日期')}
                  </Space>
                );
              },
            },
          ]}
        />
      </Form>
    </Modal>
  );
}

/** 调整名额 of one region and level; never below what has been forwarded against it (QUOTA_BELOW_USED). */
export function QuotaEditModal({
  cycleId,
  quota,
  onClose,
  onDone,
}: {
  cycleId: string;
  quota: { regionCode: string; region: { name: string }; level: TitleLevel; amount: number; used: number } | null;
  onClose: () => void;
  /** Quotas have no id of their own: the cycle's list is read again. */
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: number }>();
  const [setQuota, { loading, error, reset }] = useMutation(SET_QUOTA);
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Modal
      open={!!quota}
      title={`调整名额：${quota?.region.name ?? ''} ${label(TITLE_LEVEL, quota?.level)}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="调整名额失败" />
      <Typography.Paragraph type="secondary">已推荐 {quota?.used ?? 0} 个，名额不能少于已推荐数。</Typography.Paragraph>
      <Form
        form={form}
        preserve={false}
        layout="vertical"
        initialValues={{ amount: quota?.amount }}
        onFinish={(v) =>
          void (async () => {
            try {
              await setQuota({
                variables: { cycleId, regionCode: quota!.regionCode, level: quota!.level, amount: v.amount },
              });
              message.success('名额已调整');
              close();
              onDone();
            } catch {
              /* shown above */
            }
          })()
        }
      >
        <Form.Item
          name="amount"
          label="名额"
          rules={[{ required: true, type: 'integer', min: 0, max: 1000, message: '名额应为 0–1000 的整数' }]}
        >
          <InputNumber min={0} max={1000} precision={0} aria-label="名额数量" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
