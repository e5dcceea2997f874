/** 值班报名: this week's and next week's opening slots of my stations still without a volunteer. */
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Empty, Segmented, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert, errorText } from '../errors';
import { WEEKDAY } from '../format';
import { graphql } from '../gql';
import { useBusinessNow } from '../clock';

const DUTY = graphql(`
  query VolunteerDuty($weekOf: Date!) {
    myVolunteer {
      id
      stations {
        id
        station {
          id
          name
          dutyCoverage(weekOf: $weekOf) {
            uncoveredSlots {
              date
              weekday
              opens
              closes
            }
          }
        }
      }
    }
  }
`);

const SIGN_UP = graphql(`
  mutation VolunteerDutySignUp($input: DutySignUpInput!) {
    signUpForDuty(input: $input) {
      id
    }
  }
`);

/** Monday of the week (Asia/Shanghai), `weeks` from the platform's now. */
const monday = (now: Dayjs, weeks: number) => {
  const d = now.add(weeks, 'week');
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
};

export default function VolunteerDuty() {
  const { message } = App.useApp();
  const [week, setWeek] = useState(0);
  const clock = useBusinessNow();
  const { data, loading, error } = useQuery(DUTY, {
    variables: { weekOf: clock.now ? monday(clock.now, week) : '' },
    skip: !clock.now,
  });
  const [signUp, { loading: signing }] = useMutation(SIGN_UP, {
    refetchQueries: [DUTY],
  });
  // Past slots of this week are not offered: "today" is the platform's (a sandbox moves it), not the phone's.
  const today = clock.now?.format('YYYY-MM-DD') ?? '';
  const v = data?.myVolunteer;
  const take = async (stationId: string, date: string, opens: string) => {
    if (!v) return;
    try {
      await signUp({
        variables: { input: { stationId, volunteerId: v.id, date, opens } },
      });
      void message.success('值班报名成功');
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <>
      <ErrorAlert error={clock.error ?? error} />
      <Segmented
        block
        value={week}
        onChange={(w) => setWeek(Number(w))}
        options={[
          { value: 0, label: '本周' },
          { value: 1, label: '下周' },
        ]}
        style={{ marginBottom: 12 }}
      />
      {!clock.now || (loading && !data) ? (
        <Skeleton active />
      ) : !v?.stations.length ? (
        <Empty description="加入站点后可报名值班" />
      ) : (
        v.stations.map((m) => {
          const slots = m.station.dutyCoverage.uncoveredSlots.filter((s) => s.date >= today);
          return (
            <Card key={m.id} title={m.station.name}>
              {slots.length === 0 ? (
                <Empty description="各时段均已有人值班" />
              ) : (
                slots.map((s) => (
                  <div key={`${s.date}-${s.opens}`} className="vol-row vol-list-item">
                    <span>
                      {s.date} {WEEKDAY[s.weekday]} {s.opens}–{s.closes}
                    </span>
                    <Button type="primary" loading={signing} onClick={() => void take(m.station.id, s.date, s.opens)}>
                      报名值班
                    </Button>
                  </div>
                ))
              )}
            </Card>
          );
        })
      )}
    </>
  );
}
