import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VERSION } from '@chat-widget/auth';

test('imports by workspace name', () => {
  assert.equal(VERSION, '0.1.0');
});
