// Server-side rendering and Node imports: a framework that renders on the
// server (Next.js, Nuxt, SvelteKit, Astro) imports `@chat-widget/element` in
// Node, where there is no DOM. That import must not throw, must only register
// the element where a `customElements` registry exists, and must not fight a
// second copy of the element. Each case runs in a fresh Node process because
// registration happens once per process, at import time.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..', '..');
const widget = join(root, 'packages', 'widget');
const entries = {
  dist: pathToFileURL(join(widget, 'dist', 'index.js')).href,
  src: pathToFileURL(join(widget, 'src', 'index.ts')).href,
};

/** Runs `code` as an ES module in a fresh Node (with tsx for the sources) and parses its JSON output. */
async function inNode<T>(code: string, entry: keyof typeof entries): Promise<T> {
  const script = `const ENTRY = ${JSON.stringify(entries[entry])};\n${code}`;
  const args = [
    ...(entry === 'src' ? ['--import', 'tsx'] : []),
    '--input-type=module',
    '-e',
    script,
  ];
  const { stdout } = await run(process.execPath, args, { cwd: root });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

/** A stand-in registry that records calls, installed before the widget is imported. */
const fakeRegistry = `
  const defined = new Map();
  const calls = [];
  const warnings = [];
  console.warn = (...args) => warnings.push(args.join(' '));
  globalThis.customElements = {
    get: (name) => defined.get(name),
    define: (name, ctor) => {
      calls.push(name);
      if (defined.has(name)) throw new DOMException(name + ' already defined', 'NotSupportedError');
      defined.set(name, ctor);
    },
  };
`;

for (const entry of ['dist', 'src'] as const) {
  describe(`importing @chat-widget/element in Node (${entry})`, () => {
    if (entry === 'dist') {
      test.before(() => {
        assert.ok(existsSync(join(widget, 'dist', 'index.js')), 'run `npm run build` first');
      });
    }

    test('does not throw and exports the element class and the define helper', async () => {
      const result = await inNode<{ keys: string[]; tag: string; version: string }>(
        `const m = await import(ENTRY);
         console.log(JSON.stringify({ keys: Object.keys(m).sort(), tag: m.TAG_NAME, version: m.ChatWidget.version }));`,
        entry,
      );
      assert.deepEqual(result.keys, ['ChatWidget', 'TAG_NAME', 'defineChatWidget', 'localeTags']);
      assert.equal(result.tag, 'chat-widget');
      assert.match(result.version, /^\d+\.\d+\.\d+/);
    });

    test('registers the element once in the registry that exists at import time', async () => {
      const result = await inNode<{ calls: string[]; same: boolean; warnings: string[] }>(
        `${fakeRegistry}
         const m = await import(ENTRY);
         m.defineChatWidget(); // a second define of the same class is a no-op
         console.log(JSON.stringify({ calls, same: customElements.get('chat-widget') === m.ChatWidget, warnings }));`,
        entry,
      );
      assert.deepEqual(result.calls, ['chat-widget']);
      assert.equal(result.same, true);
      assert.deepEqual(result.warnings, []);
    });

    test('another copy already registered: warns with both versions, does not throw', async () => {
      const result = await inNode<{ calls: string[]; kept: boolean; warnings: string[] }>(
        `${fakeRegistry}
         class OtherCopy { static version = '9.9.9'; }
         defined.set('chat-widget', OtherCopy);
         const m = await import(ENTRY);
         console.log(JSON.stringify({ calls, kept: customElements.get('chat-widget') === OtherCopy, warnings }));`,
        entry,
      );
      assert.deepEqual(result.calls, [], 'define() must not be called for a taken name');
      assert.equal(result.kept, true);
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0]!, /<chat-widget> is already defined \(version 9\.9\.9\)/);
    });

    test('no customElements at all (worker, edge runtime): defineChatWidget() is a silent no-op', async () => {
      const result = await inNode<{ threw: string | null; warnings: number }>(
        `const warnings = [];
         console.warn = (...a) => warnings.push(a);
         const m = await import(ENTRY);
         delete globalThis.customElements;
         let threw = null;
         try { m.defineChatWidget('chat-widget-2'); } catch (e) { threw = String(e); }
         console.log(JSON.stringify({ threw, warnings: warnings.length }));`,
        entry,
      );
      assert.deepEqual(result, { threw: null, warnings: 0 });
    });
  });
}

describe('react-dom/server', () => {
  test('renderToString of a tree with <chat-widget> renders attributes, drops functions', async () => {
    await import(entries.dist);
    const getToken = async () => 'token-that-must-not-leak';
    const html = renderToString(
      createElement(
        'main',
        null,
        createElement('chat-widget', {
          mode: 'inline',
          'api-url': '/api/chatkit',
          greeting: 'Hello <b>there</b>',
          getToken,
          'onchat-response-end': () => {},
        }),
      ),
    );
    assert.match(html, /^<main><chat-widget [^>]*><\/chat-widget><\/main>$/);
    assert.match(html, /mode="inline"/);
    assert.match(html, /api-url="\/api\/chatkit"/);
    // Attribute values are escaped; functions are neither rendered nor stringified.
    assert.match(html, /greeting="Hello &lt;b&gt;there&lt;\/b&gt;"/);
    assert.doesNotMatch(html, /token-that-must-not-leak|getToken|onchat/i);
  });
});

describe('custom-elements.json (generated by npm run build)', () => {
  const file = join(widget, 'custom-elements.json');
  interface Named {
    name: string;
    type?: { text: string };
  }
  interface Declaration {
    tagName?: string;
    customElement?: boolean;
    attributes?: Named[];
    members?: (Named & { kind: string; privacy?: string })[];
    events?: Named[];
    cssParts?: Named[];
    cssProperties?: Named[];
  }

  test('is referenced by package.json, shipped in files, and describes <chat-widget>', () => {
    const pkg = JSON.parse(readFileSync(join(widget, 'package.json'), 'utf8')) as {
      customElements?: string;
      files: string[];
    };
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'));
    assert.ok(existsSync(file), 'run `npm run build` first');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      modules: { path: string; declarations: Declaration[] }[];
    };
    const element = manifest.modules
      .flatMap((m) => m.declarations)
      .find((d) => d.tagName === 'chat-widget');
    assert.ok(element?.customElement, 'no declaration with tagName chat-widget');
    const names = (list: Named[] | undefined) => (list ?? []).map((x) => x.name);
    for (const attr of ['auth-url', 'api-url', 'mode', 'open', 'theme', 'thread-id', 'sign-in-url'])
      assert.ok(names(element.attributes).includes(attr), `attribute ${attr}`);
    for (const prop of ['getToken', 'authClient', 'tokenManager', 'sessionToken', 'sendMessage'])
      assert.ok(names(element.members).includes(prop), `member ${prop}`);
    assert.ok(
      element.members!.every((m) => m.privacy !== 'private'),
      'private members are not API',
    );
    const end = element.events?.find((e) => e.name === 'chat-response-end');
    assert.equal(end?.type?.text, 'CustomEvent<ChatResponseEndDetail>');
    assert.ok(names(element.cssParts).includes('send-button'));
    assert.ok(names(element.cssParts).includes('input'));
    assert.ok(names(element.cssProperties).includes('--chat-accent'));
    assert.ok(
      manifest.modules.every((m) => m.path.startsWith('dist/') && m.path.endsWith('.js')),
      'module paths point at the published files',
    );
  });
});
