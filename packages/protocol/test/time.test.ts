import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimestamp } from '@chat-widget/protocol';

// Not UTC, so a naive timestamp read as local time would show.
process.env.TZ = 'America/New_York';

test('timestamps without an offset (the Python SDK) are UTC; offsets are honoured', () => {
  assert.equal(parseTimestamp('2025-01-02T03:04:05')?.toISOString(), '2025-01-02T03:04:05.000Z');
  assert.equal(
    parseTimestamp('2025-01-02T03:04:05.250')?.toISOString(),
    '2025-01-02T03:04:05.250Z',
  );
  assert.equal(parseTimestamp('2025-01-02T03:04:05Z')?.toISOString(), '2025-01-02T03:04:05.000Z');
  assert.equal(
    parseTimestamp('2025-01-02T05:04:05+02:00')?.toISOString(),
    '2025-01-02T03:04:05.000Z',
  );
  assert.equal(parseTimestamp('not a date'), null);
});
