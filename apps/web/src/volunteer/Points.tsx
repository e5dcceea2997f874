/** 积分: balance and history; redeem from my stations' catalogues, donate to another volunteer, withdraw for service. */
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { ErrorAlert, errorText } from '../errors';
import { fmtDateTime, fmtHours } from '../format';
import { graphql } from '../gql';

const POINTS = graphql(`
  query VolunteerPoints {
    myVolunteer {
      id
      timeBank {
        balance
        available
        transactions(first: 50) {
          id
          kind
          amount
          createdAt
        }
      }
      stations {
        id
        station {
          id
          name
        }
      }
    }
  }
`);

const CATALOGUE = graphql(`
  query VolunteerCatalogue($stationId: ID!) {
    catalogue(stationId: $stationId) {
      id
      name
      points
    }
  }
`);

const REDEEM = graphql(`
  mutation VolunteerRedeem($input: RedeemPointsInput!) {
    redeemPoints(input: $input) {
      id
    }
  }
`);
const DONATE = graphql(`
  mutation VolunteerDonate($input: DonatePointsInput!) {
    donatePoints(input: $input) {
      id
    }
  }
`);
const WITHDRAW = graphql(`
  mutation VolunteerWithdraw($input: WithdrawPointsInput!) {
    withdrawPointsForService(input: $input) {
      id
    }
  }
`);

const KIND: Record<string, string> = {
  SERVICE_CREDIT: '服务积分',
  CREDIT_REVERSAL: '记录冲正',
  REDEMPTION: '兑换物品',
  SERVICE_WITHDRAWAL: '兑换服务',
  DONATION: '积分捐赠',
  EXPIRY: '过期清零',
};

/** One key per form submission: a retried request posts once. */
const newKey = () => `web-${crypto.randomUUID()}`;

export default function VolunteerPoints() {
  const { message } = App.useApp();
  const { data, loading, error } = useQuery(POINTS);
  const v = data?.myVolunteer;
  const [stationId, setStationId] = useState<string | undefined>();
  const station = stationId ?? v?.stations[0]?.station.id;
  const catalogue = useQuery(CATALOGUE, {
    variables: { stationId: station ?? '' },
    skip: !station,
  });
  const refetchQueries = [POINTS];
  const [redeem] = useMutation(REDEEM, { refetchQueries });
  const [donate] = useMutation(DONATE, { refetchQueries });
  const [withdraw] = useMutation(WITHDRAW, { refetchQueries });
  const [busy, setBusy] = useState(false);
  const act = async (what: string, f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
      void message.success(`${what}成功`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (loading && !data) return <Skeleton active />;
  if (!v) return <ErrorAlert error={error ?? new Error('还没有志愿者档案')} />;
  return (
    <>
      <ErrorAlert error={error ?? catalogue.error} />
      <div className="vol-stats" style={{ marginBottom: 12 }}>
        <div className="vol-stat">
          积分余额
          <b data-testid="points-balance">{fmtHours(v.timeBank.balance)}</b>
        </div>
        <div className="vol-stat">
          可用积分<b>{fmtHours(v.timeBank.available)}</b>
        </div>
      </div>
      <Card title="兑换物品">
        <Select
          aria-label="站点"
          style={{ width: '100%', marginBottom: 8 }}
          value={station}
          onChange={setStationId}
          options={v.stations.map((m) => ({
            value: m.station.id,
            label: m.station.name,
          }))}
        />
        {!catalogue.data?.catalogue.length ? (
          <Empty description="该站点暂无可兑换物品" />
        ) : (
          catalogue.data.catalogue.map((item) => (
            <div key={item.id} className="vol-row vol-list-item">
              <span>
                {item.name} · {fmtHours(item.points)} 积分
              </span>
              <Button
                disabled={busy}
                onClick={() =>
                  void act('兑换', () =>
                    redeem({
                      variables: {
                        input: {
                          volunteerId: v.id,
                          itemId: item.id,
                          quantity: 1,
                          idempotencyKey: newKey(),
                        },
                      },
                    }),
                  )
                }
              >
                兑换
              </Button>
            </div>
          ))
        )}
      </Card>
      <Card title="兑换服务">
        <Form
          layout="vertical"
          onFinish={(f: { points: number; description: string }) =>
            void act('兑换服务', () =>
              withdraw({
                variables: {
                  input: {
                    volunteerId: v.id,
                    points: f.points,
                    description: f.description,
                    idempotencyKey: newKey(),
                  },
                },
              }),
            )
          }
        >
          <Form.Item name="points" label="积分" rules={[{ required: true, message: '请填写积分' }]}>
            <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label="所需服务" rules={[{ required: true, message: '请说明所需服务' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Button block htmlType="submit" disabled={busy}>
            兑换服务
          </Button>
        </Form>
      </Card>
      <Card title="捐赠积分">
        <Form
          layout="vertical"
          onFinish={(f: { to: string; points: number }) =>
            void act('捐赠', () =>
              donate({
                variables: {
                  input: {
                    fromVolunteerId: v.id,
                    toVolunteerId: f.to.trim(),
                    points: f.points,
                    idempotencyKey: newKey(),
                  },
                },
              }),
            )
          }
        >
          <Form.Item name="to" label="受赠志愿者编号" rules={[{ required: true, message: '请填写受赠志愿者编号' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="points" label="积分" rules={[{ required: true, message: '请填写积分' }]}>
            <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Button block htmlType="submit" disabled={busy}>
            捐赠
          </Button>
        </Form>
      </Card>
      <Card title="积分明细" data-testid="points-history">
        {!v.timeBank.transactions.length ? (
          <Empty description="暂无积分变动" />
        ) : (
          v.timeBank.transactions.map((t) => (
            <div key={t.id} className="vol-row vol-list-item">
              <span>
                {KIND[t.kind] ?? t.kind} · {fmtDateTime(t.createdAt)}
              </span>
              <b>{t.amount > 0 ? `+${fmtHours(t.amount)}` : fmtHours(t.amount)}</b>
            </div>
          ))
        )}
      </Card>
    </>
  );
}
