import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// While developing, the React refresh preamble is an inline script and HMR talks over a websocket:
// relax the page's CSP for the dev server only. The built page keeps the strict policy.
const devCsp: Plugin = {
  name: 'attt-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'none'", "connect-src 'self' ws:"),
};

export default defineConfig({
  main: {
    // Two entries: the app, and the check process it runs as a utilityProcess (out/main/check-worker.js).
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts'), 'check-worker': resolve(__dirname, 'src/main/check-worker.ts') } } },
  },
  preload: {
    // Sandboxed preloads must be CommonJS, and can require nothing but electron: bundle the rest.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].js' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), devCsp],
    server: { fs: { allow: [resolve(__dirname)] } },
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
});
