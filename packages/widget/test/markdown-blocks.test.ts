// Block structure of parseMarkdown: every construct, and streaming (partial) input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MdBlock, type MdInline, parseMarkdown } from '../src/markdown/index.js';

const t = (value: string): MdInline => ({ type: 'text', value });
const p = (...children: MdInline[]): MdBlock => ({ type: 'paragraph', children });
const item = (children: MdBlock[], checked: boolean | null = null) => ({ children, checked });

describe('parseMarkdown blocks', () => {
  test('paragraphs split on blank lines; soft breaks stay as \\n; indentation is dropped', () => {
    assert.deepEqual(parseMarkdown('one\n  two\n\n\nthree  '), [p(t('one\ntwo')), p(t('three'))]);
    assert.deepEqual(parseMarkdown(''), []);
    assert.deepEqual(parseMarkdown('  \n\t\n'), []);
  });

  test('CRLF and CR line endings behave like LF', () => {
    assert.deepEqual(parseMarkdown('a\r\nb\r\rc'), parseMarkdown('a\nb\n\nc'));
  });

  test('ATX headings 1-6, closing #s removed; 7 #s or no space is a paragraph', () => {
    assert.deepEqual(parseMarkdown('# One\n## Two ##\n###### Six\n####### seven\n#hashtag'), [
      { type: 'heading', level: 1, children: [t('One')] },
      { type: 'heading', level: 2, children: [t('Two')] },
      { type: 'heading', level: 6, children: [t('Six')] },
      p(t('####### seven\n#hashtag')),
    ]);
    assert.deepEqual(parseMarkdown('# C# ##'), [
      { type: 'heading', level: 1, children: [t('C#')] },
    ]);
    assert.deepEqual(parseMarkdown('#'), [{ type: 'heading', level: 1, children: [] }]);
  });

  test('setext headings', () => {
    assert.deepEqual(parseMarkdown('Title\n=====\nSub\n---'), [
      { type: 'heading', level: 1, children: [t('Title')] },
      { type: 'heading', level: 2, children: [t('Sub')] },
    ]);
  });

  test('thematic breaks: ---, ***, ___ and spaced forms, but not after a paragraph line', () => {
    assert.deepEqual(parseMarkdown('---\n* * *\n_ _ _ _\n\n--'), [
      { type: 'thematic_break' },
      { type: 'thematic_break' },
      { type: 'thematic_break' },
      p(t('--')),
    ]);
  });

  test('fenced code keeps text verbatim, with a sanitized language', () => {
    const md = '```TypeScript title="x"\nconst a = `<b>` * 2;\n\n  indented\n```\nafter';
    assert.deepEqual(parseMarkdown(md), [
      {
        type: 'code_block',
        lang: 'typescript',
        text: 'const a = `<b>` * 2;\n\n  indented',
        closed: true,
      },
      p(t('after')),
    ]);
    assert.deepEqual(parseMarkdown('~~~~\n```\n~~~\n~~~~'), [
      { type: 'code_block', lang: '', text: '```\n~~~', closed: true },
    ]);
  });

  test('a fence indented by 2 strips that indent from its lines', () => {
    assert.deepEqual(parseMarkdown('  ```\n  a\n    b\n c\n  ```'), [
      { type: 'code_block', lang: '', text: 'a\n  b\nc', closed: true },
    ]);
  });

  test('streaming: an unclosed fence is a code block of what arrived so far', () => {
    assert.deepEqual(parseMarkdown('Intro\n\n```py\nprint(1)\nprint('), [
      p(t('Intro')),
      { type: 'code_block', lang: 'py', text: 'print(1)\nprint(', closed: false },
    ]);
    assert.deepEqual(parseMarkdown('```'), [
      { type: 'code_block', lang: '', text: '', closed: false },
    ]);
    // A half-typed closing fence is not shown as code.
    assert.deepEqual(parseMarkdown('```js\nx\n``'), [
      { type: 'code_block', lang: 'js', text: 'x', closed: false },
    ]);
  });

  test('language names: only [a-z0-9+#-], else no language', () => {
    const lang = (info: string) =>
      (parseMarkdown(`\`\`\`${info}\nx\n\`\`\``)[0] as { lang: string }).lang;
    assert.equal(lang('c++'), 'c++');
    assert.equal(lang('C#'), 'c#');
    assert.equal(lang('objective-c'), 'objective-c');
    assert.equal(lang('js" onmouseover="alert(1)'), '');
    assert.equal(lang('{.python}'), '');
    assert.equal(lang('x'.repeat(40)), '');
  });

  test('bullet lists, tight; a change of bullet starts a new list', () => {
    assert.deepEqual(parseMarkdown('- a\n- b\n+ c'), [
      {
        type: 'list',
        ordered: false,
        start: 1,
        loose: false,
        items: [item([p(t('a'))]), item([p(t('b'))])],
      },
      { type: 'list', ordered: false, start: 1, loose: false, items: [item([p(t('c'))])] },
    ]);
  });

  test('ordered lists keep their start number; ")" delimiters work', () => {
    assert.deepEqual(parseMarkdown('3. three\n4. four'), [
      {
        type: 'list',
        ordered: true,
        start: 3,
        loose: false,
        items: [item([p(t('three'))]), item([p(t('four'))])],
      },
    ]);
    assert.equal((parseMarkdown('1) x')[0] as { ordered: boolean }).ordered, true);
  });

  test('blank lines between items make a loose list', () => {
    const [list] = parseMarkdown('- a\n\n- b');
    assert.equal(list?.type === 'list' && list.loose, true);
    assert.equal(list?.type === 'list' && list.items.length, 2);
  });

  test('nested lists by indentation, including the 2-3 space style of chat models', () => {
    const md = '1. one\n   - a\n   - b\n2. two\n  - c\n    1. deep';
    const [list] = parseMarkdown(md);
    assert.ok(list?.type === 'list');
    assert.equal(list.items.length, 2);
    const [one, two] = list.items;
    assert.deepEqual(one?.children[1], {
      type: 'list',
      ordered: false,
      start: 1,
      loose: false,
      items: [item([p(t('a'))]), item([p(t('b'))])],
    });
    const sub = two?.children[1];
    assert.ok(sub?.type === 'list');
    assert.equal(sub.items[0]?.children[1]?.type, 'list', 'third level');
  });

  test('list item continuation: indented paragraphs, code blocks and lazy lines', () => {
    const md = '- first\nlazy\n\n  second para\n\n  ```\n  code\n  ```\n- next';
    const [list] = parseMarkdown(md);
    assert.ok(list?.type === 'list');
    assert.equal(list.loose, true);
    assert.deepEqual(list.items[0]?.children, [
      p(t('first\nlazy')),
      p(t('second para')),
      { type: 'code_block', lang: '', text: 'code', closed: true },
    ]);
    assert.deepEqual(list.items[1]?.children, [p(t('next'))]);
  });

  test('a list ends at a blank line followed by unindented text', () => {
    assert.deepEqual(parseMarkdown('- a\n\nafter'), [
      { type: 'list', ordered: false, start: 1, loose: false, items: [item([p(t('a'))])] },
      p(t('after')),
    ]);
  });

  test('only "1." or a bullet interrupts a paragraph', () => {
    assert.deepEqual(parseMarkdown('Year\n2024. was good'), [p(t('Year\n2024. was good'))]);
    assert.equal(parseMarkdown('Intro:\n- a')[1]?.type, 'list');
  });

  test('task list items', () => {
    const [list] = parseMarkdown('- [x] done\n- [ ] todo\n- [y] not a task');
    assert.ok(list?.type === 'list');
    assert.deepEqual(
      list.items.map((i) => i.checked),
      [true, false, null],
    );
    assert.deepEqual(list.items[0]?.children, [p(t('done'))]);
  });

  test('blockquotes: nested, lazy continuation, containing other blocks', () => {
    assert.deepEqual(parseMarkdown('> # Title\n> text\nlazy\n>\n> > inner\n\nout'), [
      {
        type: 'blockquote',
        children: [
          { type: 'heading', level: 1, children: [t('Title')] },
          p(t('text\nlazy')),
          { type: 'blockquote', children: [p(t('inner'))] },
        ],
      },
      p(t('out')),
    ]);
  });

  test('GFM tables with alignment; short rows padded, long rows cut', () => {
    const md =
      '| Left | Center | Right | None |\n|:---|:---:|---:|---|\n| a | **b** | c | d |\n| short |\n| 1 | 2 | 3 | 4 | 5 |\n\nafter';
    const [table, after] = parseMarkdown(md);
    assert.ok(table?.type === 'table');
    assert.deepEqual(table.align, ['left', 'center', 'right', null]);
    assert.deepEqual(table.head, [[t('Left')], [t('Center')], [t('Right')], [t('None')]]);
    assert.deepEqual(table.rows[0]?.[1], [{ type: 'strong', children: [t('b')] }]);
    assert.deepEqual(table.rows[1], [[t('short')], [], [], []]);
    assert.equal(table.rows[2]?.length, 4);
    assert.deepEqual(after, p(t('after')));
  });

  test('tables: escaped pipes, no outer pipes, and a header without delimiter row', () => {
    const [table] = parseMarkdown('a | b\n--|--\n`x\\|y` | z');
    assert.ok(table?.type === 'table');
    assert.deepEqual(table.rows[0]?.[0], [{ type: 'inline_code', value: 'x|y' }]);
    // While streaming, the header alone is a paragraph.
    assert.deepEqual(parseMarkdown('| a | b |'), [p(t('| a | b |'))]);
    // Delimiter with the wrong number of columns: not a table.
    assert.equal(parseMarkdown('| a | b |\n|---|')[0]?.type, 'paragraph');
  });

  test('the last paragraph line before a delimiter row becomes the table header', () => {
    const blocks = parseMarkdown('Results:\n| a |\n|---|\n| 1 |');
    assert.deepEqual(
      blocks.map((b) => b.type),
      ['paragraph', 'table'],
    );
  });

  test('tabs in indentation count to the next multiple of 4', () => {
    const [list] = parseMarkdown('- a\n\t- b');
    assert.ok(list?.type === 'list');
    assert.equal(list.items[0]?.children[1]?.type, 'list');
  });

  test('NUL characters are replaced', () => {
    assert.deepEqual(parseMarkdown('a\0b'), [p(t('a\ufffdb'))]);
  });
});
