// ConversationController folds real ChatKit exchanges (the SDK's recorded output)
// into the widget's view state with the protocol reducer; transports here replay
// fixtures or fail on purpose. HistoryController pages, renames and deletes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ChatKitConnectionError,
  ChatKitHttpError,
  type NonStreamingRequest,
  parseEvent,
  parseSSE,
  type ResumeThreadRequest,
  type StreamingRequest,
  type ThreadItem,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import {
  type ClientToolCall,
  ConversationController,
  type ConversationHooks,
  ITEM_PAGE,
  itemText,
} from '../src/controllers/conversation-controller.ts';
import { HistoryController } from '../src/controllers/history-controller.ts';
import type { ChatTransport } from '../src/controllers/transport.ts';
import { errorText } from '../src/internal/error-text.ts';
import { defaultStrings } from '../src/internal/strings.ts';

const dir = fileURLToPath(new URL('../../../test-support/fixtures/chatkit', import.meta.url));
const fixture = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');
const sse = (name: string) => parseSSE(fixture(name)).map((m) => parseEvent(m.data));
const json = (name: string) => JSON.parse(fixture(name));

interface Recorder {
  calls: string[];
  drafts: string[];
  announced: string[];
  ends: Parameters<ConversationHooks['onResponseEnd']>[0][];
  errors: string[];
  threads: (string | null)[];
  effects: [string, unknown][];
  tools: ClientToolCall[];
  feedback: unknown[];
}

function setup(
  transport: Partial<ChatTransport>,
  tool: (call: ClientToolCall) => Promise<unknown> = () => Promise.reject(new Error('no tool')),
) {
  const rec: Recorder = {
    calls: [],
    drafts: [],
    announced: [],
    ends: [],
    errors: [],
    threads: [],
    effects: [],
    tools: [],
    feedback: [],
  };
  const host = {
    addController() {},
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  };
  const chat: ConversationController = new ConversationController(host, {
    onThreadChange: (id) => rec.threads.push(id),
    onThreadMetadata() {},
    onResponseStart: () => rec.calls.push('start'),
    onResponseEnd: (detail) => rec.ends.push(detail),
    onError: (failure) => rec.errors.push(failure.code),
    onRestoreDraft: (text) => rec.drafts.push(text),
    onAnnounce: (id) => {
      const item = chat.state.items.find((i) => i.id === id);
      rec.announced.push(item ? itemText(item) : '?');
    },
    onClientTool: (call) => {
      rec.tools.push(call);
      return tool(call);
    },
    onEffect: (name, data) => rec.effects.push([name, data]),
    onFeedback: (detail) => rec.feedback.push(detail),
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

/** Opens an (empty) existing thread, as the element does for `thread-id`. */
async function enter(chat: ConversationController, threadId: string) {
  const transport = chat.transport!;
  chat.transport = {
    ...transport,
    request: (() =>
      Promise.resolve({
        id: threadId,
        created_at: 'x',
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      })) as unknown as ChatTransport['request'],
  };
  await chat.openThread(threadId);
  chat.transport = transport;
}

const statusOf = (chat: ConversationController, item: ThreadItem) =>
  chat.state.streaming.includes(item.id)
    ? 'streaming'
    : chat.state.stopped.includes(item.id)
      ? 'stopped'
      : 'done';
/** The thread as [id, type, text, status] rows. */
const rows = (chat: ConversationController) =>
  chat.state.items.map((i) => [i.id, i.type, itemText(i), statusOf(chat, i)]);
const ids = (chat: ConversationController) => chat.state.items.map((i) => i.id);
const texts = (chat: ConversationController) => chat.state.items.map(itemText);
const message = (chat: ConversationController) =>
  chat.failure ? errorText(chat.failure, defaultStrings) : '';

async function* replay(events: ThreadStreamEvent[]) {
  for (const event of events) {
    await Promise.resolve();
    yield event;
  }
}

describe('ConversationController', () => {
  test('threads.create: the recorded stream becomes a thread with two messages', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
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
    assert.deepEqual(rows(chat), [
      ['msg_00000001', 'user_message', 'Hi', 'done'],
      ['msg_00000002', 'assistant_message', 'Hello, world!', 'done'],
    ]);
    assert.equal(chat.streaming, false);
    assert.equal(chat.state.progress, null);
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
    await enter(chat, 'thr_00000001');
    await chat.send('fail');
    assert.equal(chat.failure?.code, 'custom');
    assert.equal(chat.failure?.retry, null);
    assert.equal(message(chat), 'Quota exceeded');
    assert.deepEqual(ids(chat), ['msg_00000003']);
    assert.deepEqual(rec.errors, ['custom']);
    assert.equal(rec.ends[0]?.reason, 'error');
    assert.deepEqual(rec.drafts, []);
  });

  test('allow_retry: Retry sends retry_after_item for the confirmed message and drops later items', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
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
    await enter(chat, 't1');
    await chat.send('q');
    assert.deepEqual(chat.failure?.retry, { kind: 'retry', threadId: 't1', itemId: 'u1' });
    assert.equal(message(chat), 'Something went wrong while answering.');
    assert.deepEqual(ids(chat), ['u1', 'a1']);
    assert.deepEqual(texts(chat), ['q', 'half']);
    await chat.retry();
    assert.deepEqual(requests[1], {
      type: 'threads.retry_after_item',
      params: { thread_id: 't1', item_id: 'u1' },
    });
    assert.equal(chat.failure, null);
    assert.deepEqual(ids(chat), ['u1', 'a2']);
    assert.deepEqual(texts(chat), ['q', 'whole']);
  });

  test('a failure before the server saw the message restores the draft; Retry resends', async () => {
    let attempt = 0;
    const keys: (string | undefined)[] = [];
    const { chat, rec } = setup({
      stream: (_req, options) => {
        attempt++;
        keys.push(options?.idempotencyKey);
        if (attempt === 1) {
          // What the client does on a 503: the iterator rejects before any event.
          const failing: AsyncIterable<ThreadStreamEvent> = {
            [Symbol.asyncIterator]: () => ({
              next: () => Promise.reject(new ChatKitHttpError(503, '')),
            }),
          };
          return failing;
        }
        return replay(sse('threads.create.response.sse'));
      },
    });
    await chat.send('Hi');
    assert.deepEqual(chat.state.items, []);
    assert.deepEqual(rec.drafts, ['Hi']);
    assert.equal(chat.failure?.code, 'ERR_HTTP');
    assert.equal(message(chat), 'The server had a problem (503). Try again.');
    assert.deepEqual(chat.failure?.retry, { kind: 'resend', text: 'Hi', key: keys[0] });
    await chat.retry();
    assert.equal(attempt, 2);
    // The resend carries the first attempt's idempotency key: a server stores it once.
    assert.match(keys[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal(chat.state.items.length, 2);
    assert.equal(chat.failure, null);
  });

  test('a connection lost after the server saved the message: Retry re-answers it, no draft restore', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const { chat, rec } = setup({
      stream: (req) => {
        requests.push(req);
        if (requests.length > 1) return replay([]);
        return (async function* () {
          yield* replay(sse('threads.create.response.sse').slice(0, 3));
          throw new ChatKitConnectionError('dropped');
        })();
      },
    });
    await chat.send('Hi');
    assert.equal(chat.failure?.code, 'ERR_CONNECTION');
    assert.match(message(chat), /connection was lost/);
    assert.deepEqual(chat.failure?.retry, {
      kind: 'retry',
      threadId: 'thr_00000001',
      itemId: 'msg_00000001',
    });
    assert.deepEqual(rec.drafts, []);
    assert.deepEqual(ids(chat), ['msg_00000001']);
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
    await enter(chat, 't1');
    const running = chat.send('q');
    while (!texts(chat).includes('partial')) await new Promise((r) => setTimeout(r, 1));
    assert.equal(chat.streaming, true);
    chat.stop();
    await running;
    assert.equal(signal?.aborted, true);
    assert.deepEqual(rows(chat), [
      ['u1', 'user_message', 'q', 'done'],
      ['a1', 'assistant_message', 'partial', 'stopped'],
    ]);
    assert.equal(chat.failure, null);
    assert.equal(rec.ends[0]?.reason, 'stopped');
    assert.deepEqual(rec.announced, []);
  });

  test('openThread: a short thread comes whole with get_by_id; nothing older to load', async () => {
    const requests: NonStreamingRequest[] = [];
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
            items: {
              data: [...json('items.list.page1.response.json').data, ...page2.data],
              has_more: false,
            },
          });
        }
        return Promise.resolve({ data: [...page2.data], has_more: false });
      }) as ChatTransport['request'],
    });
    await chat.openThread('thr_00000001');
    assert.deepEqual(
      chat.state.items.map((i) => [i.type, itemText(i)]),
      [
        ['user_message', 'Hi'],
        ['assistant_message', 'Hello, world!'],
      ],
    );
    assert.equal(chat.title, 'Greeting');
    assert.equal(chat.loading, false);
    assert.equal(chat.hasOlder, false);
    await chat.loadOlder();
    assert.equal(requests.length, 2);
  });

  test('openThread: a long thread shows its latest page at once; loadOlder puts older pages above', async () => {
    // A 100-message thread served as the ChatKit handler pages it.
    const all: ThreadItem[] = Array.from({ length: 100 }, (_, n) => ({
      id: `m${n}`,
      thread_id: 'long',
      created_at: '2025-01-01T00:00:00',
      type: 'assistant_message' as const,
      content: [{ type: 'output_text' as const, text: `#${n}`, annotations: [] }],
    }));
    const pageOf = (order: 'asc' | 'desc', limit: number, after?: string) => {
      const list = order === 'desc' ? [...all].reverse() : all;
      const start = after ? list.findIndex((i) => i.id === after) + 1 : 0;
      const data = list.slice(start, start + limit);
      const has_more = start + limit < list.length;
      return { data, has_more, ...(has_more ? { after: data.at(-1)!.id } : {}) };
    };
    const requests: NonStreamingRequest[] = [];
    let release: (() => void) | null = null;
    const { chat } = setup({
      request: (async (req: NonStreamingRequest) => {
        requests.push(req);
        if (req.type === 'threads.get_by_id')
          return {
            id: 'long',
            created_at: 'x',
            status: { type: 'active' },
            metadata: {},
            items: pageOf('asc', 20),
          };
        if (req.type !== 'items.list') throw new Error(req.type);
        if (req.params.after) await new Promise<void>((r) => (release = r));
        return pageOf(
          req.params.order ?? 'desc',
          req.params.limit ?? 20,
          req.params.after ?? undefined,
        );
      }) as ChatTransport['request'],
    });
    await chat.openThread('long');
    // get_by_id and the latest page side by side: two requests, newest first, no walk.
    assert.deepEqual(
      requests.map((r) => r.type),
      ['threads.get_by_id', 'items.list'],
    );
    assert.deepEqual(requests[1]?.params, { thread_id: 'long', order: 'desc', limit: ITEM_PAGE });
    assert.deepEqual(
      ids(chat),
      all.slice(100 - ITEM_PAGE).map((i) => i.id),
    );
    assert.equal(chat.hasOlder, true);
    // Older pages, oldest first above the ones shown; a second call while one loads is ignored.
    const loading = chat.loadOlder();
    assert.equal(chat.loadingOlder, true);
    await chat.loadOlder();
    await new Promise((r) => setTimeout(r, 0));
    release!();
    await loading;
    assert.equal(requests.length, 3);
    assert.deepEqual(requests[2]?.params, {
      thread_id: 'long',
      order: 'desc',
      limit: ITEM_PAGE,
      after: `m${100 - ITEM_PAGE}`,
    });
    assert.deepEqual(
      ids(chat),
      all.slice(100 - 2 * ITEM_PAGE).map((i) => i.id),
    );
    const last = chat.loadOlder();
    await new Promise((r) => setTimeout(r, 0));
    release!();
    await last;
    assert.deepEqual(
      ids(chat),
      all.map((i) => i.id),
    );
    assert.equal(chat.hasOlder, false);
    assert.equal(chat.loadingOlder, false);
  });

  test('a page of older items that arrives after another thread opened is dropped', async () => {
    let release: (() => void) | null = null;
    const { chat } = setup({
      request: (async (req: NonStreamingRequest) => {
        if (req.type === 'threads.get_by_id')
          return {
            id: req.params.thread_id,
            created_at: 'x',
            status: { type: 'active' },
            metadata: {},
            items: { data: [], has_more: req.params.thread_id === 'a' },
          };
        if (req.type !== 'items.list') throw new Error(req.type);
        if (req.params.after) await new Promise<void>((r) => (release = r));
        return req.params.thread_id === 'a'
          ? { data: [json('items.list.page2.response.json').data[0]], has_more: true, after: 'x' }
          : { data: [], has_more: false };
      }) as ChatTransport['request'],
    });
    await chat.openThread('a');
    assert.equal(chat.hasOlder, true);
    const older = chat.loadOlder();
    await new Promise((r) => setTimeout(r, 0));
    await chat.openThread('b');
    release!();
    await older;
    assert.equal(chat.threadId, 'b');
    assert.deepEqual(ids(chat), []);
    assert.equal(chat.hasOlder, false);
  });

  test('a failed thread load offers Retry, which loads it again', async () => {
    let calls = 0;
    const { chat } = setup({
      request: ((req: NonStreamingRequest) => {
        calls++;
        if (calls === 1) return Promise.reject(new ChatKitHttpError(502, ''));
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
    assert.match(
      message(chat),
      /^Could not load this conversation\. The server had a problem \(502\)/,
    );
    assert.deepEqual(chat.failure?.retry, { kind: 'load', threadId: 't9' });
    await chat.retry();
    assert.equal(chat.failure, null);
    assert.deepEqual(texts(chat), ['Hello, world!']);
  });

  test('a slow thread load that was overtaken by another one is ignored', async () => {
    const resolvers = new Map<string, (v: unknown) => void>();
    const { chat } = setup({
      request: ((req: NonStreamingRequest) =>
        new Promise<unknown>((resolve) =>
          resolvers.set(`${req.type}:${(req.params as { thread_id: string }).thread_id}`, resolve),
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
    // Each open asks for the thread and its latest page side by side.
    const answer = (id: string, text: string) => {
      const t = thread(id, text);
      resolvers.get(`threads.get_by_id:${id}`)!(t);
      resolvers.get(`items.list:${id}`)!(t.items);
    };
    answer('B', 'from B');
    await b;
    answer('A', 'from A');
    await a;
    assert.equal(chat.threadId, 'B');
    assert.deepEqual(texts(chat), ['from B']);
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
    const chat = new ConversationController(host, {
      onThreadChange() {},
      onThreadMetadata() {},
      onResponseStart() {},
      onResponseEnd: (detail) => ends.push(detail.text),
      onError() {},
      onRestoreDraft() {},
      onAnnounce() {},
      onClientTool: () => Promise.resolve(null),
      onEffect() {},
      onFeedback() {},
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
    await enter(chat, 't1');
    updates = 0;
    await chat.send('q');
    assert.equal(afterPause, beforePause + 1);
    // 200 deltas; a handful of renders (start, item added, the pause, item done, the end).
    assert.ok(updates <= 8, `${updates} renders for 200 deltas`);
    const reply = chat.state.items.find((m) => m.id === 'a1');
    assert.equal(reply && itemText(reply), words.join(''));
    assert.deepEqual(ends, [words.join('')]);
    const settled = updates;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(updates, settled, 'no render scheduled after the end');
  });

  test('a stream that closes with no events: its own message, the draft back, Retry resends', async () => {
    let attempt = 0;
    const { chat, rec } = setup({
      stream: () => (++attempt === 1 ? replay([]) : replay(sse('threads.create.response.sse'))),
    });
    await chat.send('Hi');
    assert.equal(chat.failure?.code, 'ERR_EMPTY_STREAM');
    assert.equal(message(chat), 'The server ended the reply without answering.');
    assert.deepEqual(rec.drafts, ['Hi']);
    assert.deepEqual(chat.state.items, []);
    assert.equal(rec.ends[0]?.reason, 'error');
    await chat.retry();
    assert.equal(chat.state.items.length, 2);
  });

  test('a 404 for the thread: Retry starts a new thread with the same text', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const { chat } = setup({
      stream: (req) => {
        requests.push(req);
        if (requests.length === 1)
          return {
            [Symbol.asyncIterator]: () => ({
              next: () => Promise.reject(new ChatKitHttpError(404, '')),
            }),
          };
        return replay(sse('threads.create.response.sse'));
      },
    });
    await enter(chat, 'gone');
    await chat.send('Hi');
    assert.equal(chat.failure?.kind, 'notFound');
    assert.deepEqual(chat.failure?.retry, { kind: 'new', text: 'Hi' });
    await chat.retry();
    assert.equal(requests[1]?.type, 'threads.create');
    assert.equal(chat.threadId, 'thr_00000001');
  });

  test('send: input built by the shared helper (quoted_text "" as ChatKit sends)', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const { chat } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(sse('threads.create.response.sse'));
      },
    });
    await chat.send('Hi');
    assert.deepEqual(requests[0]?.params, {
      input: {
        content: [{ type: 'input_text', text: 'Hi' }],
        attachments: [],
        quoted_text: '',
        inference_options: {},
      },
    });
  });

  test('client tool: the pending call runs the handler, its result goes back, the reply continues', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const { chat, rec } = setup(
      {
        stream: (req) => {
          requests.push(req);
          return replay(
            sse(
              requests.length === 1
                ? 'rich/tool.threads.create.response.sse'
                : 'rich/tool.threads.add_client_tool_output.response.sse',
            ),
          );
        },
      },
      () => Promise.resolve({ time: '12:00', tz: 'UTC' }),
    );
    await chat.send('what time is it?');
    assert.deepEqual(rec.tools, [
      { name: 'get_time', params: { tz: 'UTC' }, threadId: 'thr_00000004', itemId: 'tc_00000001' },
    ]);
    assert.deepEqual(requests[1], json('rich/tool.threads.add_client_tool_output.request.json'));
    const call = chat.state.items.find((i) => i.type === 'client_tool_call');
    assert.equal(call?.type === 'client_tool_call' && call.status, 'completed');
    assert.equal(chat.state.items.at(-1)?.type, 'assistant_message');
    assert.equal(rec.ends.length, 1, 'one response for the user');
    assert.equal(rec.ends[0]?.reason, 'complete');
  });

  test('client tool: a failing handler sends { error } and reports ERR_CLIENT_TOOL', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const { chat, rec } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(
          sse(
            requests.length === 1
              ? 'rich/tool.threads.create.response.sse'
              : 'rich/tool.threads.add_client_tool_output.response.sse',
          ),
        );
      },
    });
    await chat.send('what time is it?');
    assert.deepEqual(requests[1]?.params, {
      thread_id: 'thr_00000004',
      result: { error: 'no tool' },
    });
    assert.deepEqual(rec.errors, ['ERR_CLIENT_TOOL']);
    assert.equal(chat.failure, null);
  });

  test('effects go to the host; notices and the removed placeholder follow the reducer', async () => {
    const { chat, rec } = setup({
      stream: () => replay(sse('rich/effect.threads.create.response.sse')),
    });
    await chat.send('effect');
    assert.equal(rec.effects.length, 1);
    assert.equal(typeof rec.effects[0]?.[0], 'string');
    assert.equal(chat.state.notices.length, 2);
    assert.deepEqual(
      chat.state.items.map((i) => i.type),
      ['user_message', 'assistant_message', 'end_of_turn'],
    );
  });

  test('structured input: answers go out with add_structured_input; the replaced item shows them', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const { chat } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(
          sse(
            requests.length === 1
              ? 'rich/structured.threads.create.response.sse'
              : 'rich/structured.threads.add_structured_input.response.sse',
          ),
        );
      },
    });
    await chat.send('structured: order me a coffee');
    const pending = chat.state.items.find((i) => i.type === 'structured_input');
    assert.equal(pending?.type === 'structured_input' && pending.status, 'pending');
    const recorded = json('rich/structured.threads.add_structured_input.request.json');
    await chat.submitStructuredInput(pending!.id, recorded.params.input);
    assert.deepEqual(requests[1], recorded);
    const answered = chat.state.items.find((i) => i.type === 'structured_input');
    assert.equal(answered?.type === 'structured_input' && answered.status, 'answered');
  });
});

describe('ConversationController: message actions', () => {
  const rich = (name: string) => `rich/${name}`;

  test('feedback: items.feedback as ChatKit sends it, shown at once, once per choice, taken back on failure', async () => {
    const requests: NonStreamingRequest[] = [];
    let refuse = false;
    const { chat, rec } = setup({
      stream: () => replay(sse('threads.create.response.sse')),
      request: ((req: NonStreamingRequest) => {
        requests.push(req);
        if (refuse) return Promise.reject(new ChatKitHttpError(500, ''));
        return Promise.resolve(json(rich('feedback.items.feedback.response.json')));
      }) as ChatTransport['request'],
    });
    await chat.send('Hi');
    const pending = chat.sendFeedback(['msg_00000002'], 'positive');
    // Shown before the server answers.
    assert.equal(chat.feedback.get('msg_00000002'), 'positive');
    await pending;
    assert.deepEqual(requests, [json(rich('feedback.items.feedback.request.json'))]);
    assert.deepEqual(rec.feedback, [
      { threadId: 'thr_00000001', itemIds: ['msg_00000002'], kind: 'positive' },
    ]);
    // The same choice again sends nothing.
    await chat.sendFeedback(['msg_00000002'], 'positive');
    assert.equal(requests.length, 1);
    // The other choice, refused: the earlier one is shown again and the failure says so.
    refuse = true;
    await chat.sendFeedback(['msg_00000002'], 'negative');
    assert.equal(requests.length, 2);
    assert.equal(chat.feedback.get('msg_00000002'), 'positive');
    assert.equal(rec.feedback.length, 1);
    assert.deepEqual(rec.errors, ['ERR_HTTP']);
    assert.match(message(chat), /^Could not save feedback: /);
    assert.equal(chat.failure?.retry, null);
    // Another thread starts with no feedback.
    chat.newThread();
    assert.equal(chat.feedback.size, 0);
  });

  test('retryLatest: the latest reply is answered again (retry_after_item), without an error first', async () => {
    const requests: (StreamingRequest | ResumeThreadRequest)[] = [];
    const bodies = [
      rich('retry.threads.create.response.sse'),
      rich('retry.threads.retry_after_item.response.sse'),
    ];
    const { chat, rec } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(sse(bodies.shift()!));
      },
      request: (() => Promise.resolve({})) as ChatTransport['request'],
    });
    assert.equal(chat.retryTarget, null);
    await chat.send('retry: a haiku');
    assert.equal(chat.failure, null);
    assert.equal(chat.retryTarget, 'msg_00000027');
    await chat.sendFeedback(['msg_00000028'], 'negative');
    const running = chat.retryLatest();
    // Nothing to retry while the new reply runs.
    assert.equal(chat.retryTarget, null);
    await running;
    assert.deepEqual(requests[1], json(rich('retry.threads.retry_after_item.request.json')));
    assert.deepEqual(ids(chat), ['msg_00000027', 'msg_00000029']);
    assert.match(texts(chat)[1]!, /^Low tide, open sky/);
    // The replaced reply's feedback is gone with it.
    assert.equal(chat.feedback.has('msg_00000028'), false);
    assert.equal(chat.retryTarget, 'msg_00000027');
    assert.equal(rec.ends.at(-1)?.itemId, 'msg_00000029');
  });

  test('retryTarget: none while the latest user message has no reply yet', async () => {
    const { chat } = setup({
      stream: () => replay(sse(rich('retry.threads.create.response.sse')).slice(0, 2)),
    });
    await chat.send('retry: a haiku');
    assert.deepEqual(ids(chat), ['msg_00000027']);
    assert.equal(chat.retryTarget, null);
    await chat.retryLatest();
  });
});

describe('HistoryController', () => {
  const meta = (id: string, title?: string) => ({
    id,
    created_at: 'x',
    status: { type: 'active' as const },
    metadata: {},
    items: { data: [], has_more: false },
    ...(title ? { title } : {}),
  });
  const history = (request: ChatTransport['request']) => {
    const renamed: string[] = [];
    const deleted: string[] = [];
    const errors: string[] = [];
    const list = new HistoryController(
      { requestUpdate() {} },
      {
        _onError: (failure) => errors.push(failure.code),
        _onDeleted: (id) => deleted.push(id),
        _onRenamed: (thread) => renamed.push(thread.title ?? ''),
      },
    );
    list._transport = { request, stream: () => replay([]) };
    return { list, renamed, deleted, errors };
  };

  test('pages with the cursor; rename and delete update the list', async () => {
    const requests: NonStreamingRequest[] = [];
    const { list, renamed, deleted } = history(((req: NonStreamingRequest) => {
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
    }) as ChatTransport['request']);
    await list._load(true);
    await list._load();
    assert.deepEqual(
      requests.slice(0, 2).map((r) => r.params),
      [
        { limit: 20, order: 'desc' },
        { limit: 20, order: 'desc', after: 't2' },
      ],
    );
    assert.deepEqual(
      list._threads.map((t) => t.id),
      ['t1', 't2', 't3'],
    );
    assert.equal(list._hasMore, false);
    assert.equal(await list._rename('t2', '  New name '), true);
    assert.deepEqual(requests[2], {
      type: 'threads.update',
      params: { thread_id: 't2', title: 'New name' },
    });
    assert.equal(list._threads[1]?.title, 'New name');
    assert.deepEqual(renamed, ['New name']);
    assert.equal(await list._remove('t2'), true);
    assert.deepEqual(
      list._threads.map((t) => t.id),
      ['t1', 't3'],
    );
    assert.deepEqual(deleted, ['t2']);
  });

  test('a slow page overtaken by a newer load (or a clear) is dropped', async () => {
    const pending: ((v: unknown) => void)[] = [];
    const { list } = history(
      (() =>
        new Promise((resolve) => pending.push(resolve))) as unknown as ChatTransport['request'],
    );
    const first = list._load(true);
    const second = list._load(true);
    pending[1]!({ data: [meta('new')], has_more: false });
    await second;
    pending[0]!({ data: [meta('old')], has_more: false });
    await first;
    assert.deepEqual(
      list._threads.map((t) => t.id),
      ['new'],
    );
    const third = list._load(true);
    list._clear();
    pending[2]!({ data: [meta('after-sign-out')], has_more: false });
    await third;
    assert.deepEqual(list._threads, []);
    assert.equal(list._loading, false);
  });

  test('a failed rename reports a typed failure with its context', async () => {
    const { list, errors } = history((() =>
      Promise.reject(new ChatKitHttpError(500, ''))) as ChatTransport['request']);
    assert.equal(await list._rename('t1', 'x'), false);
    assert.deepEqual(errors, ['ERR_HTTP']);
    assert.equal(
      list._failure && errorText(list._failure, defaultStrings),
      'Could not rename: The server had a problem (500). Try again.',
    );
  });
});

describe('ConversationController widget actions', () => {
  const richSse = (name: string) => sse(`rich/${name}`);
  const richJson = (name: string) => json(`rich/${name}`);
  const open = async (chat: ConversationController, requests: unknown[]) => {
    const transport = chat.transport!;
    chat.transport = {
      ...transport,
      request: (() =>
        Promise.resolve(
          richJson('action.threads.get_by_id.response.json'),
        )) as ChatTransport['request'],
    };
    await chat.openThread('thr_00000006');
    chat.transport = {
      ...transport,
      request: ((req: NonStreamingRequest) => {
        requests.push(req);
        return transport.request(req);
      }) as ChatTransport['request'],
    };
  };
  const badge = (chat: ConversationController) => {
    const card = chat.state.items.find((i) => i.id === 'msg_00000014');
    return JSON.stringify(card).match(/"id":"order-status","type":"Badge","label":"(\w+)"/)?.[1];
  };

  test('customAction streams threads.custom_action exactly as the SDK received it', async () => {
    const requests: unknown[] = [];
    const { chat, rec } = setup({
      stream: (req) => {
        requests.push(req);
        return replay(richSse('action.threads.custom_action.approve.response.sse'));
      },
    });
    await open(chat, requests);
    await chat.customAction('msg_00000014', {
      type: 'order.approve',
      payload: { order_id: 'A-1234' },
    });
    assert.deepEqual(requests, [richJson('action.threads.custom_action.approve.request.json')]);
    assert.equal(badge(chat), 'Approved');
    assert.equal(
      itemText(chat.state.items.at(-1)!),
      "Order A-1234 is approved; I've let the roaster know.",
    );
    assert.deepEqual(
      rec.ends.map((e) => e.reason),
      ['complete'],
    );
    assert.equal(chat.streaming, false);
  });

  test('syncCustomAction puts updated_item in place; a failure is reported as an action error', async () => {
    const requests: unknown[] = [];
    let fail = false;
    const { chat } = setup({
      request: (() =>
        fail
          ? Promise.reject(new ChatKitHttpError(500, null))
          : Promise.resolve(
              richJson('action.threads.sync_custom_action.response.json'),
            )) as ChatTransport['request'],
    });
    await open(chat, requests);
    const count = chat.state.items.length;
    const before = chat.state.items.find((i) => i.id === 'msg_00000014');
    await chat.syncCustomAction('msg_00000014', {
      type: 'order.refresh',
      payload: { order_id: 'A-1234' },
    });
    assert.deepEqual(requests, [richJson('action.threads.sync_custom_action.request.json')]);
    assert.equal(chat.state.items.length, count);
    assert.notEqual(
      chat.state.items.find((i) => i.id === 'msg_00000014'),
      before,
    );
    assert.equal(chat.failure, null);
    fail = true;
    await chat.syncCustomAction('msg_00000014', { type: 'order.refresh' });
    const failure = () => chat.failure;
    assert.equal(failure()?.context, 'action');
    assert.match(message(chat), /^The action failed: The server had a problem \(500\)/);
  });
});
