/**
 * GraphiQL from npm at /explorer, talking to /graphql as the console's signed-in user (the same
 * sessionStorage token): no CDN, so it works where Apollo's hosted Sandbox cannot load.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { getToken } from '../auth/session';

const token = getToken();
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  headers: token ? { authorization: `Bearer ${token}` } : {},
});

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    {!token && (
      <div style={{ padding: 8, background: '#fffbe6' }}>
        未登录：请先在 <a href="/signin?next=/explorer">管理后台</a> 登录，以当前用户身份调试接口。
      </div>
    )}
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={'# 学雷锋志愿服务站平台 GraphQL 接口\n{\n  regions {\n    code\n    name\n  }\n}\n'}
    />
  </StrictMode>,
);
