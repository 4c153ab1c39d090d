// React 18.3 next to the React 19 of the other apps: the e2e workspace installs it under
// the npm aliases `react18` and `react-dom18` (demo/frameworks itself depends on React 19,
// and react-dom 18 wants React 18 as its peer). This build maps `react` and `react-dom`
// (and their subpaths) to them for every importer: the app, @chat-widget/element/react18
// and react-dom itself, so the page runs one React, version 18.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig, mergeConfig } from 'vite';
import { baseConfig } from '../shared/vite.base.js';

const fromE2e = createRequire(new URL('../../../e2e/package.json', import.meta.url));
const packageDir = (name: string) => dirname(fromE2e.resolve(`${name}/package.json`));

export default defineConfig(
  mergeConfig(baseConfig, {
    resolve: {
      alias: [
        { find: /^react(\/.*)?$/, replacement: `${packageDir('react18')}$1` },
        { find: /^react-dom(\/.*)?$/, replacement: `${packageDir('react-dom18')}$1` },
      ],
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  }),
);
