// Every built .js file is ASCII only. A host page that declares no charset makes the
// browser decode a classic <script> (the widget's script-tag file) as windows-1252, so any
// raw UTF-8 in it would show as mojibake ("Messageâ€¦" for "Message…"). The build escapes
// non-ASCII (rollup.config.mjs); this holds it to that. Runs after `npm run build`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const packages = ['auth', 'protocol', 'widget', 'server'];

/** Every .js file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `line:column U+XXXX` of the first non-ASCII character, or null. */
function firstNonAscii(text: string): string | null {
  const index = text.search(/[^\0-\x7f]/);
  if (index < 0) return null;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const code = text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
  return `${line}:${column} U+${code}`;
}

test('the script-tag file is built', () => {
  const cdn = join(root, 'packages/widget/dist/cdn/chat-widget.js');
  assert.ok(existsSync(cdn), `${relative(root, cdn)} is missing: run \`npm run build\` first`);
});

for (const dir of packages) {
  test(`@chat-widget/${dir}: every built .js file is ASCII only`, () => {
    const dist = join(root, 'packages', dir, 'dist');
    assert.ok(existsSync(dist), `packages/${dir}/dist is missing: run \`npm run build\` first`);
    const files = jsFiles(dist);
    assert.ok(files.length > 0, `packages/${dir}/dist has no .js files`);
    const offenders = files.flatMap((file) => {
      const where = firstNonAscii(readFileSync(file, 'utf8'));
      return where ? [`${relative(root, file)}:${where}`] : [];
    });
    assert.deepEqual(
      offenders,
      [],
      'non-ASCII characters in built files. The build escapes strings and comments, but not ' +
        "tagged templates (Lit css`` / html``): write a CSS escape there (content: '\\\\2026').",
    );
  });
}

test('firstNonAscii finds the first non-ASCII character and where it is', () => {
  assert.equal(firstNonAscii('const a = "plain";\n'), null);
  assert.equal(firstNonAscii('a\nbc"Message…"'), '2:11 U+2026');
  assert.equal(firstNonAscii('😀'), '1:1 U+1F600');
});
