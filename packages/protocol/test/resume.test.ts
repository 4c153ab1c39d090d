import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  applyStreamEvent,
  ChatKitConnectionError,
  ChatKitHttpError,
  createChatKitClient,
  createThreadState,
  createUserMessageInput,
  parseEventId,
  type Thread,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import { collect } from './support/server.js';
import { startTurnServer, type TurnServer } from './support/turn-server.js';

const fixture = readFileSync(
  new URL('../../../test-support/fixtures/chatkit/threads.create.response.sse', import.meta.url),
  'utf8',
);
const input = createUserMessageInput('Hi');
const fast = { baseDelayMs: 5, maxDelayMs: 20 };

async function drain(iterable: AsyncIterable<ThreadStreamEvent>) {
  const events: ThreadStreamEvent[] = [];
  try {
    for await (const event of iterable) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

const types = (server: TurnServer) => server.requests.map((r) => (r.body as { type: string }).type);

describe('resumable streams', () => {
  let server: TurnServer;
  let whole: ThreadStreamEvent[];

  beforeEach(async () => {
    server = await startTurnServer(fixture);
    whole = server.events.map((data) => JSON.parse(data) as ThreadStreamEvent);
  });
  afterEach(() => server.close());

  test('a stream cut mid-turn resumes after the last id: every event once, in order', async () => {
    server.cutAfter = [4, 3];
    const client = createChatKitClient({ url: server.url, resume: fast });
    const events = await collect(client.createThread(input, { idempotencyKey: 'key-1' }));
    assert.deepEqual(events, whole);
    assert.deepEqual(types(server), ['threads.create', 'threads.resume', 'threads.resume']);
    assert.equal(server.requests[0]!.headers['idempotency-key'], 'key-1');
    assert.equal(server.requests[1]!.headers['idempotency-key'], undefined);
    assert.deepEqual(server.requests[1]!.body, {
      type: 'threads.resume',
      params: { thread_id: 'thr_00000001', last_event_id: 'turn_a1:4' },
    });
    assert.deepEqual((server.requests[2]!.body as { params: unknown }).params, {
      thread_id: 'thr_00000001',
      last_event_id: 'turn_a1:7',
    });
    assert.equal(client.resumable, true);
  });

  test('events a replay repeats are dropped', async () => {
    server.cutAfter = [6];
    server.replayOverlap = 3;
    const client = createChatKitClient({ url: server.url, resume: fast });
    assert.deepEqual(await collect(client.createThread(input)), whole);
  });

  test('a server that sends no ids keeps the old behaviour: the break is thrown, no resume', async () => {
    server.ids = false;
    server.cutAfter = [4];
    const client = createChatKitClient({ url: server.url, resume: fast });
    const { events, error } = await drain(client.createThread(input));
    assert.ok(error instanceof ChatKitConnectionError);
    assert.equal(error.stage, 'stream');
    assert.equal(events.length, 4);
    assert.deepEqual(types(server), ['threads.create']);
    assert.equal(client.resumable, false);
  });

  test('resume: false turns it off', async () => {
    server.cutAfter = [4];
    const client = createChatKitClient({ url: server.url, resume: false });
    const { error } = await drain(client.createThread(input));
    assert.ok(error instanceof ChatKitConnectionError);
    assert.deepEqual(types(server), ['threads.create']);
  });

  test('a server that refuses threads.resume: the original break is thrown, and it is not asked again', async () => {
    server.cutAfter = [4, 4];
    server.resumeStatuses = [400];
    const client = createChatKitClient({ url: server.url, resume: fast });
    const first = await drain(client.createThread(input));
    assert.ok(first.error instanceof ChatKitConnectionError);
    assert.match(first.error.message, /interrupted/);
    assert.equal(client.resumable, false);
    const second = await drain(client.addUserMessage('thr_00000001', input));
    assert.ok(second.error instanceof ChatKitConnectionError);
    assert.deepEqual(types(server), [
      'threads.create',
      'threads.resume',
      'threads.add_user_message',
    ]);
  });

  test('410 turn_expired is thrown as is (reload the thread)', async () => {
    server.cutAfter = [5];
    server.resumeStatuses = [410];
    const client = createChatKitClient({ url: server.url, resume: fast });
    const { events, error } = await drain(client.createThread(input));
    assert.ok(error instanceof ChatKitHttpError);
    assert.equal(error.status, 410);
    assert.equal(error.serverError?.code, 'turn_expired');
    assert.equal(events.length, 5);
  });

  test('an instance that is down (502/503) is tried again with backoff', async () => {
    server.cutAfter = [5];
    server.resumeStatuses = [502, 503];
    const client = createChatKitClient({ url: server.url, resume: fast });
    assert.deepEqual(await collect(client.createThread(input)), whole);
    assert.deepEqual(types(server), [
      'threads.create',
      'threads.resume',
      'threads.resume',
      'threads.resume',
    ]);
  });

  test('404 on resume (thread deleted) is thrown as is', async () => {
    server.cutAfter = [5];
    server.resumeStatuses = [404];
    const client = createChatKitClient({ url: server.url, resume: fast });
    const { error } = await drain(client.createThread(input));
    assert.ok(error instanceof ChatKitHttpError);
    assert.equal(error.status, 404);
  });

  test('gives up after timeoutMs with a clear connection error', async () => {
    server.cutAfter = [5];
    server.resumeStatuses = Array(1000).fill(503);
    const client = createChatKitClient({ url: server.url, resume: { ...fast, timeoutMs: 150 } });
    const { error } = await drain(client.createThread(input));
    assert.ok(error instanceof ChatKitConnectionError);
    assert.match(error.message, /could not be resumed within 0 s/);
    assert.ok(error.cause instanceof ChatKitHttpError);
  });

  test('aborting while waiting to reconnect rejects with the abort reason', async () => {
    server.cutAfter = [5];
    server.resumeStatuses = Array(1000).fill(503);
    const controller = new AbortController();
    const client = createChatKitClient({
      url: server.url,
      resume: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    const seen: ThreadStreamEvent[] = [];
    let error: unknown;
    try {
      for await (const event of client.createThread(input, { signal: controller.signal })) {
        seen.push(event);
        if (seen.length === 5)
          setTimeout(() => controller.abort(new Error('stopped by the user')), 50);
      }
    } catch (e) {
      error = e;
    }
    assert.equal((error as Error).message, 'stopped by the user');
    assert.equal(seen.length, 5);
  });

  test('threads.resume without an id replays the turn from the start; stopThread() posts threads.stop', async () => {
    const client = createChatKitClient({ url: server.url, resume: fast });
    assert.deepEqual(
      await collect(
        client.stream({ type: 'threads.resume', params: { thread_id: 'thr_00000001' } }),
      ),
      whole,
    );
    assert.deepEqual(server.requests[0]!.body, {
      type: 'threads.resume',
      params: { thread_id: 'thr_00000001' },
    });
    assert.deepEqual(await client.stopThread('thr_00000001'), {});
    assert.deepEqual(server.stops, ['thr_00000001']);
  });

  test('while offline the client waits for `online` before asking again', async () => {
    server.cutAfter = [5];
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const window = new EventTarget();
    let onLine = true;
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      get: () => ({ onLine }),
    });
    g.addEventListener = window.addEventListener.bind(window);
    g.removeEventListener = window.removeEventListener.bind(window);
    try {
      const client = createChatKitClient({ url: server.url, resume: fast });
      const seen: ThreadStreamEvent[] = [];
      let backOnline: Promise<void> | undefined;
      for await (const event of client.createThread(input)) {
        seen.push(event);
        if (seen.length === 3) {
          // The network goes (and the server's connection with it, after event 5).
          onLine = false;
          window.dispatchEvent(new Event('offline'));
          backOnline = new Promise<void>((resolve) =>
            setTimeout(() => {
              assert.deepEqual(types(server), ['threads.create']);
              onLine = true;
              window.dispatchEvent(new Event('online'));
              resolve();
            }, 100),
          );
        }
      }
      await backOnline;
      assert.deepEqual(seen, whole);
      assert.deepEqual(types(server), ['threads.create', 'threads.resume']);
      assert.equal(
        (server.requests[1]!.body as { params: { last_event_id: string } }).params.last_event_id,
        'turn_a1:5',
      );
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete g.navigator;
      delete g.addEventListener;
      delete g.removeEventListener;
    }
  });
});

describe('parseEventId', () => {
  test('reads <turn>:<seq>; anything else is not resumable', () => {
    assert.deepEqual(parseEventId('turn_x:17'), { turn: 'turn_x', seq: 17 });
    assert.equal(parseEventId('17'), null);
    assert.equal(parseEventId('turn_x:0'), null);
    assert.equal(parseEventId('turn_x:abc'), null);
    assert.equal(parseEventId(undefined), null);
  });
});

describe('reducer: a replayed turn after a reload', () => {
  test('item.added/done of items already shown update them; the text is not doubled', () => {
    const events = parseEventsOf(fixture);
    let live = createThreadState();
    for (const event of events) live = applyStreamEvent(live, event);
    // Reload mid-reply: the server has the user message and half the reply.
    const created = events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>;
    let partial = createThreadState();
    for (const event of events.slice(0, 7)) partial = applyStreamEvent(partial, event);
    const thread: Thread = {
      ...created.thread,
      items: { data: partial.items, has_more: false },
    };
    let replayed = createThreadState(thread);
    for (const event of events) replayed = applyStreamEvent(replayed, event);
    assert.deepEqual(replayed.items, live.items);
    assert.deepEqual(replayed.streaming, []);
  });
});

function parseEventsOf(text: string): ThreadStreamEvent[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as ThreadStreamEvent);
}
