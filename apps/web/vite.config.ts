import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { graphqlDocumentsInline } from './build/graphql-documents-inline.ts';
import { landingQueries } from './build/landing-queries.ts';

/**
 * The landing pages (where sign-in and the home route send people): their chunk and its static imports
 * are modulepreloaded by a small inline script of index.html when the address is theirs, so the browser
 * fetches and compiles them beside the entry chunk instead of after it has run (the route's loader then
 * finds them loaded).
 */
const LANDING_PAGES: Record<string, string> = {
  '/dashboard': 'src/pages/Dashboard.tsx',
  '/me': 'src/volunteer/Home.tsx',
  '/signin': 'src/pages/SignIn.tsx',
};

function landingPagePreload(): Plugin {
  return {
    name: 'landing-page-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.chunk || !ctx.filename.endsWith('index.html')) return html;
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        // What the page's entry already loads statically needs no preload.
        const initial = new Set<string>();
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return;
          into.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) walk(dep, into);
        };
        walk(ctx.chunk.fileName, initial);
        const map: Record<string, string[]> = {};
        for (const [path, source] of Object.entries(LANDING_PAGES)) {
          const chunk = chunks.find((c) => c.facadeModuleId === resolve(import.meta.dirname, source));
          if (!chunk) continue;
          const files = new Set<string>();
          walk(chunk.fileName, files);
          map[path] = [...files].filter((f) => !initial.has(f)).map((f) => `/${f}`);
        }
        // src/landing.ts is its own entry (it imports no library): its module script comes first, so it runs (and sends
        // the landing page's first queries) without waiting for the entry chunk's libraries to load and run.
        const landing = chunks.find((c) => c.isEntry && c.name === 'landing');
        const landingScript = landing ? `<script type="module" crossorigin src="/${landing.fileName}"></script>` : '';
        if (!Object.keys(map).length) return html;
        const script = `<script>(function(m){var l=m[location.pathname.replace(/\\/$/,'')];if(l)l.forEach(function(h){var e=document.createElement('link');e.rel='modulepreload';e.crossOrigin='';e.href=h;document.head.appendChild(e)})})(${JSON.stringify(map)})</script>`;
        // First in <head>: it starts the preloads before anything else is parsed (ASCII, within the first 1,024 bytes).
        return html.replace('<head>', () => `<head>\n    ${script}\n    ${landingScript}`);
      },
    },
  };
}

// Two pages: the console (index.html, routes code-split with React.lazy) and the GraphQL explorer
// (explorer.html). The gateway serves dist/ at / (services/gateway/src/web.ts); `vite` (dev server)
// proxies /graphql and the downloads to a gateway on :4000.
const SRC = resolve(import.meta.dirname, 'src');
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';
export default defineConfig({
  plugins: [
    graphqlDocumentsInline(SRC),
    // The operations src/landing.ts sends early (their text, as Apollo Client sends it).
    landingQueries(SRC, ['DashboardStationCounts', 'DashboardRegion', 'BusinessClock', 'VolunteerMyRecord']),
    react(),
    landingPagePreload(),
  ],
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
        landing: resolve(import.meta.dirname, 'src/landing.ts'),
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
