import { defineConfig } from 'vite';
import { baseConfig } from '../shared/vite.base.js';

export default defineConfig(baseConfig);
