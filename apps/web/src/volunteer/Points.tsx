/**
 * 积分: balance and history; redeem from my stations' catalogues, withdraw for service, donate to another
 * volunteer named by mobile number — the graph shows the recipient's masked name (张*明) to confirm first, and
 * finds only volunteers of a station I belong to (see Query.donationRecipient).
 */
import { useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Select, Skeleton } from 'antd';
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
          counterpartyId
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

const RECIPIENT = graphql(`
  query VolunteerDonationRecipient($phone: String!) {
    donationRecipient(phone: $phone) {
      maskedName
      stationNames
    }
  }
`);

const PHONE = /^1[3-9]\d{9}$/;
const digits = (phone: string) => phone.replace(/[\s-]/g, '');

const KIND: Record<string, string> = {
  SERVICE_CREDIT: '服务积分',
  CREDIT_REVERSAL: '记录冲正',
  REDEMPTION: '兑换物品',
  SERVICE_WITHDRAWAL: '兑换服务',
  DONATION: '积分捐赠',
  EXPIRY: '过期清零',
};

/** Amounts come unsigned: what left my balance shows as −, what came in as + (a donation either way). */
const DEBITS = new Set(['CREDIT_REVERSAL', 'REDEMPTION', 'SERVICE_WITHDRAWAL', 'EXPIRY']);
function signed(t: { kind: string; amount: number; counterpartyId?: string | null }, me: string): string {
  const received = t.kind === 'DONATION' ? t.counterpartyId === me : !DEBITS.has(t.kind);
  return `${received ? '+' : '-'}${fmtHours(t.amount)}`;
}
const kindLabel = (t: { kind: string; counterpartyId?: string | null }, me: string) =>
  t.kind === 'DONATION' ? (t.counterpartyId === me ? '受赠积分' : '捐出积分') : (KIND[t.kind] ?? t.kind);

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
  const act = async (what: string, f: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await f();
      void message.success(`${what}成功`);
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const client = useApolloClient();
  const [donateForm] = Form.useForm<{ phone: string; points: number }>();
  // The recipient shown for the number now in the field; cleared when the number changes.
  const [recipient, setRecipient] = useState<{ phone: string; maskedName: string; stationNames: string[] }>();
  const [lookupError, setLookupError] = useState<unknown>();
  const [looking, setLooking] = useState(false);
  const lookUp = async () => {
    const { phone } = await donateForm.validateFields(['phone']);
    setLookupError(undefined);
    setRecipient(undefined);
    setLooking(true);
    try {
      const r = await client.query({
        query: RECIPIENT,
        variables: { phone: digits(phone) },
        fetchPolicy: 'network-only',
      });
      if (r.data) setRecipient({ phone: digits(phone), ...r.data.donationRecipient });
    } catch (e) {
      setLookupError(e);
    } finally {
      setLooking(false);
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
      <Card title="兑换物品" data-testid="points-redeem">
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
      <Card title="兑换服务" data-testid="points-withdraw">
        <Form
          name="withdraw"
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
      <Card title="捐赠积分" data-testid="points-donate">
        <Form
          name="donate"
          form={donateForm}
          layout="vertical"
          onValuesChange={(changed: { phone?: string }) => {
            if (changed.phone !== undefined && digits(changed.phone) !== recipient?.phone) {
              setRecipient(undefined);
              setLookupError(undefined);
            }
          }}
          onFinish={(f: { phone: string; points: number }) => {
            if (!recipient || recipient.phone !== digits(f.phone)) return;
            void act('捐赠', () =>
              donate({
                variables: {
                  input: {
                    fromVolunteerId: v.id,
                    toPhone: recipient.phone,
                    points: f.points,
                    idempotencyKey: newKey(),
                  },
                },
              }),
            ).then((ok) => {
              if (!ok) return;
              donateForm.resetFields();
              setRecipient(undefined);
            });
          }}
        >
          <Form.Item
            name="phone"
            label="受赠志愿者手机号（须为同站点志愿者）"
            rules={[
              { required: true, message: '请填写受赠志愿者的手机号' },
              {
                validator: (_, value: string | undefined) =>
                  !value || PHONE.test(digits(value))
                    ? Promise.resolve()
                    : Promise.reject(new Error('请输入 11 位手机号')),
              },
            ]}
          >
            <Input inputMode="tel" autoComplete="off" maxLength={13} placeholder="11 位手机号" />
          </Form.Item>
          <Button block onClick={() => void lookUp()} loading={looking} style={{ marginBottom: 12 }}>
            查找受赠人
          </Button>
          {lookupError ? (
            <Alert
              type="error"
              showIcon
              title={errorText(lookupError)}
              style={{ marginBottom: 12 }}
              data-testid="donate-recipient-error"
            />
          ) : null}
          {recipient ? (
            <Alert
              type="info"
              showIcon
              title={`受赠人：${recipient.maskedName}`}
              description={`同在 ${recipient.stationNames.join('、')}，请确认是您要捐赠的人`}
              style={{ marginBottom: 12 }}
              data-testid="donate-recipient"
            />
          ) : null}
          <Form.Item name="points" label="积分" rules={[{ required: true, message: '请填写积分' }]}>
            <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Button block type="primary" htmlType="submit" disabled={busy || !recipient}>
            {recipient ? `确认捐赠给 ${recipient.maskedName}` : '捐赠'}
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
                {kindLabel(t, v.id)} · {fmtDateTime(t.createdAt)}
              </span>
              <b>{signed(t, v.id)}</b>
            </div>
          ))
        )}
      </Card>
    </>
  );
}
