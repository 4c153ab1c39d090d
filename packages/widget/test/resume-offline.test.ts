// The widget's side of resumable replies and the offline queue, against a real
// node:http server that follows the resume contract (the protocol package's test
// server) through the real protocol client.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createChatKitClient, type ThreadStreamEvent } from '@chat-widget/protocol';
import { startTurnServer, type TurnServer } from '../../protocol/test/support/turn-server.ts';
import { ConversationController, itemText } from '../src/controllers/conversation-controller.ts';

const fixture = readFileSync(
  new URL('../../../test-support/fixtures/chatkit/threads.create.response.sse', import.meta.url),
  'utf8',
);

function setup(server: TurnServer) {
  const ends: string[] = [];
  const drafts: string[] = [];
  const host = {
    addController() {},
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  };
  const chat = new ConversationController(host, {
    onThreadChange() {},
    onThreadMetadata() {},
    onResponseStart() {},
    onResponseEnd: (detail) => ends.push(detail.reason),
    onError() {},
    onRestoreDraft: (text) => drafts.push(text),
    onAnnounce() {},
    onClientTool: () => Promise.reject(new Error('no tool')),
    onEffect() {},
    onFeedback() {},
  });
  chat.transport = createChatKitClient({
    url: server.url,
    resume: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  return { chat, ends, drafts };
}

const types = (server: TurnServer) => server.requests.map((r) => (r.body as { type: string }).type);

/** The reply an uninterrupted run shows. */
function finalText(server: TurnServer): string {
  const done = server.events
    .map((data) => JSON.parse(data) as ThreadStreamEvent)
    .findLast((e) => e.type === 'thread.item.done' && e.item.type === 'assistant_message');
  assert.ok(done && done.type === 'thread.item.done');
  return itemText(done.item);
}

describe('resumable replies in the widget', () => {
  let server: TurnServer;
  beforeEach(async () => {
    server = await startTurnServer(fixture);
  });
  afterEach(() => server.close());

  test('a thread loaded mid-reply (active_turn) follows the turn: the whole reply, one user message', async () => {
    const { chat, ends } = setup(server);
    await chat.openThread('thr_00000001');
    while (ends.length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(types(server).slice(-1), ['threads.resume']);
    assert.deepEqual(
      chat.state.items.map((i) => i.type),
      ['user_message', 'assistant_message'],
    );
    assert.equal(itemText(chat.state.items[1]!), finalText(server));
    assert.deepEqual(ends, ['complete']);
    assert.equal(chat.streaming, false);
  });

  test('no active_turn: nothing to follow', async () => {
    server.activeTurn = false;
    const { chat } = setup(server);
    await chat.openThread('thr_00000001');
    assert.ok(!types(server).includes('threads.resume'));
  });

  test('a reply cut twice resumes to the same text', async () => {
    server.cutAfter = [4, 3];
    const { chat } = setup(server);
    await chat.send('Hi');
    assert.equal(chat.failure, null);
    assert.equal(itemText(chat.state.items.at(-1)!), finalText(server));
    assert.equal(chat.state.items.filter((i) => i.type === 'user_message').length, 1);
    assert.deepEqual(types(server), ['threads.create', 'threads.resume', 'threads.resume']);
  });

  test('410 while resuming reloads the thread', async () => {
    server.cutAfter = [5];
    server.resumeStatuses = [410];
    server.activeTurn = false;
    const { chat } = setup(server);
    await chat.send('Hi');
    assert.deepEqual(types(server).slice(0, 2), ['threads.create', 'threads.resume']);
    assert.ok(types(server).includes('threads.get_by_id'));
    assert.equal(chat.failure, null);
    assert.equal(chat.state.items.length, 1);
  });

  test('Stop sends threads.stop to a server that resumes, and not to one that does not', async () => {
    for (const ids of [true, false]) {
      const running = await startTurnServer(fixture);
      try {
        running.ids = ids;
        running.holdOpen = true;
        const { chat, ends } = setup(running);
        const sending = chat.send('Hi');
        while (!chat.state.items.some((i) => i.type === 'assistant_message'))
          await new Promise((r) => setTimeout(r, 5));
        chat.stop();
        await sending;
        assert.deepEqual(ends, ['stopped']);
        if (ids) {
          while (running.stops.length === 0) await new Promise((r) => setTimeout(r, 5));
          assert.deepEqual(running.stops, ['thr_00000001']);
        } else {
          assert.ok(!types(running).includes('threads.stop'));
        }
      } finally {
        await running.close();
      }
    }
  });
});

describe('offline queue', () => {
  let server: TurnServer;
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  const window = new EventTarget();
  let onLine = true;
  beforeEach(async () => {
    server = await startTurnServer(fixture);
    onLine = true;
    Object.defineProperty(globalThis, 'navigator', { configurable: true, get: () => ({ onLine }) });
    g.addEventListener = window.addEventListener.bind(window);
    g.removeEventListener = window.removeEventListener.bind(window);
  });
  afterEach(async () => {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete g.navigator;
    delete g.addEventListener;
    delete g.removeEventListener;
    await server.close();
  });

  test('a message sent offline waits visibly, then goes once with an Idempotency-Key', async () => {
    const { chat } = setup(server);
    onLine = false;
    const sending = chat.send('Hi');
    assert.ok(chat.queued?.startsWith('local-'));
    assert.equal(chat.state.items[0]?.id, chat.queued);
    assert.equal(chat.streaming, true);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(server.requests.length, 0);
    onLine = true;
    window.dispatchEvent(new Event('online'));
    await sending;
    assert.equal(chat.queued, null);
    assert.deepEqual(types(server), ['threads.create']);
    assert.match(String(server.requests[0]!.headers['idempotency-key']), /^[0-9a-f-]{36}$/);
    assert.equal(chat.state.items.filter((i) => i.type === 'user_message').length, 1);
    assert.equal(itemText(chat.state.items.at(-1)!), finalText(server));
  });

  test('a request that fails unanswered as the network goes is sent again with the same key', async () => {
    const { chat } = setup(server);
    const keys: string[] = [];
    let first = true;
    const real = chat.transport!;
    chat.transport = {
      request: real.request,
      stream(req, options) {
        keys.push(options?.idempotencyKey ?? '');
        if (first) {
          first = false;
          // The network drops as the request leaves: fetch fails, the browser is offline.
          onLine = false;
          setTimeout(() => {
            onLine = true;
            window.dispatchEvent(new Event('online'));
          }, 20);
          return createChatKitClient({ url: 'http://127.0.0.1:9/chatkit' }).stream(req, options);
        }
        return real.stream(req, options);
      },
    };
    await chat.send('Hi');
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    assert.equal(chat.failure, null);
    assert.equal(chat.state.items.filter((i) => i.type === 'user_message').length, 1);
  });

  test('Stop while waiting takes the message back into the composer', async () => {
    const { chat, drafts } = setup(server);
    onLine = false;
    const sending = chat.send('Hi');
    chat.stop();
    await sending;
    assert.deepEqual(drafts, ['Hi']);
    assert.deepEqual(chat.state.items, []);
    assert.equal(chat.queued, null);
    assert.equal(server.requests.length, 0);
  });
});
