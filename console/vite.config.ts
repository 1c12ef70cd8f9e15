import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
/**
 * The dashboard's charts and the packages only they use (d3...): a chunk of their own, loaded by the pages
 * that draw them.
 */
const packages = (names: string[]) => new RegExp(`node_modules[\\\\/](${names.join('|')})`);
const CHARTS = packages([
  '@mui[\\\\/]x-',
  '@base-ui[\\\\/]',
  '@floating-ui[\\\\/]',
  'd3-',
  'internmap',
  'flatqueue',
  'bezier-easing',
  'reselect',
]);

/**
 * `<link rel="modulepreload">` in index.html for the chunks the console's start module needs (react-admin,
 * MUI, the app's shell). The entry module imports them dynamically, after it has asked for /me and the
 * first list (src/early.ts), so without these the browser would only start downloading them once the entry
 * has run; with them the download starts as the page is parsed (issue #15).
 */
function preloadStart(): Plugin {
  return {
    name: 'pasar-preload-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === 'chunk');
        const start = chunks.find((c) => c.facadeModuleId?.endsWith('/src/start.tsx'));
        if (!start) throw new Error('preloadStart: no chunk for src/start.tsx');
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          for (const dep of chunks.find((c) => c.fileName === file)?.imports ?? []) visit(dep);
        };
        visit(start.fileName);
        return [...files]
          .filter((file) => !html.includes(`/${file}`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    react(),
    preloadStart(),
    // Brotli and gzip copies next to each asset, served as they are by express-static-gzip.
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.html$/] }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The libraries in two chunks instead of ~40 small shared ones (issue #15): a cold load fetched them
        // over the browser's six connections to the host one wave after another. The dashboard's charts
        // (and d3 under them) stay in a chunk of their own, loaded only by the pages that draw them.
        codeSplitting: {
          groups: [
            {
              // What the entry module itself needs (early.ts builds the first list's URL with it).
              name: 'query-string',
              test: packages([
                'query-string[\\\\/]',
                'decode-uri-component[\\\\/]',
                'split-on-first[\\\\/]',
                'filter-obj[\\\\/]',
                'strict-uri-encode[\\\\/]',
              ]),
              priority: 3,
            },
            // Vendor first: React and MUI, which the charts use too, land in it and not in the charts.
            { name: 'vendor', test: (id) => /node_modules[\\/]/.test(id) && !CHARTS.test(id), priority: 2 },
            { name: 'charts', test: CHARTS, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
