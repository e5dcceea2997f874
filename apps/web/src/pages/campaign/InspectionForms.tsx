import { useMutation } from '@apollo/client/react';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Switch } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';
import type { InspectionKind, ReviewOutcome } from '../../gql/graphql';
import { INSPECTION_KIND, OUTCOME } from './labels';

const RECORD = graphql(`
  mutation RecordInspection($input: InspectionInput!) {
    recordInspection(input: $input) {
      id
      kind
      inspector
      inspectedOn
      verdict
      findings {
        criterion
        met
        note
      }
    }
  }
`);

const ORDER = graphql(`
  mutation OrderRectification($input: RectificationInput!) {
    orderRectification(input: $input) {
      id
      requirements
      deadline
      status
    }
  }
`);

export interface StationOption {
  id: string;
  name: string;
}

/** The platform's field errors (`extensions.errors`) on the form's fields; the rest shows in the alert. */
function showFieldErrors(form: FormInstance, err: unknown) {
  const fields = platformErrors(err).flatMap((e) => e.fields);
  if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as never, errors: [f.message] })));
}

const stationSelect = (stations: StationOption[]) => (
  <Select
    showSearch
    optionFilterProp="label"
    placeholder="选择站点"
    options={stations.map((s) => ({ value: s.id, label: s.name }))}
  />
);

interface InspectionValues {
  stationId: string;
  kind: InspectionKind;
  inspectedOn: Dayjs;
  verdict: ReviewOutcome;
  findings: { criterion: string; met: boolean; note?: string }[];
}

/** 记录检查: an on-site inspection or spot check (抽查暗访) of a titled station, criterion by criterion. */
export function RecordInspectionModal({
  open,
  stations,
  today,
  onClose,
  onDone,
}: {
  open: boolean;
  stations: StationOption[];
  /** Business date (the platform clock), YYYY-MM-DD. */
  today: string;
  onClose: () => void;
  onDone: (inspection: { id: string; stationId: string; verdict: ReviewOutcome }) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<InspectionValues>();
  const [record, { loading, error, reset }] = useMutation(RECORD);
  const close = () => {
    reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title="记录检查"
      okText="提交"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="记录检查失败" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'SPOT_CHECK',
          verdict: 'PASS',
          inspectedOn: today ? dayjs(today) : undefined,
          findings: [{ criterion: '', met: true }],
        }}
        onFinish={(v) =>
          void (async () => {
            try {
              const res = await record({
                variables: {
                  input: {
                    stationId: v.stationId,
                    kind: v.kind,
                    inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
                    verdict: v.verdict,
                    findings: v.findings.map((f) => ({
                      criterion: f.criterion.trim(),
                      met: !!f.met,
                      note: f.note?.trim() || undefined,
                    })),
                  },
                },
              });
              message.success('检查记录已保存');
              const saved = res.data!.recordInspection;
              close();
              onDone({ id: saved.id, stationId: v.stationId, verdict: saved.verdict });
            } catch (err) {
              showFieldErrors(form, err);
            }
          })()
        }
      >
        <Form.Item name="stationId" label="检查站点" rules={[{ required: true, message: '请选择站点' }]}>
          {stationSelect(stations)}
        </Form.Item>
        <Form.Item name="kind" label="检查类型">
          <Radio.Group options={Object.entries(INSPECTION_KIND).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <Form.Item label="逐项检查结论" required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[f.name, 'criterion']}
                    rules={[{ required: true, whitespace: true, message: '请填写检查项' }]}
                    style={{ margin: 0 }}
                  >
                    <Input placeholder="检查项，如 台账" aria-label={`检查项${f.name + 1}`} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'met']} valuePropName="checked" style={{ margin: 0 }}>
                    <Switch checkedChildren="达标" unCheckedChildren="未达标" aria-label={`检查项${f.name + 1}达标`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} style={{ margin: 0 }}>
                    <Input placeholder="说明（可选）" aria-label={`检查项${f.name + 1}说明`} style={{ width: 160 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="link" size="small" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  )}
                </Space>
              ))}
              <Button size="small" onClick={() => add({ criterion: '', met: true })}>
                添加检查项
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="verdict" label="检查结论">
          <Radio.Group options={Object.entries(OUTCOME).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OrderValues {
  stationId: string;
  deadline: Dayjs;
  requirements: string;
}

/** 下达整改: a rectification order with its deadline, optionally following an inspection. */
export function OrderRectificationModal({
  open,
  stations,
  today,
  initial,
  onClose,
  onDone,
}: {
  open: boolean;
  stations: StationOption[];
  today: string;
  /** Prefilled from an inspection just recorded (its station and id). */
  initial?: { stationId: string; inspectionId?: string } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OrderValues>();
  const [order, { loading, error, reset }] = useMutation(ORDER);
  const close = () => {
    reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title="下达整改通知"
      okText="下达"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={error} title="下达整改失败" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stationId: initial?.stationId }}
        onFinish={(v) =>
          void (async () => {
            try {
              await order({
                variables: {
                  input: {
                    stationId: v.stationId,
                    deadline: v.deadline.format('YYYY-MM-DD'),
                    requirements: v.requirements.trim(),
                    inspectionId: initial?.stationId === v.stationId ? initial.inspectionId : undefined,
                  },
                },
              });
              message.success('整改通知已下达');
              close();
              onDone();
            } catch (err) {
              showFieldErrors(form, err);
            }
          })()
        }
      >
        <Form.Item name="stationId" label="整改站点" rules={[{ required: true, message: '请选择站点' }]}>
          {stationSelect(stations)}
        </Form.Item>
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DatePicker disabledDate={(d) => !!today && d.format('YYYY-MM-DD') <= today} />
        </Form.Item>
        <Form.Item
          name="requirements"
          label="整改要求"
          rules={[{ required: true, whitespace: true, message: '请填写整改要求' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
