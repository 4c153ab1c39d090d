// createStreamingParser must give exactly parseMarkdown's tree for every prefix of a
// growing text, however the text is chunked, while it keeps the blocks it parsed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMarkdown } from '../src/markdown/index.ts';
import { createStreamingParser } from '../src/markdown/stream.ts';

/** Streams `text` in chunks of the given sizes (cycled), checking every step. */
function check(text: string, sizes: number[]) {
  const parse = createStreamingParser();
  let at = 0;
  for (let k = 0; at < text.length; k++) {
    at = Math.min(text.length, at + sizes[k % sizes.length]!);
    const prefix = text.slice(0, at);
    assert.deepEqual(parse(prefix), parseMarkdown(prefix), `prefix ${JSON.stringify(prefix)}`);
  }
}

const snippets = [
  '# Title',
  '## Part two ##',
  'Setext\n======',
  'A paragraph with **bold**, _em_, `code` and a [link](https://example.com).',
  'Second line of the same paragraph',
  'éclair starts with a non-ASCII letter',
  '#hashtag is a paragraph',
  '- tight item\n- another item',
  '- loose item',
  '1. first\n2. second',
  '3) third',
  '- [ ] task\n- [x] done',
  '- outer\n  - inner\n    - deeper',
  '  indented continuation',
  '    indented code',
  '> quoted\n> text',
  '> ```\n> quoted fence',
  '```ts\nconst x = 1;',
  '```',
  '~~~~\n```\nnot a close\n~~~~',
  '``` info with ` backtick',
  '- ```\n  fence in a list',
  '  ```',
  '| a | b |\n|---|:-:|\n| 1 | 2 |',
  '---',
  '***',
  '\tTabbed line',
  'word',
  'Closing words.',
  '- item\n\n  continued in the item',
  '- item\nlazy continuation',
  '> quote\nlazy quote',
  'Para\n| a | b |\n|---|---|',
  'Heading two\n---',
  '1. step\n\n   ```sh\n   run\n\n   more\n   ```',
  '<div>raw html</div>',
  '   ```\n   indented fence',
];

describe('createStreamingParser', () => {
  test('the same tree as parseMarkdown for every prefix of a typical answer', () => {
    const answer = Array.from(
      { length: 6 },
      (_, n) =>
        `## Part ${n}\n\nSome **text** with \`code()\` here.\n\n- a \`x\`\n- b\n\n1. one\n2. two\n\n\`\`\`ts\nconst v = ${n};\n\nreturn v;\n\`\`\`\n\n`,
    ).join('');
    check(answer, [1]);
    check(answer, [3, 7, 1, 12]);
  });

  test('blank lines inside fences, loose lists and quotes are not boundaries', () => {
    check('```\na\n\nword\n\nmore\n```\n\nafter\n', [1]);
    check('- a\n\n- b\n\nword\n\n- c\n', [1]);
    check('1. a\n\n   b\n\nword\n', [1]);
    check('> a\n\n> b\n\nword\n', [1]);
    check('- ```\n  x\n\nword\n  ```\n\nend\n', [1]);
    check('~~~\n```\n\nword\n~~~\n\nend\n', [1]);
    check('```\n``\n\nword\n```\n\nend\n', [1]);
  });

  test('random documents, random chunking', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let doc = 0; doc < 400; doc++) {
      const parts: string[] = [];
      const count = 4 + random(14);
      for (let i = 0; i < count; i++) {
        parts.push(snippets[random(snippets.length)]!);
        parts.push(['\n', '\n\n', '\n\n\n'][random(3)]!);
      }
      const text = parts.join('');
      check(text, [1 + random(9), 1 + random(4), 1 + random(20)]);
    }
  });

  test('finished blocks are kept, not parsed again', () => {
    const parse = createStreamingParser();
    const first = parse('# One\n\nTwo words\n\nThree');
    const second = parse('# One\n\nTwo words\n\nThree and four\n\nFive');
    assert.equal(second[0], first[0]);
    assert.equal(second[1], first[1]);
    assert.deepEqual(second, parseMarkdown('# One\n\nTwo words\n\nThree and four\n\nFive'));
  });

  test('text that is not an extension starts over; CR line endings parse whole', () => {
    const parse = createStreamingParser();
    parse('# One\n\nTwo\n\nThree');
    assert.deepEqual(parse('Other\n\nText'), parseMarkdown('Other\n\nText'));
    assert.deepEqual(parse('a\r```\r\n\nword\n'), parseMarkdown('a\r```\r\n\nword\n'));
    assert.deepEqual(parse('a\r```\r\n\nword\nmore'), parseMarkdown('a\r```\r\n\nword\nmore'));
  });
});
