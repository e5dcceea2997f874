import { useEffect } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Skeleton, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';
import type { Facility } from '../../gql/graphql';
import { FACILITY, label, STATION_CATEGORY } from '../../format';
import { OpeningHoursEditor, slotProblems, type Slot } from './OpeningHoursEditor';

const PROFILE = graphql(`
  query MyStationProfile($id: ID!) {
    station(id: $id) {
      id
      name
      category
      hostUnit
      address
      postalCode
      hotline
      unitHeadcount
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
        description
      }
      region {
        code
        fullName
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateMyStation($id: ID!, $input: UpdateStationInput!) {
    updateStation(id: $id, input: $input) {
      id
      name
      hostUnit
      address
      postalCode
      hotline
      unitHeadcount
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
        description
      }
    }
  }
`);

interface Values {
  name: string;
  hostUnit: string;
  address: string;
  postalCode?: string;
  hotline?: string;
  unitHeadcount?: number | null;
  leaderName: string;
  leaderPhone: string;
  openingHours: Slot[];
  facilities: Facility[];
  serviceItems: string;
}

/** The station's own profile: contact data, opening hours, facilities and service items. */
export default function Profile() {
  const stationId = useSession()?.user.stationId ?? '';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data, loading, error } = useQuery(PROFILE, {
    variables: { id: stationId },
    skip: !stationId,
  });
  const [update, updated] = useMutation(UPDATE);
  const [form] = Form.useForm<Values>();
  const s = data?.station;

  useEffect(() => {
    if (!s) return;
    form.setFieldsValue({
      name: s.name,
      hostUnit: s.hostUnit,
      address: s.address,
      postalCode: s.postalCode ?? '',
      hotline: s.hotline ?? '',
      unitHeadcount: s.unitHeadcount,
      leaderName: s.leader.name,
      leaderPhone: s.leader.phone,
      openingHours: s.openingHours.map(({ weekday, opens, closes }) => ({
        weekday,
        opens,
        closes,
      })),
      facilities: s.facilities,
      serviceItems: s.serviceItems.map((i) => (i.description ? `${i.name}：${i.description}` : i.name)).join('\n'),
    });
  }, [s, form]);

  // Server field errors (extensions.errors) next to their fields.
  useEffect(() => {
    const fields = platformErrors(updated.error).flatMap((e) => e.fields);
    const map: Record<string, keyof Values> = {
      'leader.phone': 'leaderPhone',
      'leader.name': 'leaderName',
      openingHours: 'openingHours',
    };
    form.setFields(
      fields
        .map((f) => ({
          name: map[f.field] ?? (f.field.split('.')[0] as keyof Values),
          errors: [f.message],
        }))
        .filter((f) => f.name in (form.getFieldsValue() as object)),
    );
  }, [updated.error, form]);

  if (loading && !data) return <Skeleton active />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? updated.error} title={error ? '站点资料加载失败' : '保存失败'} />
      <Card
        size="small"
        title={`站点资料 · ${label(STATION_CATEGORY, s?.category)} · ${s?.region.fullName ?? ''}`}
        extra={
          <Button type="link" onClick={() => void navigate(`/stations/${stationId}`)}>
            查看达标情况
          </Button>
        }
      >
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          disabled={updated.loading}
          onFinish={(v) =>
            void (async () => {
              if (slotProblems(v.openingHours ?? []).length) return;
              const serviceItems = v.serviceItems
                .split('\n')
                .map((line) => line.trim())
                .filter(Boolean)
                .map((line) => {
                  const [name, ...rest] = line.split(/[：:]/);
                  return {
                    name: name.trim(),
                    description: rest.join('：').trim() || null,
                  };
                });
              try {
                await update({
                  variables: {
                    id: stationId,
                    input: {
                      name: v.name,
                      hostUnit: v.hostUnit,
                      address: v.address,
                      postalCode: v.postalCode || null,
                      hotline: v.hotline || null,
                      unitHeadcount: v.unitHeadcount ?? null,
                      leader: { name: v.leaderName, phone: v.leaderPhone },
                      openingHours: v.openingHours ?? [],
                      facilities: v.facilities ?? [],
                      serviceItems,
                    },
                  },
                });
                message.success('站点资料已保存');
              } catch {
                /* shown above and at the fields */
              }
            })()
          }
        >
          <Form.Item name="name" label="站点名称" rules={[{ required: true, message: '请填写站点名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="hostUnit" label="依托单位" rules={[{ required: true, message: '请填写依托单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="address" label="地址" rules={[{ required: true, message: '请填写地址' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="postalCode" label="邮政编码">
              <Input maxLength={6} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="hotline" label="服务热线">
              <Input maxLength={20} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="unitHeadcount" label="单位人数">
              <InputNumber min={0} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="leaderName" label="负责人" rules={[{ required: true, message: '请填写负责人' }]}>
              <Input maxLength={50} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="leaderPhone" label="负责人电话" rules={[{ required: true, message: '请填写负责人电话' }]}>
              <Input maxLength={20} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="openingHours" label="开放时间（每周）">
            <OpeningHoursEditor />
          </Form.Item>
          <Form.Item name="facilities" label="便民设施">
            <Checkbox.Group
              options={Object.entries(FACILITY).map(([value, l]) => ({
                value,
                label: l,
              }))}
            />
          </Form.Item>
          <Form.Item name="serviceItems" label="服务项目（每行一项，可写「名称：说明」）">
            <Input.TextArea rows={4} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={updated.loading}>
            保存
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
