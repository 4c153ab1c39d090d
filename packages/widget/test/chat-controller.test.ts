// ChatController folds real ChatKit exchanges (the SDK's recorded output) into
// the widget's view state; transports here replay fixtures or fail on purpose.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type NonStreamingRequest,
  parseEvent,
  parseSSE,
  type StreamingRequest,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import {
  ChatController,
  type ChatControllerHooks,
  type ChatTransport,
  messageText,
} from '../src/controllers/chat-controller.ts';

const dir = fileURLToPath(new URL('../../../test-support/fixtures/chatkit', import.meta.url));
const fixture = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');
const sse = (name: string) => parseSSE(fixture(name)).map((m) => parseEvent(m.data));
const json = (name: string) => JSON.parse(fixture(name));

interface Recorder {
  calls: string[];
  drafts: string[];
  announced: string[];
  ends: Parameters<ChatControllerHooks['onResponseEnd']>[0][];
  errors: string[];
  threads: (string | null)[];
}

function setup(transport: Partial<ChatTransport>) {
  const rec: Recorder = { calls: [], drafts: [], announced: [], ends: [], errors: [], threads: [] };
  const host = {
    addController() {},
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  };
  const chat = new ChatController(host, {
    onThreadChange: (id) => rec.threads.push(id),
    onResponseStart: () => rec.calls.push('start'),
    onResponseEnd: (detail) => rec.ends.push(detail),
    onError: (code) => rec.errors.push(code),
    onRestoreDraft: (text) => rec.drafts.push(text),
    onAnnounce: (text) => rec.announced.push(text),
  });
  chat.transport = {
    request: (() => Promise.reject(new Error('unexpected request'))) as ChatTransport['request'],
    stream: () => {
      throw new Error('unexpected stream');
    },
    ...transport,
  };
  return { chat, rec };
}

async function* replay(events: ThreadStreamEvent[]) {
  for (const event of events) {
    await Promise.resolve();
    yield event;
  }
}

describe('ChatController', () => {
  test('threads.create: the recorded stream becomes a thread with two messages', async () => {
    const requests: StreamingRequest[] = [];
    const { chat, rec } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(sse('threads.create.response.sse'));
      },
    });
    await chat.send('  Hi  ');
    assert.equal(requests[0]?.type, 'threads.create');
    assert.deepEqual(requests[0]?.params, json('threads.create.request.json').params);
    assert.equal(chat.threadId, 'thr_00000001');
    assert.equal(chat.title, 'Greeting');
    assert.deepEqual(
      chat.messages.map((m) => [m.id, m.role, messageText(m), m.status]),
      [
        ['msg_00000001', 'user', 'Hi', 'done'],
        ['msg_00000002', 'assistant', 'Hello, world!', 'done'],
      ],
    );
    assert.equal(chat.streaming, false);
    assert.equal(chat.progress, null);
    assert.deepEqual(rec.announced, ['Hello, world!']);
    assert.deepEqual(rec.ends, [
      {
        threadId: 'thr_00000001',
        itemId: 'msg_00000002',
        text: 'Hello, world!',
        reason: 'complete',
      },
    ]);
    assert.ok(rec.threads.includes('thr_00000001'));
  });

  test('an in-stream custom error keeps the user message and offers no retry', async () => {
    const { chat, rec } = setup({
      stream: () => replay(sse('threads.add_user_message.error.response.sse')),
    });
    chat.threadId = 'thr_00000001';
    await chat.send('fail');
    assert.deepEqual(chat.failure, { code: 'custom', message: 'Quota exceeded', retry: null });
    assert.deepEqual(
      chat.messages.map((m) => m.id),
      ['msg_00000003'],
    );
    assert.deepEqual(rec.errors, ['custom']);
    assert.equal(rec.ends[0]?.reason, 'error');
    assert.deepEqual(rec.drafts, []);
  });

  test('allow_retry: Retry sends retry_after_item for the confirmed message and drops later items', async () => {
    const requests: StreamingRequest[] = [];
    const first: ThreadStreamEvent[] = [
      {
        type: 'thread.item.done',
        item: {
          id: 'u1',
          thread_id: 't1',
          created_at: '2025-01-01T00:00:00',
          type: 'user_message',
          content: [{ type: 'input_text', text: 'q' }],
          attachments: [],
          inference_options: {},
        },
      },
      {
        type: 'thread.item.added',
        item: {
          id: 'a1',
          thread_id: 't1',
          created_at: '2025-01-01T00:00:00',
          type: 'assistant_message',
          content: [],
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: 'half',
        },
      },
      { type: 'error', code: 'stream.error', allow_retry: true },
    ];
    const second: ThreadStreamEvent[] = [
      {
        type: 'thread.item.done',
        item: {
          id: 'a2',
          thread_id: 't1',
          created_at: '2025-01-01T00:00:00',
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'whole', annotations: [] }],
        },
      },
    ];
    const { chat } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(requests.length === 1 ? first : second);
      },
    });
    chat.threadId = 't1';
    await chat.send('q');
    assert.deepEqual(chat.failure?.retry, { kind: 'retry', threadId: 't1', itemId: 'u1' });
    assert.equal(chat.failure?.message, 'Something went wrong while answering.');
    assert.deepEqual(
      chat.messages.map((m) => [m.id, messageText(m)]),
      [
        ['u1', 'q'],
        ['a1', 'half'],
      ],
    );
    await chat.retry();
    assert.deepEqual(requests[1], {
      type: 'threads.retry_after_item',
      params: { thread_id: 't1', item_id: 'u1' },
    });
    assert.equal(chat.failure, null);
    assert.deepEqual(
      chat.messages.map((m) => [m.id, messageText(m)]),
      [
        ['u1', 'q'],
        ['a2', 'whole'],
      ],
    );
  });

  test('a failure before the server saw the message restores the draft; Retry resends', async () => {
    let attempt = 0;
    const { chat, rec } = setup({
      stream: () => {
        attempt++;
        if (attempt === 1) {
          // What the client does on a 503: the iterator rejects before any event.
          const failing: AsyncIterable<ThreadStreamEvent> = {
            [Symbol.asyncIterator]: () => ({
              next: () =>
                Promise.reject(
                  Object.assign(new Error('HTTP 503'), { code: 'ERR_HTTP', status: 503 }),
                ),
            }),
          };
          return failing;
        }
        return replay(sse('threads.create.response.sse'));
      },
    });
    await chat.send('Hi');
    assert.deepEqual(chat.messages, []);
    assert.deepEqual(rec.drafts, ['Hi']);
    assert.equal(chat.failure?.code, 'ERR_HTTP');
    assert.match(chat.failure?.message ?? '', /503/);
    assert.deepEqual(chat.failure?.retry, { kind: 'resend', text: 'Hi' });
    await chat.retry();
    assert.equal(attempt, 2);
    assert.equal(chat.messages.length, 2);
    assert.equal(chat.failure, null);
  });

  test('a connection lost after the server saved the message: Retry re-answers it, no draft restore', async () => {
    const requests: StreamingRequest[] = [];
    const { chat, rec } = setup({
      stream: (req) => {
        requests.push(req);
        if (requests.length > 1) return replay([]);
        return (async function* () {
          yield* replay(sse('threads.create.response.sse').slice(0, 3));
          throw Object.assign(new Error('dropped'), { code: 'ERR_CONNECTION' });
        })();
      },
    });
    await chat.send('Hi');
    assert.equal(chat.failure?.code, 'ERR_CONNECTION');
    assert.match(chat.failure?.message ?? '', /connection was lost/);
    assert.deepEqual(chat.failure?.retry, {
      kind: 'retry',
      threadId: 'thr_00000001',
      itemId: 'msg_00000001',
    });
    assert.deepEqual(rec.drafts, []);
    assert.deepEqual(
      chat.messages.map((m) => m.id),
      ['msg_00000001'],
    );
    await chat.retry();
    assert.deepEqual(requests[1], {
      type: 'threads.retry_after_item',
      params: { thread_id: 'thr_00000001', item_id: 'msg_00000001' },
    });
  });

  test('stop() aborts the request and keeps the partial text', async () => {
    let signal: AbortSignal | undefined;
    const { chat, rec } = setup({
      stream: (_req, options) => {
        signal = options?.signal;
        return (async function* () {
          yield* replay([
            {
              type: 'thread.item.done',
              item: {
                id: 'u1',
                thread_id: 't1',
                created_at: 'x',
                type: 'user_message',
                content: [{ type: 'input_text', text: 'q' }],
                attachments: [],
                inference_options: {},
              },
            },
            {
              type: 'thread.item.added',
              item: {
                id: 'a1',
                thread_id: 't1',
                created_at: 'x',
                type: 'assistant_message',
                content: [],
              },
            },
            {
              type: 'thread.item.updated',
              item_id: 'a1',
              update: {
                type: 'assistant_message.content_part.text_delta',
                content_index: 0,
                delta: 'partial',
              },
            },
          ] as ThreadStreamEvent[]);
          await new Promise((_, reject) =>
            signal?.addEventListener('abort', () => reject(signal?.reason), { once: true }),
          );
        })();
      },
    });
    chat.threadId = 't1';
    const running = chat.send('q');
    while (!chat.messages.some((m) => messageText(m) === 'partial'))
      await new Promise((r) => setTimeout(r, 1));
    assert.equal(chat.streaming, true);
    chat.stop();
    await running;
    assert.equal(signal?.aborted, true);
    assert.deepEqual(
      chat.messages.map((m) => [m.id, messageText(m), m.status]),
      [
        ['u1', 'q', 'done'],
        ['a1', 'partial', 'stopped'],
      ],
    );
    assert.equal(chat.failure, null);
    assert.equal(rec.ends[0]?.reason, 'stopped');
    assert.deepEqual(rec.announced, []);
  });

  test('openThread loads every page of items (get_by_id, then items.list after the cursor)', async () => {
    const requests: NonStreamingRequest[] = [];
    const page1 = json('items.list.page1.response.json');
    const page2 = json('items.list.page2.response.json');
    const { chat } = setup({
      request: ((req: NonStreamingRequest) => {
        requests.push(req);
        if (req.type === 'threads.get_by_id') {
          return Promise.resolve({
            id: 'thr_00000001',
            title: 'Greeting',
            created_at: 'x',
            status: { type: 'active' },
            metadata: {},
            items: page1,
          });
        }
        return Promise.resolve(page2);
      }) as ChatTransport['request'],
    });
    await chat.openThread('thr_00000001');
    assert.deepEqual(requests[1], {
      type: 'items.list',
      params: { thread_id: 'thr_00000001', order: 'asc', limit: 50, after: 'msg_00000001' },
    });
    assert.deepEqual(
      chat.messages.map((m) => [m.role, messageText(m)]),
      [
        ['user', 'Hi'],
        ['assistant', 'Hello, world!'],
      ],
    );
    assert.equal(chat.title, 'Greeting');
    assert.equal(chat.loadingThread, false);
  });

  test('a failed thread load offers Retry, which loads it again', async () => {
    let calls = 0;
    const { chat } = setup({
      request: ((req: NonStreamingRequest) => {
        calls++;
        if (calls === 1)
          return Promise.reject(Object.assign(new Error('x'), { code: 'ERR_HTTP', status: 502 }));
        return Promise.resolve({
          id: (req.params as { thread_id: string }).thread_id,
          created_at: 'x',
          status: { type: 'active' },
          metadata: {},
          items: json('items.list.page2.response.json'),
        });
      }) as ChatTransport['request'],
    });
    await chat.openThread('t9');
    assert.match(chat.failure?.message ?? '', /Could not load this conversation/);
    assert.deepEqual(chat.failure?.retry, { kind: 'load', threadId: 't9' });
    await chat.retry();
    assert.equal(chat.failure, null);
    assert.deepEqual(
      chat.messages.map((m) => messageText(m)),
      ['Hello, world!'],
    );
  });

  test('a slow thread load that was overtaken by another one is ignored', async () => {
    const resolvers = new Map<string, (v: unknown) => void>();
    const { chat } = setup({
      request: ((req: NonStreamingRequest) =>
        new Promise<unknown>((resolve) =>
          resolvers.set((req.params as { thread_id: string }).thread_id, resolve),
        )) as unknown as ChatTransport['request'],
    });
    const thread = (id: string, text: string) => ({
      id,
      created_at: 'x',
      status: { type: 'active' },
      metadata: {},
      title: id,
      items: {
        has_more: false,
        data: [
          {
            id: `${id}-u`,
            thread_id: id,
            created_at: 'x',
            type: 'user_message',
            content: [{ type: 'input_text', text }],
            attachments: [],
            inference_options: {},
          },
        ],
      },
    });
    const a = chat.openThread('A');
    const b = chat.openThread('B');
    resolvers.get('B')!(thread('B', 'from B'));
    await b;
    resolvers.get('A')!(thread('A', 'from A'));
    await a;
    assert.equal(chat.threadId, 'B');
    assert.deepEqual(chat.messages.map(messageText), ['from B']);
  });

  test('history: pages with the cursor; rename and delete update the list', async () => {
    const requests: NonStreamingRequest[] = [];
    const meta = (id: string, title?: string) => ({
      id,
      created_at: 'x',
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
      ...(title ? { title } : {}),
    });
    const { chat } = setup({
      request: ((req: NonStreamingRequest) => {
        requests.push(req);
        switch (req.type) {
          case 'threads.list':
            return Promise.resolve(
              req.params.after
                ? { data: [meta('t3')], has_more: false }
                : { data: [meta('t1'), meta('t2')], has_more: true, after: 't2' },
            );
          case 'threads.update':
            return Promise.resolve(meta(req.params.thread_id, req.params.title));
          default:
            return Promise.resolve({});
        }
      }) as ChatTransport['request'],
    });
    await chat.loadHistory(true);
    await chat.loadHistory();
    assert.deepEqual(
      requests.slice(0, 2).map((r) => r.params),
      [
        { limit: 20, order: 'desc' },
        { limit: 20, order: 'desc', after: 't2' },
      ],
    );
    assert.deepEqual(
      chat.history.map((t) => t.id),
      ['t1', 't2', 't3'],
    );
    assert.equal(chat.historyHasMore, false);
    chat.threadId = 't2';
    assert.equal(await chat.renameThread('t2', '  New name '), true);
    assert.deepEqual(requests[2], {
      type: 'threads.update',
      params: { thread_id: 't2', title: 'New name' },
    });
    assert.equal(chat.history[1]?.title, 'New name');
    assert.equal(chat.title, 'New name');
    assert.equal(await chat.deleteThread('t2'), true);
    assert.deepEqual(
      chat.history.map((t) => t.id),
      ['t1', 't3'],
    );
    // The deleted thread was open: back to a new conversation.
    assert.equal(chat.threadId, null);
  });

  test('text deltas render at most once per frame; the final state renders at once', async () => {
    let updates = 0;
    const host = {
      addController() {},
      removeController() {},
      requestUpdate() {
        updates++;
      },
      updateComplete: Promise.resolve(true),
    };
    const ends: string[] = [];
    const chat = new ChatController(host, {
      onThreadChange() {},
      onResponseStart() {},
      onResponseEnd: (detail) => ends.push(detail.text),
      onError() {},
      onRestoreDraft() {},
      onAnnounce() {},
    });
    const assistant = {
      id: 'a1',
      thread_id: 't1',
      created_at: 'x',
      type: 'assistant_message',
      content: [],
    };
    const delta = (text: string) =>
      ({
        type: 'thread.item.updated',
        item_id: 'a1',
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: text,
        },
      }) as ThreadStreamEvent;
    const words = Array.from({ length: 200 }, (_, i) => ` w${i}`);
    let beforePause = 0;
    let afterPause = 0;
    chat.transport = {
      request: (() => Promise.reject(new Error('unexpected'))) as ChatTransport['request'],
      stream: () =>
        (async function* () {
          yield* replay([
            { type: 'thread.item.added', item: assistant } as ThreadStreamEvent,
            ...words.slice(0, 100).map(delta),
          ]);
          beforePause = updates;
          // A frame passes with no events: the text so far is rendered.
          await new Promise((r) => setTimeout(r, 50));
          afterPause = updates;
          yield* replay(words.slice(100).map(delta));
          yield* replay([
            {
              type: 'thread.item.done',
              item: { ...assistant, content: [{ type: 'output_text', text: words.join('') }] },
            } as ThreadStreamEvent,
          ]);
        })(),
    };
    chat.threadId = 't1';
    await chat.send('q');
    assert.equal(afterPause, beforePause + 1);
    // 200 deltas; a handful of renders (start, item added, the pause, item done, the end).
    assert.ok(updates <= 8, `${updates} renders for 200 deltas`);
    const reply = chat.messages.find((m) => m.id === 'a1');
    assert.equal(reply && messageText(reply), words.join(''));
    assert.deepEqual(ends, [words.join('')]);
    const settled = updates;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(updates, settled, 'no render scheduled after the end');
  });
});
