// Attributes each dist/cdn chunk's minified bytes to its source modules (via the sourcemap)
// and estimates gzip per module as minified share × chunk gzip. Run after `npm run build`:
//   node bench/size-by-module.mjs [chunk-name-substring]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const dir = resolve(import.meta.dirname, '../packages/widget/dist/cdn/chunks');
const only = process.argv[2] ?? '';
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') && f.includes(only))) {
  const code = readFileSync(join(dir, file), 'utf8');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8')));
  const lines = code.split('\n');
  const bytes = new Map();
  let prev = null;
  map.eachMapping((m) => {
    if (prev) {
      const end = m.generatedLine === prev.line ? m.generatedColumn : lines[prev.line - 1].length;
      const key = (prev.source ?? '(none)').replace(/^.*?(packages|node_modules)\//, '$1/');
      bytes.set(key, (bytes.get(key) ?? 0) + Math.max(0, end - prev.col));
    }
    prev = { line: m.generatedLine, col: m.generatedColumn, source: m.source };
  });
  const gz = gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
  console.log(`${file}: ${code.length} bytes min, ${gz} bytes gzip`);
  for (const [src, n] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(
      `  ${String(n).padStart(7)} min  ~${String(Math.round((n / code.length) * gz)).padStart(6)} gz  ${src}`,
    );
  }
}
