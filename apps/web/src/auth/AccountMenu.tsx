import { lazy, Suspense, useState } from 'react';
import { Button, Dropdown, Space } from 'antd';
import { useNavigate } from 'react-router';
import { client } from '../apollo';
import { useMyAccount } from './GrantSwitcher';
import { signOutAndWait } from './session';

// The password form (antd Form, Input, Modal) loads when first opened: it is not part of any page's first screen.
const PasswordModal = lazy(() => import('./PasswordModal'));

/** The header's account menu: set a password (officers holding a grant), sign out (ends the session on the server). */
export function AccountMenu() {
  const me = useMyAccount();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);

  const out = async () => {
    await signOutAndWait();
    await client.clearStore();
    void navigate('/signin');
  };

  if (!me || me.grants.length === 0) {
    return (
      <Button size="small" onClick={() => void out()}>
        退出
      </Button>
    );
  }
  return (
    <>
      <Space.Compact size="small">
        <Dropdown
          menu={{
            items: [
              {
                key: 'password',
                label: me.hasPassword ? '修改密码' : '设置密码',
              },
            ],
            onClick: () => {
              setOpened(true);
              setOpen(true);
            },
          }}
        >
          <Button size="small" data-testid="account-menu">
            账号
          </Button>
        </Dropdown>
        <Button size="small" onClick={() => void out()}>
          退出
        </Button>
      </Space.Compact>
      {opened && (
        <Suspense fallback={null}>
          <PasswordModal hasPassword={me.hasPassword} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
