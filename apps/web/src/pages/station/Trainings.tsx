import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { TrainingKind } from '../../gql/graphql';
import { useBusinessYear } from '../../clock';
import { fmtDate, fmtHours } from '../../format';

const TRAININGS = graphql(`
  query MyStationTrainings($id: ID!, $year: Int) {
    station(id: $id) {
      id
      members {
        id
        volunteer {
          id
          name
        }
      }
      trainings(year: $year) {
        id
        kind
        title
        heldOn
        hours
        trainer
        attendance {
          attended
          volunteer {
            id
            name
          }
        }
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateTraining($input: TrainingInput!) {
    createTraining(input: $input) {
      id
    }
  }
`);

const ATTEND = graphql(`
  mutation RecordAttendance($id: ID!, $marks: [AttendanceInput!]!) {
    recordTrainingAttendance(trainingId: $id, marks: $marks) {
      id
    }
  }
`);

const TRAINING_KIND: Record<TrainingKind, string> = {
  INITIAL: '岗前培训',
  PERIODIC: '定期培训',
  AD_HOC: '临时培训',
  ADVANCED: '骨干进阶培训',
};

/** Trainings (initial, periodic, ad hoc, advanced) with attendance marks. */
export default function Trainings() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const thisYear = useBusinessYear().year;
  const [picked, setYear] = useState<number>();
  const year = picked ?? thisYear;
  const { data, loading, error, refetch } = useQuery(TRAININGS, {
    variables: { id: stationId, year },
    skip: !stationId,
  });
  const [create, created] = useMutation(CREATE);
  const [attend, attended] = useMutation(ATTEND);
  const [marking, setMarking] = useState<{
    id: string;
    present: string[];
  } | null>(null);
  const [form] = Form.useForm<{
    kind: TrainingKind;
    title: string;
    heldOn: string;
    hours: number;
    trainer?: string;
  }>();
  const members = (data?.station?.members ?? []).flatMap((m) => (m.volunteer ? [m.volunteer] : []));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? created.error ?? attended.error} title="操作失败" />
      <Card size="small" title="新建培训">
        <Form
          form={form}
          layout="inline"
          initialValues={{ kind: 'PERIODIC', hours: 2 }}
          disabled={created.loading}
          onFinish={(v) =>
            void (async () => {
              try {
                await create({
                  variables: {
                    input: { stationId, ...v, trainer: v.trainer || null },
                  },
                });
                message.success('培训已登记');
                form.resetFields();
                void refetch();
              } catch {
                /* shown above */
              }
            })()
          }
        >
          <Form.Item name="kind" label="类型">
            <Select
              style={{ width: 140 }}
              options={Object.entries(TRAINING_KIND).map(([value, l]) => ({
                value,
                label: l,
              }))}
            />
          </Form.Item>
          <Form.Item name="title" label="主题" rules={[{ required: true, message: '请填写主题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={0.5} step={0.5} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="trainer" label="授课人">
            <Input maxLength={50} style={{ width: 120 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={created.loading}>
            登记
          </Button>
        </Form>
      </Card>
      <Card
        size="small"
        title="培训记录"
        extra={
          <InputNumber aria-label="年度" value={year} min={2000} max={thisYear + 1} onChange={(v) => v && setYear(v)} />
        }
      >
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data?.station?.trainings ?? []}
          locale={{ emptyText: '本年度还没有培训：在上方登记' }}
          columns={[
            { title: '日期', render: (_, t) => fmtDate(t.heldOn) },
            { title: '类型', render: (_, t) => TRAINING_KIND[t.kind] },
            { title: '主题', dataIndex: 'title' },
            {
              title: '学时',
              align: 'right',
              render: (_, t) => fmtHours(t.hours),
            },
            {
              title: '出勤',
              render: (_, t) => `${t.attendance.filter((a) => a.attended).length} / ${t.attendance.length}`,
            },
            {
              title: '操作',
              render: (_, t) => (
                <Button
                  type="link"
                  onClick={() =>
                    setMarking({
                      id: t.id,
                      present: t.attendance.filter((a) => a.attended && a.volunteer).map((a) => a.volunteer!.id),
                    })
                  }
                >
                  记录出勤
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!marking}
        title="记录出勤"
        okText="保存"
        okButtonProps={{ loading: attended.loading }}
        onCancel={() => setMarking(null)}
        onOk={() =>
          marking &&
          void attend({
            variables: {
              id: marking.id,
              marks: members.map((v) => ({
                volunteerId: v.id,
                attended: marking.present.includes(v.id),
              })),
            },
          })
            .then(() => {
              message.success('出勤已保存');
              setMarking(null);
              void refetch();
            })
            .catch(() => undefined)
        }
      >
        <Checkbox.Group
          value={marking?.present}
          onChange={(v) => marking && setMarking({ ...marking, present: v as string[] })}
          options={members.map((v) => ({ value: v.id, label: v.name }))}
        />
      </Modal>
    </Space>
  );
}
