// Size budget of the script-tag build: gzip(dist/cdn/chat-widget.js) must stay
// within 55 KB (raised from 35 KB when every ChatKit item type got a renderer, then
// from 42 KB when the ChatKit widget renderer came in, about 12.8 KB gzip, then from
// 53 KB for message actions and long-thread paging, about 1.8 KB gzip; it holds
// until the first-load split lands and moves the renderers into lazy chunks). Runs after `npm run build` (npm test builds first via pretest);
// the per-dependency breakdown lives in BENCHMARKS.md (`npm run bench`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = resolve(here, '../dist/cdn/chat-widget.js');
const BUDGET_BYTES = 55 * 1024;

test(`gzip(chat-widget.js) ≤ ${BUDGET_BYTES} bytes (55 KB)`, () => {
  const shown = relative(process.cwd(), bundle);
  assert.ok(
    existsSync(bundle),
    `${shown} is missing: run \`npm run build\` first (npm test does it via pretest).`,
  );
  const raw = readFileSync(bundle);
  assert.ok(raw.length > 0, `${shown} is empty: the build failed?`);
  // Level 9, as size tools (gzip-size, bundlephobia) report it.
  const gzipped = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
  assert.ok(
    gzipped <= BUDGET_BYTES,
    `${shown} is ${gzipped} bytes gzipped (${(gzipped / 1024).toFixed(1)} KB), over the budget of ` +
      `${BUDGET_BYTES} bytes (55 KB) by ${gzipped - BUDGET_BYTES} bytes. ` +
      'See the per-dependency table in BENCHMARKS.md (npm run bench) for what grew.',
  );
});
