export * from './auth/index.js';
export * from './chatkit/index.js';
