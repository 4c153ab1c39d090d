// The ChatKit handler's modules stay loadable on edge runtimes: only the Node
// adapter may import `node:` built-ins (an edge entry imports everything else).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const dir = new URL('../src/chatkit/', import.meta.url);
const NODE_IMPORT = /(?:from\s*|import\s*\(\s*|import\s+)['"]node:/;

test('no chatkit module but node-adapter.ts imports a node: built-in', () => {
  const offenders = readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && name !== 'node-adapter.ts')
    .filter((name) => NODE_IMPORT.test(readFileSync(new URL(name, dir), 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the node adapter is the module that does', () => {
  // Guards the check above against a regex that never matches anything.
  assert.match(readFileSync(new URL('node-adapter.ts', dir), 'utf8'), NODE_IMPORT);
});
