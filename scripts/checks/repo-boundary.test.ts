// Nothing in the repository may read outside it: a clone in a directory with nothing
// beside it must pass. This scans every source, test, script and config file for
// absolute paths into someone's machine (/work/, /home/, /Users/, /root/) and for
// relative paths ('../…') that climb above the repository root from where the file is.
// System paths the tests use on purpose (/usr/bin/chromium, /usr/lib/postgresql, /tmp)
// are not flagged.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');

const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  '.next', // next build output (holds this machine's absolute paths)
  '.git',
  '.data',
  'test-results',
  'playwright-report',
  'results',
  'fixtures',
]);
const SCANNED = /\.(?:[cm]?[jt]sx?|json|vue|svelte|ya?ml|sh)$/;
const SKIP_FILES = new Set(['package-lock.json']);

function files(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) files(path, out);
    } else if (
      (SCANNED.test(entry.name) && !SKIP_FILES.has(entry.name)) ||
      path.endsWith(`.ci${sep}run`)
    ) {
      out.push(path);
    }
  }
  return out;
}

const ABSOLUTE = /(?<![\w.])\/(?:work|home|Users|root)\/[\w.-]/g;
/** A string literal that starts with `..` segments: '../x', "../../y", `..`. */
const RELATIVE = /(['"`])(\.\.(?:\/\.\.)*(?:\/[^'"`\s]*)?)\1/g;

/** Problems in one file's text: `line: what`. */
function boundaryProblems(file: string, text: string, repoRoot = root): string[] {
  const problems: string[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(ABSOLUTE)) {
    problems.push(`${lineOf(match.index)}: absolute path ${match[0]}…`);
  }
  for (const match of text.matchAll(RELATIVE)) {
    const target = resolve(dirname(file), match[2]!);
    const inside = relative(repoRoot, target);
    if (inside === '..' || inside.startsWith(`..${sep}`)) {
      problems.push(`${lineOf(match.index)}: '${match[2]}' leaves the repository`);
    }
  }
  return problems;
}

test('no file reads outside the repository', () => {
  // This file names such paths in its own examples.
  const scanned = files(root).filter((file) => file !== import.meta.filename);
  const found = scanned.flatMap((file) =>
    boundaryProblems(file, readFileSync(file, 'utf8')).map(
      (problem) => `${relative(root, file)}:${problem}`,
    ),
  );
  assert.deepEqual(found, []);
});

test('the scan flags /work/ paths and ../ that climbs out, not paths that stay inside', () => {
  const file = join(root, 'packages/widget/test/x.test.ts');
  // Built from parts so this file itself holds no machine path.
  const outside = ['', 'work', 'shared', 'a.json'].join('/');
  assert.equal(boundaryProblems(file, `readFileSync('${outside}')`).length, 1);
  assert.equal(
    boundaryProblems(file, "new URL('../../../../shared/a.json', import.meta.url)").length,
    1,
  );
  assert.deepEqual(
    boundaryProblems(file, "new URL('../../../test-support/fixtures/a.json', import.meta.url)"),
    [],
  );
  // demo/frameworks/shared is inside the repository.
  const app = join(root, 'demo/frameworks/react/src/main.tsx');
  assert.deepEqual(boundaryProblems(app, "import '../../shared/app.css';"), []);
  assert.deepEqual(boundaryProblems(file, "spawn('/usr/bin/chromium')"), []);
});
