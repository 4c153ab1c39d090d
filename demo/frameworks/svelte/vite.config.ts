import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, mergeConfig } from 'vite';
import { baseConfig } from '../shared/vite.base.js';

export default defineConfig(mergeConfig(baseConfig, { plugins: [svelte()] }));
