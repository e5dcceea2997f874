import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router/dom';
import { client } from './apollo';
import { router } from './routes';
// Ant Design's styles as one static stylesheet instead of CSS-in-JS generated while rendering (zeroRuntime):
// the first render of every page no longer computes, hashes and injects each component's styles.
import 'antd/dist/antd.css';
import './format';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ zeroRuntime: true, token: { colorPrimary: '#c41d1d', borderRadius: 4 } }}
    >
      <AntApp>
        <ApolloProvider client={client}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
