import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './vite.precompress';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/** The antd components the app's shell and login page use (main.tsx, app/, LoginPage). */
const SHELL_ANTD =
  /node_modules\/antd\/es\/(app|config-provider|layout|menu|button|drawer|dropdown|spin|tooltip|typography|result|select|badge|form|input|card|alert|grid|space|message|notification|modal|locale|theme|style|_util)\//;

/**
 * The web UI lives in src/web and is built into dist/web, which the server serves as static files.
 * It imports the shared zod schemas, error catalogue and validators from src/shared by relative path.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // Two entries: the app (index.html) and the no-login pages for a cheap phone (public.html:
      // the self-report link /r/… and the certificate check /verify/…), which load React and no antd.
      input: {
        main: fileURLToPath(new URL('./src/web/index.html', import.meta.url)),
        public: fileURLToPath(new URL('./src/web/public.html', import.meta.url)),
      },
      // zod ships /*#__PURE__*/ comments in places Rollup cannot use; nothing to act on.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          // opencc-js is loaded only when 繁體 is chosen; leave it to its own dynamic chunk.
          if (id.includes('opencc-js')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          // the router stays out of 'react', which the public pages share with the app
          if (/node_modules\/(react-router|react-router-dom|cookie|set-cookie-parser)\//.test(id)) return 'router';
          // antd's own locales (en_US, zh_TW) stay small on-demand chunks.
          if (/node_modules\/antd\/es\/locale\/(en_US|zh_TW)/.test(id)) return undefined;
          // antd's components for the shell every page stands in (layout, menu, the login form and the
          // language switch), with everything they use: one chunk that stays cached across releases.
          // The other components (tables, date pickers, trees, uploads …) are left to Rollup, which
          // puts each with the pages that use it, so a phone's first screen does not load them.
          if (SHELL_ANTD.test(id)) return 'antd';
          // charts: only the big screen and the figures pages draw one
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (/node_modules\/zod\//.test(id)) return 'zod';
          return undefined;
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    // `npm run dev:web` talks to the API on :3000; QUNFANG_API_URL points it elsewhere.
    proxy: { '/api': process.env.QUNFANG_API_URL ?? 'http://localhost:3000' },
  },
});
