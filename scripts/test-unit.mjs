// Runs every unit test file (packages/*/test/**/*.test.ts, demo/test/**, bench/test/**) with
// Node's test runner. Node 20's --test takes no globs, so we list files here.
// Usage: node scripts/test-unit.mjs [substring filter…]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = [
  'packages/auth/test',
  'packages/protocol/test',
  'packages/widget/test',
  'packages/server/test',
  'demo/test',
  'scripts/checks',
  'bench/test',
];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'browser') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
};
for (const root of roots) if (existsSync(root)) walk(root);
const filters = process.argv.slice(2);
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error('no unit test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=60000', ...selected.sort()],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
