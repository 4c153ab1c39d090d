// Bad requests get a 400 naming the problem, oversized bodies a 413, other
// methods a 405 — each with the JSON error body, never a 500.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
} from '@chat-widget/server/chatkit';
import { chatkitClient, userInput } from './helpers.ts';

const handler = createChatKitHandler({
  store: createMemoryStore(),
  respond: demoResponder({ delayMs: 0 }),
  maxBodyBytes: 4096,
  onError: () => {},
});
const alice = chatkitClient(handler, 'alice');

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  if (message) assert.match(body.error.message, message);
}

describe('400: malformed requests name the problem', () => {
  const cases: [string, unknown, RegExp, string?][] = [
    ['not JSON', '{"type":', /not valid UTF-8 JSON/, 'ERR_INVALID_JSON'],
    ['not an object', '[1,2]', /JSON object/],
    ['type missing', { params: {} }, /"type" must be a string/],
    [
      'unknown type',
      { type: 'threads.bogus', params: {} },
      /Unknown request type "threads\.bogus"/,
      'ERR_UNKNOWN_OPERATION',
    ],
    ['params missing (SDK: 500)', { type: 'threads.list' }, /"params" must be an object/],
    [
      'thread_id not a string',
      { type: 'threads.get_by_id', params: { thread_id: 42 } },
      /params\.thread_id must be a non-empty string/,
    ],
    ['negative limit', { type: 'threads.list', params: { limit: -1 } }, /params\.limit/],
    [
      'bad order',
      { type: 'items.list', params: { thread_id: 't', order: 'sideways' } },
      /params\.order must be "asc" or "desc"/,
    ],
    ['input missing', { type: 'threads.create', params: {} }, /params\.input must be an object/],
    [
      'content not an array',
      { type: 'threads.create', params: { input: { content: 'hi' } } },
      /params\.input\.content must be an array/,
    ],
    [
      'unknown content part',
      { type: 'threads.create', params: { input: { content: [{ type: 'image', url: 'x' }] } } },
      /content\[0\]\.type/,
    ],
    [
      'empty message',
      { type: 'threads.create', params: { input: { content: [], attachments: [] } } },
      /no content and no attachments/,
    ],
    [
      'attachments not ids',
      {
        type: 'threads.create',
        params: { input: { content: [{ type: 'input_text', text: 'x' }], attachments: [{}] } },
      },
      /attachments must be an array of attachment ids/,
    ],
    [
      'feedback kind',
      { type: 'items.feedback', params: { thread_id: 't', item_ids: ['a'], kind: 'meh' } },
      /params\.kind/,
    ],
    [
      'feedback ids',
      { type: 'items.feedback', params: { thread_id: 't', item_ids: [], kind: 'positive' } },
      /params\.item_ids/,
    ],
    [
      'attachment size',
      { type: 'attachments.create', params: { name: 'a', size: 1.5, mime_type: 'text/plain' } },
      /params\.size/,
    ],
    [
      'attachment mime',
      { type: 'attachments.create', params: { name: 'a', size: 1, mime_type: 'not a mime' } },
      /params\.mime_type/,
    ],
    [
      'action without type',
      { type: 'threads.custom_action', params: { thread_id: 't', action: {} } },
      /params\.action/,
    ],
    [
      'tool output without result',
      { type: 'threads.add_client_tool_output', params: { thread_id: 't' } },
      /params\.result is required/,
    ],
    [
      'title too long',
      { type: 'threads.update', params: { thread_id: 't', title: 'x'.repeat(501) } },
      /longer than 500/,
    ],
  ];
  for (const [name, body, message, code] of cases) {
    test(name, async () =>
      expectError(await alice.post(body as string), 400, code ?? 'ERR_BAD_REQUEST', message),
    );
  }

  test('an unknown pagination cursor', async () =>
    expectError(
      await alice.post({ type: 'threads.list', params: { after: 'thr_unknown' } }),
      400,
      'ERR_INVALID_CURSOR',
      /cursor/,
    ));

  test('invalid UTF-8', async () =>
    expectError(
      await handler.fetch(
        new Request('http://app.test/api/chatkit', {
          method: 'POST',
          body: new Uint8Array([0x7b, 0xff, 0x7d]),
        }),
        { userId: 'alice' },
      ),
      400,
      'ERR_INVALID_JSON',
    ));
});

describe('413 and 405', () => {
  test('body over maxBodyBytes (declared length)', async () => {
    const big = JSON.stringify({
      type: 'threads.create',
      params: { input: userInput('x'.repeat(5000)) },
    });
    await expectError(await alice.post(big), 413, 'ERR_PAYLOAD_TOO_LARGE', /4096 bytes/);
  });
  test('body over maxBodyBytes (streamed, no content-length)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1000));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 100) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await handler.fetch(
      new Request('http://app.test/api/chatkit', {
        method: 'POST',
        body,
        duplex: 'half',
      } as RequestInit),
      { userId: 'alice' },
    );
    await expectError(response, 413, 'ERR_PAYLOAD_TOO_LARGE');
    assert.ok(sent < 100, `stopped reading after ${sent} KB`);
  });
  test('GET → 405 with Allow: POST', async () => {
    const response = await handler.fetch(new Request('http://app.test/api/chatkit'), {
      userId: 'alice',
    });
    assert.equal(response.headers.get('allow'), 'POST');
    await expectError(response, 405, 'ERR_METHOD_NOT_ALLOWED');
  });
});

describe('server faults', () => {
  test('a failing store gives a 500 with a generic message (no stack), reported to onError', async () => {
    const errors: unknown[] = [];
    const store = createMemoryStore();
    store.listThreads = async () => {
      throw new Error('disk on fire at /var/lib/secret');
    };
    const failing = chatkitClient(
      createChatKitHandler({ store, respond: demoResponder(), onError: (e) => errors.push(e) }),
      'alice',
    );
    const response = await failing.post({ type: 'threads.list', params: {} });
    await expectError(response, 500, 'ERR_INTERNAL', /^Internal server error$/);
    assert.equal(errors.length, 1);
  });
});
