import vue from '@vitejs/plugin-vue';
import { defineConfig, mergeConfig } from 'vite';
import { baseConfig } from '../shared/vite.base.js';

export default defineConfig(
  mergeConfig(baseConfig, {
    plugins: [
      vue({
        // The one Vue-specific step: <chat-widget> is a custom element, not a Vue component.
        template: { compilerOptions: { isCustomElement: (tag: string) => tag === 'chat-widget' } },
      }),
    ],
  }),
);
