// Inline constructs of parseMarkdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MdInline, parseInline, parseMarkdown } from '../src/markdown/index.js';

const t = (value: string): MdInline => ({ type: 'text', value });
const em = (...children: MdInline[]): MdInline => ({ type: 'emphasis', children });
const strong = (...children: MdInline[]): MdInline => ({ type: 'strong', children });
const del = (...children: MdInline[]): MdInline => ({ type: 'delete', children });
const code = (value: string): MdInline => ({ type: 'inline_code', value });
const link = (href: string, ...children: MdInline[]): MdInline => ({
  type: 'link',
  href,
  children,
});

describe('parseInline', () => {
  test('emphasis and strong with * and _', () => {
    assert.deepEqual(parseInline('*a* _b_ **c** __d__'), [
      em(t('a')),
      t(' '),
      em(t('b')),
      t(' '),
      strong(t('c')),
      t(' '),
      strong(t('d')),
    ]);
  });

  test('nesting: ***x***, **bold *and em***, *em **strong***', () => {
    assert.deepEqual(parseInline('***x***'), [em(strong(t('x')))]);
    assert.deepEqual(parseInline('**bold *and em***'), [strong(t('bold '), em(t('and em')))]);
    assert.deepEqual(parseInline('*em **strong***'), [em(t('em '), strong(t('strong')))]);
  });

  test('intraword: * works, _ does not (snake_case stays)', () => {
    assert.deepEqual(parseInline('un*frigging*believable'), [
      t('un'),
      em(t('frigging')),
      t('believable'),
    ]);
    assert.deepEqual(parseInline('call my_func_name or __init__'), [
      t('call my_func_name or '),
      strong(t('init')),
    ]);
  });

  test('flanking: spaced or unmatched delimiters stay literal', () => {
    assert.deepEqual(parseInline('a * b * c'), [t('a * b * c')]);
    assert.deepEqual(parseInline('2*3*4 = 24'), [t('2'), em(t('3')), t('4 = 24')]);
    assert.deepEqual(parseInline('**unclosed bold'), [t('**unclosed bold')]);
    // As in CommonMark: the closer takes the nearest opener.
    assert.deepEqual(parseInline('*a **b*'), [t('*a *'), em(t('b'))]);
  });

  test('strikethrough needs ~~; a single ~ is "approximately"', () => {
    assert.deepEqual(parseInline('~~gone~~ about ~5 min, ~~~x~~~'), [
      del(t('gone')),
      t(' about ~5 min, ~~~x~~~'),
    ]);
  });

  test('code spans: literal content, longer fences, space stripping, unmatched ticks', () => {
    assert.deepEqual(parseInline('`*not em*` and `` a`b `` and ` `` `'), [
      code('*not em*'),
      t(' and '),
      code('a`b'),
      t(' and '),
      code('``'),
    ]);
    assert.deepEqual(parseInline('`unclosed *em*'), [t('`unclosed '), em(t('em'))]);
    assert.deepEqual(parseInline('`a\nb`'), [code('a b')]);
  });

  test('code spans bind tighter than emphasis and links', () => {
    assert.deepEqual(parseInline('*a `*` b*'), [em(t('a '), code('*'), t(' b'))]);
    assert.deepEqual(parseInline('[a `]` b](https://x.io)'), [
      link('https://x.io/', t('a '), code(']'), t(' b')),
    ]);
  });

  test('links with titles, angle destinations, nested parens and formatted text', () => {
    assert.deepEqual(parseInline('[**Docs**](https://example.com/a_(b) "Title")'), [
      link('https://example.com/a_(b)', strong(t('Docs'))),
    ]);
    assert.deepEqual(parseInline('[x](<https://example.com/a b>)'), [
      link('https://example.com/a%20b', t('x')),
    ]);
    assert.deepEqual(parseInline('[mail](mailto:me@example.com)'), [
      link('mailto:me@example.com', t('mail')),
    ]);
  });

  test('brackets that are not links stay text; links do not nest', () => {
    assert.deepEqual(parseInline('[not a link] and [x] (y)'), [t('[not a link] and [x] (y)')]);
    assert.deepEqual(parseInline('[[https://a.io](https://b.io)](https://c.io)'), [
      t('['),
      link('https://b.io/', t('https://a.io')),
      t(']('),
      link('https://c.io/', t('https://c.io')),
      t(')'),
    ]);
  });

  test('an empty link text shows the URL', () => {
    assert.deepEqual(parseInline('[](https://x.io)'), [link('https://x.io/', t('https://x.io/'))]);
  });

  test('autolinks: <scheme:…>, <email>, and bare http(s) URLs without trailing punctuation', () => {
    assert.deepEqual(parseInline('<https://a.io/x> <me@b.io>'), [
      link('https://a.io/x', t('https://a.io/x')),
      t(' '),
      link('mailto:me@b.io', t('me@b.io')),
    ]);
    assert.deepEqual(
      parseInline('See https://a.io/p?q=1. Or (https://en.wikipedia.org/wiki/A_(b)).'),
      [
        t('See '),
        link('https://a.io/p?q=1', t('https://a.io/p?q=1')),
        t('. Or ('),
        link('https://en.wikipedia.org/wiki/A_(b)', t('https://en.wikipedia.org/wiki/A_(b)')),
        t(').'),
      ],
    );
    assert.deepEqual(parseInline('xhttps://a.io and http://'), [t('xhttps://a.io and http://')]);
  });

  test('images are not rendered: alt text becomes a link (or text when the URL is unsafe)', () => {
    assert.deepEqual(parseInline('![a cat](https://img.io/cat.png)'), [
      link('https://img.io/cat.png', t('a cat')),
    ]);
    assert.deepEqual(parseInline('![](https://img.io/c.png)'), [
      link('https://img.io/c.png', t('https://img.io/c.png')),
    ]);
    assert.deepEqual(parseInline('![pixel](data:image/png;base64,AAAA)'), [t('pixel')]);
  });

  test('hard breaks (two spaces or backslash) and soft breaks', () => {
    assert.deepEqual(parseMarkdown('a  \nb\\\nc\nd')[0], {
      type: 'paragraph',
      children: [t('a'), { type: 'break' }, t('b'), { type: 'break' }, t('c\nd')],
    });
  });

  test('backslash escapes and character references', () => {
    assert.deepEqual(parseInline('\\*not em\\* \\_ \\\\ \\a'), [t('*not em* _ \\ \\a')]);
    assert.deepEqual(parseInline('&amp; &lt;b&gt; &#65;&#x42; &copy; &bogus; &#0; & x'), [
      t('& <b> AB © &bogus; \ufffd & x'),
    ]);
  });

  test('emphasis inside link text, link inside emphasis', () => {
    assert.deepEqual(parseInline('*see [the _docs_](https://d.io)*'), [
      em(t('see '), link('https://d.io/', t('the '), em(t('docs')))),
    ]);
  });

  test('streaming prefixes of a styled sentence never throw and end in the full tree', () => {
    const full = 'Use **`npm ci`** then [read](https://d.io/x) ~~old~~ *now*.';
    for (let i = 0; i <= full.length; i++) parseInline(full.slice(0, i));
    assert.deepEqual(parseInline(full), [
      t('Use '),
      strong(code('npm ci')),
      t(' then '),
      link('https://d.io/x', t('read')),
      t(' '),
      del(t('old')),
      t(' '),
      em(t('now')),
      t('.'),
    ]);
  });
});
