// Streaming turns under stress: client disconnects (fetch and node adapters),
// responder exceptions, responders that ignore the abort signal.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import type { ThreadItem, ThreadStreamEvent } from '@chat-widget/protocol';
import {
  type ChatKitStore,
  ChatKitStreamError,
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
  type Responder,
} from '@chat-widget/server/chatkit';
import { chatkitClient, parseSse, sleep, userInput } from './helpers.ts';

/** Streams "w0 w1 …" every 20 ms forever, recording whether it saw the abort. */
function endlessResponder() {
  const seen = { aborted: false, returned: false };
  const respond: Responder = async function* ({ signal }) {
    signal.addEventListener('abort', () => {
      seen.aborted = true;
    });
    try {
      for (let i = 0; ; i++) {
        yield `w${i} `;
        await sleep(20);
        if (signal.aborted) return;
      }
    } finally {
      seen.returned = true;
    }
  };
  return { respond, seen };
}

async function allItems(
  store: ChatKitStore,
  userId: string,
  threadId: string,
): Promise<ThreadItem[]> {
  return (await store.listItems(userId, threadId, { limit: 100, order: 'asc' })).data;
}

/** Reads SSE events from a body until `stop` says so, then cancels. */
async function readUntil(
  body: ReadableStream<Uint8Array>,
  stop: (events: ThreadStreamEvent[]) => boolean,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let events: ThreadStreamEvent[] = [];
  while (!stop(events)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const complete = text.slice(0, text.lastIndexOf('\n\n') + 2);
    events = parseSse(complete);
  }
  await reader.cancel();
  return events;
}

const deltas = (events: ThreadStreamEvent[]) =>
  events.filter(
    (e) =>
      e.type === 'thread.item.updated' &&
      e.update.type === 'assistant_message.content_part.text_delta',
  ).length;

async function waitFor(check: () => boolean | Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

describe('client disconnect', () => {
  test('fetch adapter: cancel mid-answer → responder aborted, partial answer kept and marked incomplete', async () => {
    const store = createMemoryStore();
    const { respond, seen } = endlessResponder();
    const handler = createChatKitHandler({ store, respond });
    const response = await chatkitClient(handler, 'alice').post({
      type: 'threads.create',
      params: { input: userInput('go on forever') },
    });
    const events = await readUntil(response.body!, (e) => deltas(e) >= 3);
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    await waitFor(() => seen.aborted && seen.returned);
    await waitFor(async () => (await allItems(store, 'alice', threadId)).length === 3);
    const [user, assistant, note] = await allItems(store, 'alice', threadId);
    assert.equal(user!.type, 'user_message');
    assert.equal(assistant!.type, 'assistant_message');
    assert.match(
      assistant!.type === 'assistant_message' ? assistant!.content[0]!.text : '',
      /^w0 w1 w2 /,
    );
    assert.equal(note!.type, 'sdk_hidden_context');
    assert.match(
      note!.type === 'sdk_hidden_context' ? note!.content : '',
      new RegExp(`${assistant!.id}.*incomplete`),
    );
    // The wire never shows the hidden note; the thread still got its title.
    const client = chatkitClient(handler, 'alice');
    const listed = await client.json<{ data: ThreadItem[] }>('items.list', {
      thread_id: threadId,
      order: 'asc',
    });
    assert.deepEqual(
      listed.body.data.map((i) => i.type),
      ['user_message', 'assistant_message'],
    );
    assert.equal((await store.loadThread('alice', threadId))?.title, 'go on forever');
  });

  test('node adapter over real HTTP: the client aborts → responder aborted, partial saved', async () => {
    const store = createMemoryStore();
    const { respond, seen } = endlessResponder();
    const handler = createChatKitHandler({ store, respond });
    const server = createServer((req, res) => void handler.node(req, res, { userId: 'alice' }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chatkit`;
    const controller = new AbortController();
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ type: 'threads.create', params: { input: userInput('node path') } }),
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let text = '';
    while ((text.match(/text_delta/g) ?? []).length < 3)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await waitFor(() => seen.aborted && seen.returned);
    const threadId = (
      parseSse(text.slice(0, text.indexOf('\n\n') + 2))[0] as Extract<
        ThreadStreamEvent,
        { type: 'thread.created' }
      >
    ).thread.id;
    await waitFor(async () =>
      (await allItems(store, 'alice', threadId)).some((i) => i.type === 'sdk_hidden_context'),
    );
    const assistant = (await allItems(store, 'alice', threadId)).find(
      (i) => i.type === 'assistant_message',
    );
    assert.match(
      assistant?.type === 'assistant_message' ? assistant.content[0]!.text : '',
      /^w0 w1 w2 /,
    );
  });

  test('a responder that ignores the signal does not hold the turn open', async () => {
    const store = createMemoryStore();
    const stubborn: Responder = async function* () {
      yield 'partial ';
      await new Promise(() => {}); // never resolves, never looks at the signal
    };
    const handler = createChatKitHandler({ store, respond: stubborn });
    const response = await chatkitClient(handler, 'alice').post({
      type: 'threads.create',
      params: { input: userInput('hang') },
    });
    const events = await readUntil(response.body!, (e) => deltas(e) >= 1);
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    await waitFor(async () => (await allItems(store, 'alice', threadId)).length === 3);
  });
});

describe('graceful shutdown', () => {
  test('close() refuses new requests, stops running turns and resolves after they saved', async () => {
    const store = createMemoryStore();
    const { respond, seen } = endlessResponder();
    const handler = createChatKitHandler({ store, respond });
    const client = chatkitClient(handler, 'alice');
    const response = await client.post({
      type: 'threads.create',
      params: { input: userInput('long one') },
    });
    const reader = response.body!.getReader();
    let text = '';
    while ((text.match(/text_delta/g) ?? []).length < 2)
      text += new TextDecoder().decode((await reader.read()).value);
    assert.equal(handler.active, 1);
    await handler.close({ graceMs: 50 });
    assert.ok(seen.aborted);
    assert.equal(handler.active, 0);
    const threadId = (
      parseSse(text.slice(0, text.indexOf('\n\n') + 2))[0] as Extract<
        ThreadStreamEvent,
        { type: 'thread.created' }
      >
    ).thread.id;
    const items = await allItems(store, 'alice', threadId);
    assert.deepEqual(
      items.map((i) => i.type),
      ['user_message', 'assistant_message', 'sdk_hidden_context'],
    );
    const refused = await client.post({ type: 'threads.list', params: {} });
    assert.equal(refused.status, 503);
    assert.equal(
      ((await refused.json()) as { error: { code: string } }).error.code,
      'ERR_SHUTTING_DOWN',
    );
  });
});

describe('responder failures', () => {
  test('an exception mid-stream → error event (allow_retry) and the thread stays usable', async () => {
    const store = createMemoryStore();
    const errors: unknown[] = [];
    const handler = createChatKitHandler({
      store,
      respond: demoResponder({ delayMs: 0 }),
      onError: (e) => errors.push(e),
    });
    const client = chatkitClient(handler, 'alice');
    const events = await client.stream('threads.create', {
      input: userInput('please fail [[error]]'),
    });
    const last = events.at(-1)!;
    const error = events.find((e) => e.type === 'error');
    assert.deepEqual(error, { type: 'error', code: 'stream.error', allow_retry: true });
    assert.ok(
      last.type === 'thread.updated' || last.type === 'error',
      'the error ends the stream (a title update may trail)',
    );
    assert.equal(errors.length, 1);
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    const user = events[1] as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;

    const next = await client.stream('threads.add_user_message', {
      thread_id: threadId,
      input: userInput('and now?'),
    });
    assert.equal(next.at(-1)!.type, 'thread.item.done');
    assert.ok(!next.some((e) => e.type === 'error'));
    const retried = await client.stream('threads.retry_after_item', {
      thread_id: threadId,
      item_id: user.item.id,
    });
    assert.ok(
      retried.some((e) => e.type === 'error'),
      'retrying the [[error]] message fails again, deterministically',
    );
  });

  test('ChatKitStreamError → code "custom" with its message, as in the SDK fixture', async () => {
    // biome-ignore lint/correctness/useYield: a responder that fails before its first event
    const refusing: Responder = async function* () {
      throw new ChatKitStreamError('Quota exceeded', { allowRetry: false });
    };
    const client = chatkitClient(
      createChatKitHandler({ store: createMemoryStore(), respond: refusing, onError: () => {} }),
      'alice',
    );
    const events = await client.stream('threads.create', { input: userInput('fail') });
    assert.deepEqual(
      events.map((e) => e.type),
      ['thread.created', 'thread.item.done', 'stream_options', 'error', 'thread.updated'],
    );
    assert.deepEqual(events[3], {
      type: 'error',
      code: 'custom',
      message: 'Quota exceeded',
      allow_retry: false,
    });
  });

  test('a store failing mid-stream becomes an in-stream error, not a truncated body', async () => {
    const store = createMemoryStore();
    const original = store.addItem.bind(store);
    store.addItem = async (...args) => {
      // The user message is written with the thread (createThreadWithItems); the
      // assistant's reply is the first item written on its own.
      if (args[2].type === 'assistant_message') throw new Error('write failed');
      return original(...args);
    };
    const client = chatkitClient(
      createChatKitHandler({ store, respond: demoResponder({ delayMs: 0 }), onError: () => {} }),
      'alice',
    );
    const events = await client.stream('threads.create', { input: userInput('hello') });
    assert.ok(events.some((e) => e.type === 'error'));
  });
});
