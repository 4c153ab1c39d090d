// Size budgets of the script-tag build (dist/cdn/, after `npm run build`; npm test builds
// first via pretest), gzip level 9 as size tools report it:
// - what a page downloads before the panel opens: chat-widget.js, the loader chunk it
//   imports and every chunk that one imports statically, ≤ 12 KB;
// - everything the widget can ever load (every chunk but the locale packs), ≤ 66 KB (raised
//   from 55 KB for dictation, a 1.9 KB chunk loaded only when `dictation` is on, and the
//   composer's tool menu and model select, about 2 KB in the panel chunk; then from 58 KB
//   for branding and the sidebar/auto-height layouts, about 2.7 KB: 0.5 KB in the loader,
//   2.2 KB in the panel chunk; then to 62 KB when the composer tools became a chunk of their
//   own and the layout styles moved from the loader to the panel chunk, ~0.5 KB of chunk
//   overhead bought for a smaller first load); then to 65 KB for composer attachments, about
//   2.7 KB in the panel chunk: upload controller, tray, 8 texts); then to 66 KB for resumable
//   replies and the offline queue, about 1.4 KB: the protocol client's reconnect (backoff,
//   offline wait, feature detection) ~1 KB, the widget's queue, follow-after-reload and Stop);
//   then lowered to 61 KB (62,500 B) by the compaction round: terser property mangling, the
//   CSS minifier, one chunk for panel + dictation + composer tools, the element base, one icon
//   table; then to 58.6 KB (60,000 B; 59,858 measured) by the second compaction round: the widget
//   renderer's own keyed children instead of Lit's repeat/keyed, the markdown parser as
//   functions and anchored regexps, `_`-private options and members across the panel; then to
//   59,400 B (59,310 measured) when the panel's stylesheets became the element base's css``
//   (CSS text) instead of Lit's, which left the build (about 0.5 KB); then to 58,100 B (57,970
//   measured) by the third round: the markdown link tail as one sticky regexp, widget data
//   attributes from one list and simpler icon paths, the panel's history and view handlers
//   merged, the offline queue on the protocol's own offline wait. The goal stays 55 KB.
// The first load met its 12 KB goal at 12,139 bytes (loader 11,896 + chat-widget.js 243): the
// panel-only URL helper and the <style> fallback left the loader, the auth package got
// smaller code paths, the build minifies syntax before terser. The ratchet keeps it there
// (12,151 after the merges: the panel chunk's hash and the shared mangler cache move the
// loader by a few bytes, so the ratchet sits ~50 B above the figure).
// The per-module breakdown lives in BENCHMARKS.md (`BENCH_ONLY=size npm run bench`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const cdn = resolve(here, '../dist/cdn');
const SCRIPT_TAG = 'chat-widget.js';
const FIRST_LOAD_BUDGET = 12 * 1024;
/** Lower it as the loader shrinks; never raise it (move code to the panel instead). */
const FIRST_LOAD_RATCHET = 12_200;
const TOTAL_BUDGET = 58_100;
const TOTAL_GOAL = 55 * 1024;

const gzipped = (file: string) =>
  gzipSync(readFileSync(join(cdn, file)), { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const table = (files: string[]) => files.map((f) => `  ${f}: ${gzipped(f)} bytes`).join('\n');

/** Static imports of an ES module (`import … from "./x.js"`, `import "./x.js"`), not `import()`. */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)) {
    found.push(m[1]!);
  }
  return found;
}

/** chat-widget.js and every chunk fetched before the panel opens, as paths under dist/cdn. */
function firstLoadFiles(): string[] {
  const tag = readFileSync(join(cdn, SCRIPT_TAG), 'utf8');
  // The script-tag file imports the loader by a URL relative to itself.
  const loader = /new URL\("([^"]+\.js)"/.exec(tag)?.[1];
  assert.ok(loader, `${SCRIPT_TAG} names no chunk to import`);
  const files = [SCRIPT_TAG];
  const queue = [loader];
  while (queue.length) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const code = readFileSync(join(cdn, file), 'utf8');
    for (const spec of staticImports(code)) {
      queue.push(relative(cdn, resolve(cdn, dirname(file), spec)).replaceAll('\\', '/'));
    }
  }
  return files;
}

/** Every .js file of the build but the locale packs. */
function allFiles(dir = cdn): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : allFiles(path);
    return entry.name.endsWith('.js') ? [relative(cdn, path).replaceAll('\\', '/')] : [];
  });
}

test('the script-tag build is there', () => {
  assert.ok(
    existsSync(join(cdn, SCRIPT_TAG)),
    `${relative(process.cwd(), join(cdn, SCRIPT_TAG))} is missing: run \`npm run build\` first.`,
  );
});

/** The first load against a limit, with the numbers per file when over it. */
function checkFirstLoad(limit: number, label: string) {
  const files = firstLoadFiles();
  assert.ok(files.length >= 2, 'expected chat-widget.js and a loader chunk');
  const total = files.reduce((sum, f) => sum + gzipped(f), 0);
  assert.ok(
    total <= limit,
    `Before the panel opens a page loads ${total} bytes gzipped (${kb(total)}), over ${label} ` +
      `of ${limit} bytes by ${total - limit} bytes:\n${table(files)}\n` +
      'Whatever only the panel needs belongs in internal/panel/ (loaded on demand).',
  );
}

// The goal (issue 13).
test(`JavaScript before the panel opens ≤ ${FIRST_LOAD_BUDGET} bytes gzipped (12 KB)`, () =>
  checkFirstLoad(FIRST_LOAD_BUDGET, 'the 12 KB goal'));

// Below the goal, the first load must not grow either: a ratchet at today's size rounded up
// to the next 50 bytes.
test(`JavaScript before the panel opens ≤ ${FIRST_LOAD_RATCHET} bytes gzipped (no growth)`, () =>
  checkFirstLoad(FIRST_LOAD_RATCHET, 'the no-growth ratchet'));

test(`every chunk together (locale packs aside) ≤ ${TOTAL_BUDGET} bytes gzipped (no growth)`, () => {
  const files = allFiles();
  const first = firstLoadFiles();
  assert.ok(files.length > first.length, 'expected chunks beyond the first load (the panel)');
  const total = files.reduce((sum, f) => sum + gzipped(f), 0);
  assert.ok(
    total <= TOTAL_BUDGET,
    `All chunks together are ${total} bytes gzipped (${kb(total)}), over the budget of ` +
      `${TOTAL_BUDGET} bytes (${kb(TOTAL_BUDGET)}) by ${total - TOTAL_BUDGET} bytes:\n${table(files)}`,
  );
});

// The goal of issue 13, not met yet: reported as a todo (it runs, and says by how much).
test(`every chunk together ≤ ${TOTAL_GOAL} bytes gzipped (55 KB, the goal)`, { todo: true }, () => {
  const total = allFiles().reduce((sum, f) => sum + gzipped(f), 0);
  assert.ok(total <= TOTAL_GOAL, `${total} bytes, ${total - TOTAL_GOAL} over the 55 KB goal`);
});

test('staticImports finds static imports only', () => {
  const code =
    'import{a as b}from"./loader-x.js";import"./side.js";import * as n from \'./ns.js\';' +
    'const p=()=>import("./panel-y.js");';
  assert.deepEqual(staticImports(code), ['./loader-x.js', './side.js', './ns.js']);
});
