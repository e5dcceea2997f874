import { useMutation } from '@apollo/client/react';
import { App, Form, Input, Modal, Select } from 'antd';
import { ErrorAlert, platformErrors } from '../../errors';
import { graphql } from '../../gql';
import type { MembershipRole, PoliticalStatus } from '../../gql/graphql';

const REGISTER = graphql(`
  mutation RegisterMember($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) {
      id
      name
    }
  }
`);

export const ROLE: Record<MembershipRole, string> = {
  LEADER: '负责人',
  STAFF: '专职管理员',
  VOLUNTEER: '志愿者',
};
const POLITICAL: Record<PoliticalStatus, string> = {
  CPC_MEMBER: '中共党员',
  CYL_MEMBER: '共青团员',
  OTHER: '群众',
};

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  politicalStatus: PoliticalStatus;
  role: MembershipRole;
  skills?: string;
}

/** Registers a person and joins them to the station in a role (one at a time; many: the import page). */
export function MemberForm({
  stationId,
  open,
  onClose,
  onDone,
}: {
  stationId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [register, registered] = useMutation(REGISTER);
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const skills = (v.skills ?? '')
        .split(/[、,，]/)
        .map((x) => x.trim())
        .filter(Boolean);
      await register({
        variables: {
          input: {
            name: v.name,
            idNumber: v.idNumber,
            phone: v.phone,
            politicalStatus: v.politicalStatus,
            role: v.role,
            skills,
            stationId,
          },
        },
      });
      message.success(`已登记 ${v.name}`);
      form.resetFields();
      onDone();
    } catch (err) {
      const fields = platformErrors(err).flatMap((e) => e.fields);
      form.setFields(
        fields
          .filter((f) => ['name', 'idNumber', 'phone', 'politicalStatus'].includes(f.field))
          .map((f) => ({ name: f.field as keyof Values, errors: [f.message] })),
      );
    }
  };
  return (
    <Modal
      open={open}
      title="登记队伍成员"
      okText="登记"
      onOk={() => void submit()}
      okButtonProps={{ loading: registered.loading }}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={registered.error} title="登记失败" />
      <Form form={form} layout="vertical" initialValues={{ role: 'VOLUNTEER', politicalStatus: 'OTHER' }}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="公民身份号码"
          rules={[{ required: true, len: 18, message: '请填写 18 位公民身份号码' }]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label="手机号码" rules={[{ required: true, message: '请填写手机号码' }]}>
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="politicalStatus" label="政治面貌">
          <Select
            options={Object.entries(POLITICAL).map(([value, l]) => ({
              value,
              label: l,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label="本站角色">
          <Select
            options={Object.entries(ROLE).map(([value, l]) => ({
              value,
              label: l,
            }))}
          />
        </Form.Item>
        <Form.Item name="skills" label="特长（用顿号分隔）">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
