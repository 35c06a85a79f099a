/**
 * The web app's build: `npm run build:web` (vite build --config web/vite.config.ts) writes
 * web/dist, which the server serves at `/`. `npx vite --config web/vite.config.ts` runs the dev
 * server with the API and sockets proxied to a Roomful server on ROOMFUL_DEV_API (default :8000).
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.ROOMFUL_DEV_API ?? 'http://127.0.0.1:8000';

export default defineConfig({
  root,
  publicDir: 'public',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': api,
      '/public-api': api,
      '/docs': api,
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
