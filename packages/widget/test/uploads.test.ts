// The composer's file checks (ChatKit's `composer.attachments` semantics): accept by
// MIME type, pattern or extension; size limits per MIME pattern with a fallback; the
// `attachments` attribute.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptAttribute, accepted, sizeLimit } from '../src/controllers/uploads.ts';
import { attachmentOptions } from '../src/internal/attachments-attribute.ts';

const file = (name: string, type: string) => new File(['x'], name, { type });

test('accept: MIME type, wildcard pattern or extension; nothing set takes everything', () => {
  const accept = { 'image/*': [], 'application/pdf': ['.pdf'] };
  assert.equal(accepted(file('a.png', 'image/png'), accept), true);
  assert.equal(accepted(file('A.PDF', ''), accept), true, 'no type: the extension decides');
  assert.equal(accepted(file('a.pdf', 'application/pdf'), accept), true);
  assert.equal(accepted(file('a.html', 'text/html'), accept), false);
  assert.equal(accepted(file('imagepng', 'imagex/png'), accept), false);
  assert.equal(accepted(file('a.exe', 'application/x-msdownload'), undefined), true);
  assert.equal(acceptAttribute(accept), 'image/*,application/pdf,.pdf');
  assert.equal(acceptAttribute(undefined), '');
});

test('maxSize: one number, or exact type, then pattern, then "*", then 100 MB', () => {
  assert.equal(sizeLimit('image/png', 5), 5);
  const limits = { 'image/png': 1, 'image/*': 2, '*': 3 };
  assert.equal(sizeLimit('image/png', limits), 1);
  assert.equal(sizeLimit('image/gif', limits), 2);
  assert.equal(sizeLimit('application/pdf', limits), 3);
  assert.equal(sizeLimit('application/pdf', { 'image/*': 2 }), 100 * 1024 * 1024);
  assert.equal(sizeLimit('text/plain', undefined), 100 * 1024 * 1024);
});

test('attribute: absent is off, present is the defaults, JSON is the options', () => {
  assert.equal(attachmentOptions(null), null);
  assert.deepEqual(attachmentOptions(''), {});
  assert.deepEqual(attachmentOptions('{"maxCount":3}'), { maxCount: 3 });
  assert.deepEqual(attachmentOptions('yes'), {});
  assert.deepEqual(attachmentOptions({ maxCount: 2 }), { maxCount: 2 }, 'the property as set');
  assert.equal(attachmentOptions(undefined), null);
});
