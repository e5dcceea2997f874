/**
 * 签到: /checkin/<code> (what an activity's QR code opens) checks the volunteer in at once; /checkin lets the
 * 6-character code be typed. Open check-ins are listed with 签退. Refusals show the platform's message.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Empty, Form, Input, Result } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { errorText } from '../errors';
import { fmtDateTime } from '../format';
import { graphql } from '../gql';

const OPEN = graphql(`
  query VolunteerOpenCheckIns {
    myVolunteer {
      id
      serviceRecords(statuses: [PENDING]) {
        id
        activityName
        place
        startedAt
        endedAt
        activity {
          id
          endsAt
        }
      }
    }
  }
`);

const CHECK_IN = graphql(`
  mutation VolunteerCheckIn($code: String!) {
    checkIn(code: $code) {
      id
      activityName
      place
      startedAt
      activity {
        id
        title
        startsAt
        endsAt
      }
    }
  }
`);

const CHECK_OUT = graphql(`
  mutation VolunteerCheckOut($activityId: ID!) {
    checkOut(activityId: $activityId) {
      id
      endedAt
      hours
    }
  }
`);

const CODE = /^[2-9A-HJ-NP-Z]{6}$/;

export default function VolunteerCheckIn() {
  const { code: urlCode } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [checkIn, checkInState] = useMutation(CHECK_IN, {
    refetchQueries: [OPEN],
  });
  const [checkOut, checkOutState] = useMutation(CHECK_OUT, {
    refetchQueries: [OPEN],
  });
  const open = useQuery(OPEN, { fetchPolicy: 'network-only' });
  const [error, setError] = useState<unknown>(null);
  const tried = useRef<string | null>(null);

  const run = async (code: string) => {
    setError(null);
    try {
      await checkIn({ variables: { code } });
    } catch (e) {
      setError(e);
    }
  };
  // The QR URL checks in once per page load (StrictMode runs effects twice in development).
  useEffect(() => {
    const code = urlCode?.toUpperCase();
    if (!code || tried.current === code) return;
    tried.current = code;
    void run(code);
    // Only a new scanned code triggers a check-in; run is recreated on every render.
  }, [urlCode]);

  const done = checkInState.data?.checkIn;
  const openRecords = (open.data?.myVolunteer?.serviceRecords ?? []).filter((r) => !r.endedAt && r.activity);
  const out = async (activityId: string) => {
    try {
      const r = await checkOut({ variables: { activityId } });
      void message.success(`已签退，服务时长 ${r.data?.checkOut.hours ?? 0} 小时（待站点审核）`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <>
      {done ? (
        <Result
          status="success"
          title="签到成功"
          subTitle={`${done.activity?.title ?? done.activityName} · ${fmtDateTime(done.startedAt)} 签到`}
          data-testid="checkin-done"
        />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          title="签到未成功"
          description={errorText(error)}
          style={{ marginBottom: 12 }}
          data-testid="checkin-error"
        />
      ) : null}
      <Card title="输入签到码">
        <Form
          layout="vertical"
          onFinish={() => {
            const code = typed.trim().toUpperCase();
            if (urlCode) void navigate(`/checkin`, { replace: true });
            void run(code);
          }}
        >
          <Form.Item label="签到码（活动现场海报上的 6 位字符）" htmlFor="checkin-code">
            <Input
              id="checkin-code"
              size="large"
              maxLength={6}
              value={typed}
              onChange={(e) => setTyped(e.target.value.toUpperCase())}
              autoCapitalize="characters"
            />
          </Form.Item>
          <Button
            block
            type="primary"
            htmlType="submit"
            className="vol-big-button"
            loading={checkInState.loading}
            disabled={!CODE.test(typed.trim().toUpperCase())}
          >
            签到
          </Button>
        </Form>
      </Card>
      <Card title="进行中的签到" data-testid="open-checkins">
        {openRecords.length === 0 ? (
          <Empty description="没有进行中的签到" />
        ) : (
          openRecords.map((r) => (
            <div key={r.id} className="vol-list-item">
              <b>{r.activityName}</b>
              <span>
                {r.place} · {fmtDateTime(r.startedAt)} 签到
              </span>
              <Button
                type="primary"
                className="vol-big-button"
                loading={checkOutState.loading}
                onClick={() => void out(r.activity!.id)}
              >
                签退
              </Button>
            </div>
          ))
        )}
      </Card>
    </>
  );
}
