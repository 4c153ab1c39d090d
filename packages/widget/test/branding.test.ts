// The parsing behind the branding options: disclaimer links, prompt objects and
// heading levels (what reaches the DOM is checked in test/browser/branding.spec.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { disclaimerParts } from '../src/internal/branding.ts';
import { headingLevels, validPrompts } from '../src/internal/branding-options.ts';

test('disclaimer: [text](url) become link parts, the rest stays text', () => {
  assert.deepEqual(
    disclaimerParts('AI can err. [Terms](https://x.io/t_(v2)) and [me](javascript:alert(1)).'),
    [
      { text: 'AI can err. ' },
      { text: 'Terms', href: 'https://x.io/t_(v2)' },
      { text: ' and ' },
      { text: 'me', href: 'javascript:alert(1)' },
      { text: '.' },
    ],
  );
  assert.deepEqual(disclaimerParts('No [link] (here)'), [{ text: 'No [link] (here)' }]);
  assert.deepEqual(disclaimerParts([{ text: 'a', href: 'https://x.io' }, { href: 'b' }, 3]), [
    { text: 'a', href: 'https://x.io' },
  ]);
  assert.deepEqual(disclaimerParts('  '), []);
  assert.deepEqual(disclaimerParts(null), []);
});

test('prompts: strings and objects with a label; anything else is dropped', () => {
  const ok = { label: 'Track', prompt: 'Where is my order?', icon: 'spark' };
  assert.deepEqual(validPrompts(['a', '', ok, { prompt: 'no label' }, null, 7]), ['a', ok]);
  assert.deepEqual(validPrompts('a'), []);
});

test('heading-level: replies start at it, the title one above; invalid values are ignored', () => {
  assert.deepEqual(headingLevels(null), { title: 2, replies: 1 });
  assert.deepEqual(headingLevels(3), { title: 2, replies: 3 });
  assert.deepEqual(headingLevels(1), { title: 1, replies: 1 });
  assert.deepEqual(headingLevels(9), { title: 5, replies: 6 });
  assert.deepEqual(headingLevels(Number.NaN), { title: 2, replies: 1 });
  assert.deepEqual(headingLevels(0), { title: 2, replies: 1 });
});
