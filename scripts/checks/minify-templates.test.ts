// The build's Lit template minifier (scripts/build/minify-templates.mjs): what it removes,
// and what it must leave alone (strings, attribute values, <pre>/<textarea> content).
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs build script without types.
import { minifyCss, minifyHtml } from '../build/minify-templates.mjs';

const css = (parts: string[]) => (minifyCss as (p: string[]) => string[])(parts);
const html = (parts: string[]) => (minifyHtml as (p: string[]) => string[])(parts);

test('css: comments and whitespace go; strings, descendant :pseudo and calc() spaces stay', () => {
  assert.deepEqual(
    css([
      `
  /* the host */
  :host {
    color: red;
    font-family: a, 'Segoe  UI';
  }
  .message :is(h1, h2) {
    width: calc(100% - 2px);
    content: '{ ; , }';
  }
`,
    ]),
    [
      ":host{color:red;font-family:a,'Segoe  UI'}.message :is(h1,h2){width:calc(100% - 2px);content:'{ ; , }'}",
    ],
  );
});

test('css: the text around an expression keeps a separating space; unbalanced parts stay', () => {
  assert.deepEqual(css(['a {\n  margin: 0 ', ';\n}']), ['a{margin:0 ', '}']);
  assert.deepEqual(css(["content: '", "';"]), ["content: '", "';"]);
});

test('css: a quote inside a comment, or a comment opener inside a string, changes nothing else', () => {
  assert.deepEqual(
    css([
      `
  /* the panel's frame ("the box") */
  .a {
    content: '/* not a comment */';
    color: red;
  }
`,
    ]),
    [".a{content:'/* not a comment */';color:red}"],
  );
  assert.deepEqual(css([`a::after { content: "it's \\" }" ; }`]), [
    `a::after{content:"it's \\" }"}`,
  ]);
});

test('css: no space beside > , { } ; after ( or before ) and !; the last ; goes; 0.5 is .5', () => {
  assert.deepEqual(
    css([
      `.m:has( > .avatar ) , .n > p {
    margin: 0 0.5em ;
    opacity: 0.25 !important;
    width: calc(10.5px + 20.05%);
    inset: -0.5px;
  }
  @media (max-width: 480px) and (hover: hover) {
    :host([mode='sidebar']) .panel { width: 100%; }
  }`,
    ]),
    [
      '.m:has(>.avatar),.n>p{margin:0 .5em;opacity:.25!important;width:calc(10.5px + 20.05%);inset:-0.5px}' +
        '@media (max-width:480px) and (hover:hover){:host([mode=sidebar]) .panel{width:100%}}',
    ],
  );
});

test('css: a space beside an expression stays, unless punctuation makes it needless', () => {
  assert.deepEqual(css(['a {\n  border: 1px ', ' red;\n  color: ', ';\n}']), [
    'a{border:1px ',
    ' red;color:',
    '}',
  ]);
  assert.deepEqual(css(['.x ', ' {\n  top: 0.5em;\n}']), ['.x ', '{top:.5em}']);
});

test('css: a comment or string left open across an expression leaves its parts as written', () => {
  assert.deepEqual(css(['a { /* open ', ' */ b: 1 }']), ['a { /* open ', ' */ b: 1 }']);
});

test('html: indentation inside and between tags goes; attribute values and pre stay', () => {
  assert.deepEqual(
    html([
      `<div
      class="a  b"
      title='x   y'
    >
      <span>one</span>
      <span>two</span>
    </div><pre>  keep
   this </pre><textarea>  and  this</textarea>`,
    ]),
    [
      `<div class="a  b" title='x   y'> <span>one</span> <span>two</span> </div><pre>  keep
   this </pre><textarea>  and  this</textarea>`,
    ],
  );
});

test('html: bindings keep their spaces; same-line text spacing is untouched', () => {
  assert.deepEqual(html(['<p\n  class=', '\n  part="x"\n>a  b ', ' c</p>']), [
    '<p class=',
    ' part=x>a  b ',
    ' c</p>',
  ]);
});

test('css: an attribute selector drops the quotes of an identifier value, only there', () => {
  assert.deepEqual(
    css([
      `:host([theme='dark']) [data-size='2xl'], [title="a b"], [lang='en' i] {\n  content: 'x';\n}`,
    ]),
    [":host([theme=dark]) [data-size='2xl'],[title=\"a b\"],[lang='en' i]{content:'x'}"],
  );
});

test('html: a plain attribute value loses its quotes; one with spaces, quotes, = or < > keeps them', () => {
  assert.deepEqual(
    html([
      '<button\n  class="icon-button"\n  type="button"\n  title="Two words"\n  data-x="a=b"\n  alt=""\n>',
      '</button>',
    ]),
    ['<button class=icon-button type=button title="Two words" data-x="a=b" alt="">', '</button>'],
  );
});

test('html: quotes stay before /> (the slash would join the value) and before an expression', () => {
  assert.deepEqual(html(['<rect rx="3"/><rect rx="3" /><p class="a"', '>x</p>']), [
    '<rect rx="3"/><rect rx="3"/><p class="a"',
    '>x</p>',
  ]);
  assert.deepEqual(html(['<p class="a"b="c" d=', '>']), ['<p class="a"b=c d=', '>']);
});
