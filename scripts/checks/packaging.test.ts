// Every published package must pass the ecosystem's packaging checks:
// publint --strict, and are-the-types-wrong (ESM types resolve under node16 and
// bundler). They read the built dist/, so `npm run build` must have run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const packages = ['auth', 'protocol', 'widget', 'server'];

for (const dir of packages) {
  const cwd = join(root, 'packages', dir);
  const { name, exports } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, { default?: string } | string>;
  };

  test(`${name}: every export is built`, () => {
    for (const [subpath, target] of Object.entries(exports)) {
      const file = typeof target === 'string' ? target : target.default;
      assert.ok(file, `${subpath} has no default target`);
      assert.ok(
        existsSync(join(cwd, file)),
        `${name}${subpath.slice(1)} → ${file} missing; run npm run build`,
      );
    }
  });

  test(`${name}: publint --strict`, async () => {
    const { stdout } = await run(bin('publint'), ['--strict'], { cwd });
    assert.match(stdout, /All good!/, stdout);
  });

  test(`${name}: are-the-types-wrong (node16 ESM, bundler)`, async () => {
    // attw exits non-zero on any problem in the esm-only profile.
    await run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], { cwd });
  });
}
