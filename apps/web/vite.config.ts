import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://localhost:${process.env.PORT ?? '3000'}`;
const FRAMEWORK =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|i18next-browser-languagedetector|react-i18next|use-sync-external-store|openapi-fetch)[\\/]/;

export default defineConfig({
  root: webRoot,
  // Keep Vite's cache in the repo's node_modules rather than creating apps/web/node_modules.
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/web', import.meta.url)),
  plugins: [react()],
  build: {
    // The API serves this folder at / (WEB_DIST, default dist/web).
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The framework every page needs gets its own long-cached chunk. Anything else from node_modules
          // (charts, socket.io-client, …) stays in the lazy page chunks that import it.
          groups: [{ name: 'framework', test: FRAMEWORK }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/health': apiTarget,
      '/docs': apiTarget,
      '/admin/queues': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
