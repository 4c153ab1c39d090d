// The version string has one source, each package's package.json: sources read
// it (src/version.ts), the build writes it into dist as a literal. Reads dist/,
// so `npm run build` must have run.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

const sources = {
  auth: async () => (await import('../../packages/auth/src/index.ts')).VERSION,
  protocol: async () => (await import('../../packages/protocol/src/index.ts')).VERSION,
  widget: async () =>
    (await import('../../packages/widget/src/version.ts')).VERSION as string | undefined,
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );

for (const [dir, sourceVersion] of Object.entries(sources)) {
  const cwd = join(root, 'packages', dir);
  const { version } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
    version: string;
  };

  test(`${dir}: VERSION in the sources is package.json's`, async () => {
    assert.equal(await sourceVersion(), version);
  });

  test(`${dir}: dist carries the version as a literal and never reads package.json`, () => {
    assert.equal(
      readFileSync(join(cwd, 'dist', 'version.js'), 'utf8').split('\n')[0],
      `const VERSION = ${JSON.stringify(version)};`,
    );
    for (const file of filesUnder(join(cwd, 'dist'))) {
      assert.ok(
        !readFileSync(file, 'utf8').includes('package.json'),
        `${file} mentions package.json`,
      );
    }
  });
}

test('the script-tag build reports the widget version', () => {
  const { version } = JSON.parse(
    readFileSync(join(root, 'packages', 'widget', 'package.json'), 'utf8'),
  ) as { version: string };
  // The script-tag file names the version in its errors; the loader chunk it imports
  // holds ChatWidget.version.
  const cdn = join(root, 'packages', 'widget', 'dist', 'cdn');
  const tag = readFileSync(join(cdn, 'chat-widget.js'), 'utf8');
  const loaderPath = /"(chunks\/loader-[\w-]+\.js)"/.exec(tag)?.[1];
  assert.ok(loaderPath, 'chat-widget.js does not import a chunks/loader-*.js');
  const loader = readFileSync(join(cdn, loaderPath), 'utf8');
  assert.ok(tag.includes(`chat-widget ${version}:`));
  assert.ok(loader.includes(JSON.stringify(version)));
  for (const text of [tag, loader]) assert.ok(!text.includes('package.json'));
});
