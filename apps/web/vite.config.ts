import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages: the console (index.html, routes code-split with React.lazy) and the GraphQL explorer
// (explorer.html). The gateway serves dist/ at / (services/gateway/src/web.ts); `vite` (dev server)
// proxies /graphql and the downloads to a gateway on :4000.
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The explorer's Monaco editor is large by nature and loads only on /explorer.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // graphiql's "use no memo" directives are React Compiler hints, meaningless in a bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        explorer: resolve(import.meta.dirname, 'explorer.html'),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/export': gateway,
      '/certificates': gateway,
      '/dev': gateway,
    },
  },
});
