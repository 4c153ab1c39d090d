// renderMarkdown builds Lit templates whose user-controlled parts are only text/attribute
// bindings. Checked by walking TemplateResult strings/values (no DOM needed); browser
// rendering is covered by the widget's Playwright tests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { html, nothing, type TemplateResult } from 'lit';
import { renderMarkdown } from '../src/markdown/index.js';

const isTemplate = (v: unknown): v is TemplateResult =>
  typeof v === 'object' && v !== null && '_$litType$' in v;

/** Every TemplateResult and bound value in a render result. */
function walk(value: unknown, visit: (template: TemplateResult | null, value: unknown) => void) {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (isTemplate(value)) {
    visit(value, value);
    for (const v of value.values) walk(v, visit);
  } else visit(null, value);
}

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/**
 * Serializes a TemplateResult like Lit would render it, escaping every bound value. Throws on
 * anything that is not a template, primitive, array or `nothing` (i.e. any directive).
 */
function serialize(value: unknown): string {
  if (value === nothing || value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(serialize).join('');
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isTemplate(value)) throw new Error(`unexpected bound value: ${String(value)}`);
  let out = '';
  value.strings.forEach((part, i) => {
    out += part;
    if (i >= value.values.length) return;
    const bound = value.values[i];
    const attribute = /\s([?.@]?)([\w-]+)=$/.exec(out);
    if (!attribute) {
      out += serialize(bound);
      return;
    }
    const [whole, prefix, name] = attribute;
    out = out.slice(0, -whole.length);
    if (prefix === '@' || prefix === '.') throw new Error(`unexpected ${prefix}${name} binding`);
    if (bound === nothing || (prefix === '?' && !bound)) return;
    out += prefix === '?' ? ` ${name}` : ` ${name}="${escapeAttr(String(bound))}"`;
  });
  return out;
}

const render = (md: string) => serialize(renderMarkdown(md));

describe('renderMarkdown', () => {
  test('returns a Lit TemplateResult', () => {
    assert.ok(isTemplate(renderMarkdown('hi')));
  });

  test('blocks: paragraphs, headings, rules, quotes', () => {
    assert.equal(
      render('Hello *you*\n\n## Title\n\n---\n> quoted'),
      [
        '<p>Hello <em>you</em></p>',
        '<h2>Title</h2>',
        '<hr>',
        '<blockquote><p>quoted</p></blockquote>',
      ].join(''),
    );
    for (let level = 1; level <= 6; level++) {
      assert.equal(render(`${'#'.repeat(level)} H`), `<h${level}>H</h${level}>`);
    }
  });

  test('inline: strong, emphasis, strikethrough, code, breaks, links', () => {
    assert.equal(
      render('**b** _i_ ~~s~~ `c<d>` a  \nb [x](https://x.io/?a=1&b=2)'),
      '<p><strong>b</strong> <em>i</em> <del>s</del> <code>c&lt;d&gt;</code> a<br>b ' +
        '<a href="https://x.io/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">x</a></p>',
    );
  });

  test('lists: tight items have no <p>, loose ones do; ordered start; task checkboxes', () => {
    assert.equal(render('- a\n- b'), '<ul><li>a</li><li>b</li></ul>');
    assert.equal(render('- a\n\n- b'), '<ul><li><p>a</p></li><li><p>b</p></li></ul>');
    assert.equal(render('3. c\n4. d'), '<ol start="3"><li>c</li><li>d</li></ol>');
    assert.equal(render('1. c'), '<ol><li>c</li></ol>');
    assert.equal(
      render('- [x] done\n- [ ] todo'),
      '<ul><li class="task"><input type="checkbox" disabled checked> done</li>' +
        '<li class="task"><input type="checkbox" disabled> todo</li></ul>',
    );
  });

  test('code blocks: sanitized language class, text verbatim', () => {
    assert.equal(
      render('```ts\nif (a < b && c) {}\n```'),
      '<div class="code-block" data-lang="ts">' +
        '<pre><code class="language-ts">if (a &lt; b &amp;&amp; c) {}</code></pre></div>',
    );
    assert.equal(
      render('```"><script>\nx\n```'),
      '<div class="code-block"><pre><code>x</code></pre></div>',
    );
  });

  test('code blocks carry the button they are given, before the code', () => {
    const result = renderMarkdown('```\nx\n```\n\n```\ny\n```', {
      codeBlockButton: html`<button data-copy>Copier</button>`,
    });
    assert.equal(
      serialize(result),
      '<div class="code-block"><button data-copy>Copier</button><pre><code>x</code></pre></div>' +
        '<div class="code-block"><button data-copy>Copier</button><pre><code>y</code></pre></div>',
    );
  });

  test('tables: header cells with scope, alignment as data-align, body rows', () => {
    assert.equal(
      render('| a | b |\n|:-:|--:|\n| 1 | 2 |'),
      '<table><thead><tr><th scope="col" data-align="center">a</th>' +
        '<th scope="col" data-align="right">b</th></tr></thead>' +
        '<tbody><tr><td data-align="center">1</td><td data-align="right">2</td></tr></tbody></table>',
    );
    assert.equal(
      render('| a |\n|---|'),
      '<table><thead><tr><th scope="col">a</th></tr></thead></table>',
    );
  });

  test('hostile input only ever reaches text and vetted href bindings', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](&#106;avascript:alert(1))',
      '![a](javascript:alert(1)) ![b](data:image/svg+xml,<svg onload=alert(1)>)',
      '<javascript:alert(1)> <vbscript:x>',
      '[q](https://ok.example/"onmouseover="alert(1))',
      '```js"><img src=x onerror=alert(1)>\n</code><script>alert(1)</script>\n```',
      '| <b>x</b> |\n|---|\n| <i onclick=alert(1)>y</i> |',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '# <h1>\n\n- <li>\n\n> <blockquote>',
    ].join('\n\n');
    const result = renderMarkdown(hostile);
    const out = serialize(result);
    // No element from the input: every tag in the output comes from our templates.
    const tags = new Set([...out.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
    const ours = [
      'p',
      'a',
      'div',
      'button',
      'pre',
      'code',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'h1',
      'ul',
      'li',
      'blockquote',
    ];
    for (const tag of tags) assert.ok(ours.includes(tag!), `unexpected <${tag}>`);
    assert.doesNotMatch(out, /<(script|img|svg|iframe|i|b)[\s>]/);
    for (const [, href] of out.matchAll(/href="([^"]*)"/g)) {
      assert.match(href!, /^(https?:\/\/|mailto:)/);
    }
    // Text is escaped, so every "<…>" left is one of our tags: none has an event handler.
    for (const [tag] of out.matchAll(/<[a-z][^>]*>/g)) assert.doesNotMatch(tag, /\son\w+=/, tag);
    // Template strings are ours: none contains anything from the input.
    walk(result, (template) => {
      if (!template) return;
      for (const part of template.strings)
        assert.doesNotMatch(part, /alert|script|onerror|javascript/i);
    });
  });

  test('no directive (unsafeHTML or any other) and no function is ever bound', () => {
    const doc = [
      '# T',
      '**b** *i* ~~s~~ `c` [l](https://l.io) <https://a.io> https://b.io',
      '- [x] t\n- u\n  1. v',
      '> q',
      '```js\nx\n```',
      '| a |\n|---|\n| 1 |',
      '---',
      '<b>raw</b>',
    ].join('\n\n');
    const seen = new Set<string>();
    walk(renderMarkdown(doc), (template, value) => {
      if (template) return;
      const kind = value === nothing ? 'nothing' : Array.isArray(value) ? 'array' : typeof value;
      seen.add(kind);
      assert.ok(
        ['string', 'number', 'boolean', 'nothing'].includes(kind),
        `bound value of kind ${kind}: ${String(value)}`,
      );
      if (typeof value === 'object' && value !== null) {
        assert.equal('_$litDirective$' in value, false, 'a directive was bound');
      }
    });
    assert.ok(seen.has('string'));
  });

  test('an unclosed fence renders as a code block while streaming', () => {
    assert.match(
      render('Text\n\n```py\nprint(1)'),
      /<pre><code class="language-py">print\(1\)<\/code><\/pre>/,
    );
  });
});
