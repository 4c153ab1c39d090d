// Hostile markdown: raw HTML stays text, only http(s)/mailto links survive, whatever the obfuscation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type MdBlock,
  type MdInline,
  parseInline,
  parseMarkdown,
  safeHref,
} from '../src/markdown/index.js';

/** Every link href anywhere in a tree. */
function hrefs(nodes: (MdBlock | MdInline)[]): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; href?: string };
    if (n.type === 'link' && n.href) out.push(n.href);
    for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
  };
  visit(nodes);
  return out;
}
/** Plain text of an inline list. */
const text = (nodes: MdInline[]): string =>
  nodes.map((n) => ('value' in n ? n.value : 'children' in n ? text(n.children) : '\n')).join('');

describe('markdown security', () => {
  test('raw HTML is text, never markup', () => {
    for (const html of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)>',
      '<div\nonclick=alert(1)>',
    ]) {
      const blocks = parseMarkdown(html);
      assert.equal(blocks.length, 1, html);
      const [block] = blocks;
      assert.ok(block?.type === 'paragraph', html);
      assert.equal(text(block.children), html.replace(/\n/g, '\n'), html);
      assert.deepEqual(hrefs(blocks), [], html);
    }
  });

  test('entities decode to text characters, not markup', () => {
    const [block] = parseMarkdown('&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.deepEqual(block, {
      type: 'paragraph',
      children: [{ type: 'text', value: '<script>alert(1)</script>' }],
    });
  });

  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'java\\script:alert(1)',
    '<javascript:alert(1)>',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    '#fragment',
    '?q=1',
    'https:evil.example',
    'http://',
    'https:/\\evil.example',
    '&#104;ttps:&#x2F;&#x2F;',
  ];

  test('hostile link destinations render their text only', () => {
    for (const destination of hostile) {
      const nodes = parseInline(`[click me](${destination})`);
      assert.deepEqual(hrefs(nodes), [], destination);
      assert.ok(text(nodes).includes('click me'), destination);
    }
  });

  test('hostile image sources show the alt text only', () => {
    for (const destination of hostile) {
      const nodes = parseInline(`![alt text](${destination})`);
      assert.deepEqual(hrefs(nodes), [], destination);
      assert.ok(text(nodes).startsWith('alt text'), destination);
    }
  });

  test('hostile autolinks stay text', () => {
    for (const uri of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'vbscript:x',
      'data:text/html,x',
      'file:///x',
    ]) {
      const nodes = parseInline(`<${uri}>`);
      assert.deepEqual(hrefs(nodes), [], uri);
      assert.equal(text(nodes), `<${uri}>`);
    }
  });

  test('control characters and whitespace tricks inside the scheme are rejected', () => {
    for (const raw of [
      '\u0001javascript:alert(1)',
      'java\u0000script:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u00a0javascript:alert(1)',
      'https://exa\u0007mple.com',
    ]) {
      assert.equal(safeHref(raw), null, JSON.stringify(raw));
    }
  });

  test('a javascript: URL hidden inside a bare https URL stays inside its https link', () => {
    const nodes = parseInline('https://ok.example/?next=javascript:alert(1)');
    assert.deepEqual(hrefs(nodes), ['https://ok.example/?next=javascript:alert(1)']);
  });

  test('every href that survives is absolute http(s) or mailto', () => {
    const doc = [
      ...hostile.map((h) => `[a](${h}) ![b](${h}) <${h}>`),
      '[ok](https://ok.example) <mailto:x@y.z> http://ok.example',
      '[q](https://ok.example/"onmouseover="alert(1))',
    ].join('\n\n');
    const all = hrefs(parseMarkdown(doc));
    assert.ok(all.length >= 3);
    for (const href of all) assert.match(href, /^(https?:\/\/[^\s"'<>]+|mailto:[^\s"'<>]+)$/);
  });

  test('code block languages cannot carry attribute injection', () => {
    const [block] = parseMarkdown('```js" onclick="alert(1)\nx\n```');
    assert.deepEqual(block, { type: 'code_block', lang: '', text: 'x', closed: true });
  });
});
