import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import { TZ, WEEKDAY } from '../../format';
import { WEEKDAYS } from './OpeningHoursEditor';
import './print.css';

const DUTY = graphql(`
  query MyStationDuty($id: ID!, $weekOf: Date!, $to: Date!) {
    station(id: $id) {
      id
      openingHours {
        weekday
        opens
        closes
      }
      members {
        id
        volunteer {
          id
          name
        }
      }
      dutyCoverage(weekOf: $weekOf) {
        openingSlotCount
        uncoveredSlotCount
        uncoveredSlots {
          date
          opens
        }
      }
      dutyShifts(from: $weekOf, to: $to) {
        id
        date
        opens
        closes
        volunteer {
          id
          name
        }
      }
    }
  }
`);

const SIGN_UP = graphql(`
  mutation SignUpForDuty($input: DutySignUpInput!) {
    signUpForDuty(input: $input) {
      id
    }
  }
`);

const CANCEL = graphql(`
  mutation CancelDuty($id: ID!) {
    cancelDuty(id: $id) {
      id
    }
  }
`);

const monday = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, 'day');

/** The week's rota: every opening slot with who is on duty; slots with nobody are highlighted (Changzhi rule). */
export default function Duty() {
  const stationId = useSession()?.user.stationId ?? '';
  const { message } = App.useApp();
  const [week, setWeek] = useState(() => monday(dayjs().tz(TZ)).format('YYYY-MM-DD'));
  const to = dayjs(week).add(6, 'day').format('YYYY-MM-DD');
  const { data, loading, error, refetch } = useQuery(DUTY, {
    variables: { id: stationId, weekOf: week, to },
    skip: !stationId,
  });
  const [signUp, signedUp] = useMutation(SIGN_UP);
  const [cancel, cancelled] = useMutation(CANCEL);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const s = data?.station;
  const uncovered = new Set((s?.dutyCoverage.uncoveredSlots ?? []).map((u) => `${u.date}|${u.opens}`));
  const slots = WEEKDAYS.flatMap((day, i) =>
    (s?.openingHours ?? [])
      .filter((o) => o.weekday === day)
      .map((o) => ({
        key: `${dayjs(week).add(i, 'day').format('YYYY-MM-DD')}|${o.opens}`,
        date: dayjs(week).add(i, 'day').format('YYYY-MM-DD'),
        day,
        ...o,
      })),
  );
  const members = (s?.members ?? []).flatMap((m) => (m.volunteer ? [m.volunteer] : []));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? signedUp.error ?? cancelled.error} title="操作失败" />
      <Card
        size="small"
        title="值班安排"
        extra={
          <Space wrap className="no-print">
            <Button onClick={() => setWeek(dayjs(week).subtract(7, 'day').format('YYYY-MM-DD'))}>上一周</Button>
            <Typography.Text>
              {week} 至 {to}
            </Typography.Text>
            <Button onClick={() => setWeek(dayjs(week).add(7, 'day').format('YYYY-MM-DD'))}>下一周</Button>
          </Space>
        }
      >
        {s && (
          <Typography.Paragraph data-testid="duty-summary">
            本周开放时段 {s.dutyCoverage.openingSlotCount} 个，
            {s.dutyCoverage.uncoveredSlotCount ? (
              <Typography.Text type="danger">{s.dutyCoverage.uncoveredSlotCount} 个无人值班</Typography.Text>
            ) : (
              '均有志愿者值班'
            )}
            。{!s.openingHours.length && '本站尚未设置开放时间：请先在「站点资料」中填写。'}
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          rowKey="key"
          loading={loading && !data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={slots}
          rowClassName={(r) => (uncovered.has(r.key) ? 'uncovered' : '')}
          locale={{ emptyText: '没有开放时段' }}
          columns={[
            { title: '日期', render: (_, r) => `${r.date} ${WEEKDAY[r.day]}` },
            { title: '时段', render: (_, r) => `${r.opens}–${r.closes}` },
            {
              title: '值班志愿者',
              render: (_, r) => {
                const shifts = (s?.dutyShifts ?? []).filter((x) => x.date === r.date && x.opens === r.opens);
                if (!shifts.length) return <Tag color="red">无人值班</Tag>;
                return shifts.map((x) => (
                  <Popconfirm
                    key={x.id}
                    title="取消这次值班？"
                    onConfirm={() =>
                      void cancel({ variables: { id: x.id } })
                        .then(() => refetch())
                        .catch(() => undefined)
                    }
                  >
                    <Tag color="green" style={{ cursor: 'pointer' }}>
                      {x.volunteer?.name ?? '—'}
                    </Tag>
                  </Popconfirm>
                ));
              },
            },
            {
              title: '安排',
              render: (_, r) => (
                <Space.Compact className="no-print">
                  <Select
                    aria-label="选择志愿者"
                    placeholder="选择志愿者"
                    style={{ width: 130 }}
                    value={chosen[r.key]}
                    onChange={(v: string) => setChosen({ ...chosen, [r.key]: v })}
                    options={members.map((v) => ({
                      value: v.id,
                      label: v.name,
                    }))}
                  />
                  <Button
                    disabled={!chosen[r.key]}
                    loading={signedUp.loading}
                    onClick={() =>
                      void signUp({
                        variables: {
                          input: {
                            stationId,
                            volunteerId: chosen[r.key],
                            date: r.date,
                            opens: r.opens,
                          },
                        },
                      })
                        .then(() => {
                          message.success('已安排值班');
                          void refetch();
                        })
                        .catch(() => undefined)
                    }
                  >
                    安排
                  </Button>
                </Space.Compact>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
