// No React plugin needed for a production build: Vite 8's Oxc transform
// compiles TSX with the automatic runtime. (@vitejs/plugin-react adds Fast
// Refresh for development; nothing about <chat-widget> depends on it.)
import { defineConfig, mergeConfig } from 'vite';
import { baseConfig } from '../shared/vite.base.js';

export default defineConfig(
  mergeConfig(baseConfig, { oxc: { jsx: { runtime: 'automatic', importSource: 'react' } } }),
);
