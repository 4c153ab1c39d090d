import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';

// One config for every browser test in the repo. Each project owns its folder;
// package-level browser tests start their own servers in fixtures.
export default defineConfig({
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  projects: [
    { name: 'auth', testDir: '../packages/auth/test/browser', testMatch: '**/*.spec.ts' },
    { name: 'widget', testDir: '../packages/widget/test/browser', testMatch: '**/*.spec.ts' },
    { name: 'e2e', testDir: './tests', testMatch: '**/*.spec.ts' },
  ],
});
