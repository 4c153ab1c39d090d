// Settings every framework app shares. `base: './'` makes the build work under
// any path (the e2e spec serves all four apps from one origin, /react/, /vue/…).
// In `vite dev`, /api is proxied to a running demo (`npm start`, port 3000 by
// default; CHAT_DEMO_ORIGIN overrides it), so the auth cookie stays first-party.
import type { UserConfig } from 'vite';

export const baseConfig: UserConfig = {
  base: './',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Four builds share two cores in CI: the "slow plugin" hint is noise there.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: { '/api': process.env.CHAT_DEMO_ORIGIN ?? 'http://localhost:3000' },
  },
};
