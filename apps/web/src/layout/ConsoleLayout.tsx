import { useState } from 'react';
import { Breadcrumb, Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation, useMatches } from 'react-router';
import { AccountMenu } from '../auth/AccountMenu';
import { GrantSwitcher, useGrantScope, useMyAccount } from '../auth/GrantSwitcher';
import { ROLE_NAMES, useSession } from '../auth/session';
import { consoleAreas } from '../areas';

interface Crumb {
  title: string;
  to?: string;
  parent?: Crumb;
}

export function ConsoleLayout() {
  const session = useSession()!;
  const user = session.user;
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  // The code (or 本站) first, the name when MyGrants answers: the header never waits for it.
  const scope = useGrantScope(!!screens.lg);
  // On a phone the grant switcher (shown for two grants or more) takes the title's room.
  const switching = (useMyAccount()?.grants.length ?? 0) > 1;
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  const matches = useMatches();

  const items: MenuProps['items'] = consoleAreas.flatMap((area) => area.menu(user));
  items.push({ key: '/explorer', label: <a href="/explorer">接口调试</a> });
  const firstTwo = '/' + location.pathname.split('/').filter(Boolean).slice(0, 2).join('/');
  const selectedKey = consoleAreas.map((area) => area.selectedKey?.(location.pathname, user)).find(Boolean) ?? firstTwo;

  const last = matches[matches.length - 1]?.handle as Crumb | undefined;
  const crumbs: Crumb[] = [];
  for (let c: Crumb | undefined = last; c; c = c.parent) crumbs.unshift(c);

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey]}
      items={items}
      onClick={() => setDrawer(false)}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600, color: '#c41d1d' }}>学雷锋志愿服务站</div>
          {menu}
        </Layout.Sider>
      )}
      <Drawer
        open={narrow && drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={240}
        title="学雷锋志愿服务站"
      >
        {menu}
      </Drawer>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            height: 56,
            lineHeight: 'normal',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size={8} style={{ minWidth: 0 }}>
            {narrow && (
              <Button onClick={() => setDrawer(true)} aria-label="打开菜单">
                菜单
              </Button>
            )}
            {!(narrow && switching) && (
              <Typography.Text strong ellipsis>
                管理后台
              </Typography.Text>
            )}
          </Space>
          <Space size={8} wrap={false} style={{ minWidth: 0 }}>
            <Tag color="red" data-testid="current-role" style={{ marginInlineEnd: 0 }}>
              {user.roles.map((r) => ROLE_NAMES[r] ?? r).join('、')}
            </Tag>
            {!narrow && (
              <Typography.Text type="secondary" data-testid="current-scope" ellipsis style={{ maxWidth: 240 }}>
                {scope}
              </Typography.Text>
            )}
            <GrantSwitcher width={narrow ? 120 : 200} />
            <AccountMenu />
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content" style={{ padding: narrow ? 12 : 24 }}>
          <Breadcrumb
            style={{ marginBottom: 16 }}
            items={[
              { title: <Link to="/">首页</Link> },
              ...crumbs.map((c) => ({
                title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title,
              })),
            ]}
          />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
