import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSSE, SSEDecoder, type SSEMessage } from '@chat-widget/protocol';

const encode = (s: string) => new TextEncoder().encode(s);

/** Feeds `bytes` split at every given offset and returns all messages. */
function decodeSplit(
  bytes: Uint8Array,
  cuts: number[],
): { messages: SSEMessage[]; incomplete: boolean } {
  const decoder = new SSEDecoder();
  const messages: SSEMessage[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    messages.push(...decoder.push(bytes.subarray(from, cut)));
    from = cut;
  }
  const end = decoder.end();
  return { messages: [...messages, ...end.messages], incomplete: end.incomplete };
}

describe('SSEDecoder', () => {
  test('decodes ChatKit framing: data lines separated by blank lines', () => {
    assert.deepEqual(parseSSE('data: {"a":1}\n\ndata: {"b":2}\n\n'), [
      { data: '{"a":1}' },
      { data: '{"b":2}' },
    ]);
  });

  test('CRLF, lone CR and LF line endings are equivalent', () => {
    const expected = [{ data: 'one' }, { data: 'two' }, { data: 'three' }];
    assert.deepEqual(parseSSE('data: one\r\n\r\ndata: two\r\rdata: three\n\n'), expected);
  });

  test('a CRLF split across chunks is one line break, not two', () => {
    const decoder = new SSEDecoder();
    assert.deepEqual(decoder.push('data: x\r'), []);
    // If the LF were taken as a second (empty) line the message would dispatch here.
    assert.deepEqual(decoder.push('\ndata: y\r'), []);
    assert.deepEqual(decoder.push('\n\r\n'), [{ data: 'x\ny' }]);
  });

  test('every possible split point of a stream yields the same messages', () => {
    const text = 'data: {"t":"héllo 😀"}\r\n\r\n: keep-alive\n\ndata: a\ndata: b\n\n';
    const bytes = encode(text);
    const whole = decodeSplit(bytes, []).messages;
    assert.deepEqual(whole, [{ data: '{"t":"héllo 😀"}' }, { data: 'a\nb' }]);
    for (let i = 1; i < bytes.length; i++) {
      for (const j of [i + 1, i + 3]) {
        const cuts = j < bytes.length ? [i, j] : [i];
        assert.deepEqual(decodeSplit(bytes, cuts).messages, whole, `cuts ${cuts}`);
      }
    }
  });

  test('a multi-byte character split byte by byte decodes intact', () => {
    const bytes = encode('data: 😀€\n\n');
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    assert.deepEqual(decodeSplit(bytes, cuts).messages, [{ data: '😀€' }]);
  });

  test('multi-line data joins with \\n; comments, retry and unknown fields are ignored', () => {
    const text = ':comment\ndata: line1\nretry: 10\nfoo: bar\ndata:line2\ndata\n\n';
    assert.deepEqual(parseSSE(text), [{ data: 'line1\nline2\n' }]);
  });

  test('event and id fields are kept on the message but do not break decoding', () => {
    assert.deepEqual(parseSSE('event: ping\nid: 7\ndata: {}\n\ndata: {}\n\n'), [
      { data: '{}', event: 'ping', id: '7' },
      { data: '{}', id: '7' },
    ]);
  });

  test('blank lines without data dispatch nothing', () => {
    assert.deepEqual(parseSSE('\n\n\r\n: only a comment\n\nevent: x\n\n'), []);
  });

  test('only one leading space is stripped from the value', () => {
    assert.deepEqual(parseSSE('data:  two spaces\n\n'), [{ data: ' two spaces' }]);
  });

  test('a leading BOM is skipped', () => {
    assert.deepEqual(decodeSplit(encode('\uFEFFdata: x\n\n'), [1]).messages, [{ data: 'x' }]);
  });

  test('end() reports an unterminated event instead of dispatching it', () => {
    const noBlank = decodeSplit(encode('data: {"a":1}\n\ndata: {"b"'), []);
    assert.deepEqual(noBlank.messages, [{ data: '{"a":1}' }]);
    assert.equal(noBlank.incomplete, true);
    const missingBlankLine = decodeSplit(encode('data: {"a":1}\n'), []);
    assert.deepEqual(missingBlankLine.messages, []);
    assert.equal(missingBlankLine.incomplete, true);
    assert.equal(decodeSplit(encode('data: {"a":1}\n\n'), []).incomplete, false);
  });

  test('a long line arriving in many small chunks is reassembled', () => {
    // 2.5 MB in 40k chunks: a decoder that rescans its buffer per chunk would hit the
    // test timeout here (speed itself is measured by the bench, not asserted).
    const decoder = new SSEDecoder();
    const piece = 'x'.repeat(64);
    decoder.push('data: ');
    for (let i = 0; i < 40_000; i++) assert.deepEqual(decoder.push(piece), []);
    const [message] = decoder.push('\n\n');
    assert.equal(message?.data, piece.repeat(40_000));
  });
});
