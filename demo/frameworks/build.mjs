// Builds the framework apps (React 19, React 18, Vue, Svelte, plain TS) in parallel
// with Vite, each into demo/frameworks/<app>/dist. They import
// `@chat-widget/element` from its package exports (dist/), so run
// `npm run build` at the root first.
// Usage: node demo/frameworks/build.mjs [app…]   (default: all of them)
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
export const APPS = ['react', 'react18', 'vue', 'svelte', 'vanilla'];

/** Builds `apps` in parallel; resolves to the build time of each, in ms. */
export async function buildApps(apps = APPS) {
  const element = join(here, '../../packages/widget/dist/index.js');
  if (!existsSync(element)) {
    throw new Error(`${relative(process.cwd(), element)} is missing: run \`npm run build\` first`);
  }
  const times = await Promise.all(
    apps.map(async (app) => {
      if (!APPS.includes(app)) throw new Error(`unknown app ${app}; one of ${APPS.join(', ')}`);
      const root = join(here, app);
      const started = performance.now();
      await build({ root, configFile: join(root, 'vite.config.ts') });
      return [app, Math.round(performance.now() - started)];
    }),
  );
  return Object.fromEntries(times);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const times = await buildApps(process.argv.length > 2 ? process.argv.slice(2) : APPS);
  const total = Math.round(performance.now() - started);
  for (const [app, ms] of Object.entries(times)) console.log(`${app.padEnd(8)} ${ms} ms`);
  console.log(`all      ${total} ms (parallel)`);
}
