import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Modal, Popconfirm, Radio, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../errors';
import { graphql } from '../../gql';
import type { MembershipRole } from '../../gql/graphql';
import { useBusinessYear } from '../../clock';
import { fmtDate, fmtHours, fmtInt } from '../../format';
import { MemberForm, ROLE } from './MemberForm';

const TEAM = graphql(`
  query MyStationTeam($id: ID!, $roles: [MembershipRole!], $year: Int!) {
    station(id: $id) {
      id
      serviceStats(year: $year) {
        memberCount
        leaderCount
        staffCount
        activeVolunteerCount
      }
      members(roles: $roles) {
        id
        role
        joinedOn
        volunteer {
          id
          name
          phone
          status
          starLevel
          verifiedHours(year: $year)
          skills
        }
      }
    }
  }
`);

const LEAVE = graphql(`
  mutation LeaveStation($id: ID!) {
    leaveStation(membershipId: $id) {
      id
      current
      leftOn
    }
  }
`);

const CHANGE_ROLE = graphql(`
  mutation ChangeMemberRole($id: ID!, $role: MembershipRole!) {
    changeMemberRole(membershipId: $id, role: $role) {
      id
      role
    }
  }
`);

const ROLE_COLOR: Record<MembershipRole, string> = {
  LEADER: 'red',
  STAFF: 'blue',
  VOLUNTEER: 'default',
};

/** The team: members by role (负责人, 专职管理员, 志愿者), this year's hours; register one or end a membership. */
export default function Team() {
  const stationId = useSession()?.user.stationId ?? '';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [role, setRole] = useState<MembershipRole | 'ALL'>('ALL');
  const { year } = useBusinessYear();
  const { data, loading, error, refetch } = useQuery(TEAM, {
    variables: {
      id: stationId,
      roles: role === 'ALL' ? undefined : [role],
      year,
    },
    skip: !stationId,
  });
  const [leave, left] = useMutation(LEAVE);
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<{ id: string; name: string; role: MembershipRole } | null>(null);
  const stats = data?.station?.serviceStats;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ErrorAlert error={error ?? left.error} title="操作失败" />
      <Card size="small">
        <Space wrap size={32}>
          <Statistic title="成员" value={fmtInt(stats?.memberCount)} />
          <Statistic title="负责人" value={fmtInt(stats?.leaderCount)} />
          <Statistic title="专职管理员" value={fmtInt(stats?.staffCount)} />
          <Statistic title={`${year} 年活跃志愿者`} value={fmtInt(stats?.activeVolunteerCount)} />
        </Space>
      </Card>
      <Card
        size="small"
        title="队伍"
        extra={
          <Space wrap>
            <Button onClick={() => void navigate('/my-station/import')}>批量导入</Button>
            <Button type="primary" onClick={() => setAdding(true)}>
              登记成员
            </Button>
          </Space>
        }
      >
        <Segmented
          style={{ marginBottom: 12 }}
          value={role}
          onChange={(v) => setRole(v as MembershipRole | 'ALL')}
          options={[
            { value: 'ALL', label: '全部' },
            ...Object.entries(ROLE).map(([value, l]) => ({ value, label: l })),
          ]}
        />
        <Table
          size="small"
          rowKey="id"
          loading={loading && !data}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={data?.station?.members ?? []}
          locale={{ emptyText: '还没有成员：登记成员或批量导入' }}
          columns={[
            { title: '姓名', render: (_, m) => m.volunteer?.name ?? '—' },
            {
              title: '角色',
              render: (_, m) => <Tag color={ROLE_COLOR[m.role]}>{ROLE[m.role]}</Tag>,
            },
            { title: '手机', render: (_, m) => m.volunteer?.phone ?? '—' },
            { title: '加入日期', render: (_, m) => fmtDate(m.joinedOn) },
            {
              title: `${year} 年时长`,
              align: 'right',
              render: (_, m) => fmtHours(m.volunteer?.verifiedHours),
            },
            {
              title: '星级',
              render: (_, m) => (m.volunteer ? '★'.repeat(m.volunteer.starLevel) || '—' : '—'),
            },
            {
              title: '特长',
              render: (_, m) => m.volunteer?.skills.join('、') || '—',
            },
            {
              title: '操作',
              render: (_, m) => (
                <Space size={0}>
                  <Button
                    type="link"
                    onClick={() => setChanging({ id: m.id, name: m.volunteer?.name ?? '', role: m.role })}
                  >
                    调整角色
                  </Button>
                  <Popconfirm
                    title="确认该成员离开本站？"
                    description="离队后历史记录保留。"
                    onConfirm={() =>
                      void leave({ variables: { id: m.id } })
                        .then(() => {
                          message.success('已离队');
                          void refetch();
                        })
                        .catch(() => undefined)
                    }
                  >
                    <Button type="link" danger>
                      离队
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RoleModal
        target={changing}
        onClose={() => setChanging(null)}
        onDone={(text) => {
          setChanging(null);
          message.success(text);
          void refetch();
        }}
      />
      <MemberForm
        stationId={stationId}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          void refetch();
        }}
      />
    </Space>
  );
}

/** 调整角色: 负责人 / 专职管理员 / 志愿者; the platform keeps at least one 负责人 per station (LAST_LEADER). */
function RoleModal({
  target,
  onClose,
  onDone,
}: {
  target: { id: string; name: string; role: MembershipRole } | null;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [change, changed] = useMutation(CHANGE_ROLE);
  const [role, setRole] = useState<MembershipRole>();
  const chosen = role ?? target?.role;
  const submit = async () => {
    if (!target || !chosen) return;
    try {
      await change({ variables: { id: target.id, role: chosen } });
      setRole(undefined);
      onDone(`已将 ${target.name} 调整为${ROLE[chosen]}`);
    } catch {
      /* shown in the dialog */
    }
  };
  return (
    <Modal
      open={!!target}
      title={`调整角色：${target?.name ?? ''}`}
      okText="确认调整"
      okButtonProps={{ loading: changed.loading, disabled: !target || chosen === target.role }}
      onOk={() => void submit()}
      onCancel={() => {
        setRole(undefined);
        changed.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={changed.error} title="调整失败" />
      <Radio.Group
        aria-label="本站角色"
        value={chosen}
        onChange={(e) => setRole(e.target.value as MembershipRole)}
        options={Object.entries(ROLE).map(([value, l]) => ({ value, label: l }))}
      />
    </Modal>
  );
}
