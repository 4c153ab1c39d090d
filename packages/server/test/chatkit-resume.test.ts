// Resumable replies on one process (memory turn log), through real tokens:
// sequence ids, resume after an id, a disconnect that no longer kills the
// reply, stop, the grace period, 410 for expired turns, ownership, idempotent
// resends, and servers without a log refusing the extension.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  createChatKitHandler,
  createMemoryStore,
  createMemoryTurnLog,
  createSqliteStore,
  DEMO_TRIGGERS,
  demoResponder,
} from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import { type JwksServer, makeKey, sign, startJwksServer, userInput } from './helpers.ts';
import {
  deltaText,
  instance,
  parseFrames,
  readFrames,
  threadIdOf,
  waitFor,
  wordsResponder,
} from './resume-helpers.ts';

let jwks: JwksServer;
let alice = '';
let bob = '';
before(async () => {
  const key = await makeKey('k1');
  jwks = await startJwksServer([key.publicJwk]);
  alice = await sign(key, { sub: 'alice' });
  bob = await sign(key, { sub: 'bob' });
});
after(() => jwks.close());

const storedAssistantText = async (
  server: ReturnType<typeof instance>,
  token: string,
  threadId: string,
) => {
  const thread = await server.getThread(token, threadId);
  return thread.items.data
    .filter((item) => item.type === 'assistant_message')
    .map((item) => item.content?.[0]?.text ?? '')
    .join('|');
};

describe('resumable replies (memory turn log)', () => {
  test('every event carries id <turn>:<seq>, seq 1.. without gaps, one turn id', async () => {
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: wordsResponder(5, 0).respond,
    });
    const frames = await readFrames(await server.create(alice, 'hi'));
    assert.ok(frames.length > 5);
    const turn = frames[0]!.id!.split(':')[0]!;
    assert.match(turn, /^turn_[0-9a-f]+$/);
    assert.deepEqual(
      frames.map((f) => f.id),
      frames.map((_, i) => `${turn}:${i + 1}`),
    );
    assert.equal(frames[0]!.event.type, 'thread.created');
    assert.equal(deltaText(frames), 'w0 w1 w2 w3 w4 ');
    await server.handler.close();
  });

  test('resume after an id: exactly the missing events, then the live ones, then the end', async () => {
    const words = wordsResponder(40, 5);
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: words.respond,
    });
    const first = await readFrames(await server.create(alice, 'hi'), (f) => f.length >= 8);
    const threadId = threadIdOf(first);
    const last = first.at(-1)!;
    const rest = await readFrames(await server.resume(alice, threadId, last.id));
    assert.equal(rest[0]!.seq, last.seq + 1);
    assert.deepEqual(
      rest.map((frame) => frame.seq),
      rest.map((_, i) => last.seq + 1 + i),
    );
    const text = deltaText([...first, ...rest]);
    assert.equal(text, Array.from({ length: 40 }, (_, i) => `w${i} `).join(''));
    assert.equal(await storedAssistantText(server, alice, threadId), text);
    assert.equal(words.seen.finished, 1);
    assert.equal(words.seen.aborted, 0);
    await server.handler.close();
  });

  test('a disconnect does not stop the responder; resume without an id replays the whole turn', async () => {
    const words = wordsResponder(30, 5);
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: words.respond,
    });
    const first = await readFrames(await server.create(alice, 'hi'), (f) => f.length >= 4);
    const threadId = threadIdOf(first);
    const running = await server.getThread(alice, threadId);
    assert.match(running.active_turn?.id ?? '', /^turn_/);
    assert.equal(first[0]!.id?.startsWith(`${running.active_turn!.id}:`), true);
    await waitFor(() => words.seen.finished === 1);
    assert.equal(words.seen.aborted, 0);
    const replay = await readFrames(await server.resume(alice, threadId));
    assert.equal(replay[0]!.seq, 1);
    assert.equal(replay[0]!.event.type, 'thread.created');
    const full = Array.from({ length: 30 }, (_, i) => `w${i} `).join('');
    assert.equal(deltaText(replay), full);
    assert.equal(await storedAssistantText(server, alice, threadId), full);
    assert.equal((await server.getThread(alice, threadId)).active_turn, undefined);
    await server.handler.close();
  });

  test('node adapter over real HTTP: a dropped connection leaves the turn running; resume over HTTP gets the rest', async () => {
    const words = wordsResponder(40, 5);
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: words.respond,
      turnLog: createMemoryTurnLog(),
      onError: () => {},
    });
    const server = createServer((req, res) => void handler.node(req, res, { userId: 'alice' }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chatkit`;
    const controller = new AbortController();
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ type: 'threads.create', params: { input: userInput('node') } }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    while ((text.match(/text_delta/g) ?? []).length < 3)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort(); // the socket closes mid-reply
    const seen = parseFrames(text.slice(0, text.lastIndexOf('\n\n') + 2));
    const resumed = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({
        type: 'threads.resume',
        params: { thread_id: threadIdOf(seen), last_event_id: seen.at(-1)!.id },
      }),
    });
    const rest = parseFrames(await resumed.text());
    assert.equal(rest[0]!.seq, seen.at(-1)!.seq + 1);
    assert.equal(
      deltaText([...seen, ...rest]),
      Array.from({ length: 40 }, (_, i) => `w${i} `).join(''),
    );
    assert.equal(words.seen.aborted, 0);
    await handler.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('threads.stop cancels at once: the stream ends, the partial reply is stored', async () => {
    const words = wordsResponder(100_000, 5);
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: words.respond,
    });
    const response = await server.create(alice, 'hi');
    const reading = readFrames(response);
    let threadId = '';
    await waitFor(async () => {
      const thread = (await server.handler
        .fetch(
          new Request('http://app.test/api/chatkit', {
            method: 'POST',
            body: JSON.stringify({ type: 'threads.list', params: {} }),
          }),
          { userId: 'alice' },
        )
        .then((r) => r.json())) as { data: { id: string }[] };
      threadId = thread.data[0]?.id ?? '';
      return threadId !== '';
    });
    await waitFor(async () => (await server.getThread(alice, threadId)).active_turn !== undefined);
    // The turn is active before its responder starts (it yields to other requests first):
    // stop once the responder runs, so there is a partial reply to keep.
    await waitFor(() => words.seen.started === 1);
    const stopped = await server.post(alice, {
      type: 'threads.stop',
      params: { thread_id: threadId },
    });
    assert.equal(stopped.status, 200);
    assert.deepEqual(await stopped.json(), {});
    const frames = await reading; // ends by itself
    assert.equal(words.seen.aborted + words.seen.finished, 1);
    assert.equal(words.seen.finished, 0);
    const text = deltaText(frames);
    assert.ok(text.length > 0);
    assert.equal(await storedAssistantText(server, alice, threadId), text);
    assert.equal((await server.getThread(alice, threadId)).active_turn, undefined);
    await server.handler.close();
  });

  test('a shutdown mid-turn ends it as interrupted (retry offered), not as a user stop', async () => {
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: wordsResponder(100_000, 5).respond,
    });
    const response = await server.create(alice, 'hi');
    let closing: Promise<void> | undefined;
    const frames = await readFrames(response, (f) => {
      if (f.length >= 6) closing ??= server.handler.close();
      return false;
    });
    await closing;
    assert.deepEqual(frames.at(-1)?.event, {
      type: 'error',
      code: 'stream.interrupted',
      allow_retry: true,
    });
  });

  test('without a reader for resumeGraceMs the turn is stopped like a disconnect', async () => {
    const words = wordsResponder(100_000, 5);
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: words.respond,
      resumeGraceMs: 100,
    });
    const first = await readFrames(await server.create(alice, 'hi'), (f) => f.length >= 5);
    await waitFor(() => words.seen.aborted === 1);
    const threadId = threadIdOf(first);
    assert.ok((await storedAssistantText(server, alice, threadId)).startsWith('w0 '));
    await server.handler.close();
  });

  test('410 turn_expired for a turn no longer retained; empty stream when the thread has none', async () => {
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog({ retainMs: 30 }), {
      respond: wordsResponder(2, 0).respond,
    });
    const frames = await readFrames(await server.create(alice, 'hi'));
    const threadId = threadIdOf(frames);
    const lastId = frames.at(-1)!.id!;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const expired = await server.resume(alice, threadId, lastId);
    assert.equal(expired.status, 410);
    const body = (await expired.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'turn_expired');
    assert.match(body.error.message, /threads\.get_by_id/);
    assert.equal((await server.resume(alice, threadId, 'turn_00:3')).status, 410);
    const none = await server.resume(alice, threadId);
    assert.equal(none.status, 200);
    assert.match(none.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(await none.text(), '');
    const bad = await server.resume(alice, threadId, 'nonsense');
    assert.equal(bad.status, 400);
    assert.match(
      ((await bad.json()) as { error: { message: string } }).error.message,
      /last_event_id/,
    );
    await server.handler.close();
  });

  test("another user's thread: 404 for resume and stop; their turn id on one's own thread: 410", async () => {
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: wordsResponder(2, 0).respond,
    });
    const frames = await readFrames(await server.create(alice, 'secret'));
    const threadId = threadIdOf(frames);
    for (const body of [
      { type: 'threads.resume', params: { thread_id: threadId } },
      { type: 'threads.resume', params: { thread_id: threadId, last_event_id: frames[0]!.id } },
      { type: 'threads.stop', params: { thread_id: threadId } },
    ]) {
      const response = await server.post(bob, body);
      assert.equal(response.status, 404);
      assert.equal(
        ((await response.json()) as { error: { code: string } }).error.code,
        'ERR_NOT_FOUND',
      );
    }
    const own = threadIdOf(await readFrames(await server.create(bob, 'mine')));
    assert.equal((await server.resume(bob, own, frames[0]!.id)).status, 410);
    await server.handler.close();
  });

  test("the demo responder's [[long]] reply counts up one number per delta (stopped early here)", async () => {
    const server = instance(jwks.url, createMemoryStore(), createMemoryTurnLog(), {
      respond: demoResponder({ delayMs: 0 }),
    });
    const deltas = (frames: Awaited<ReturnType<typeof readFrames>>) =>
      frames.filter(
        (f) =>
          f.event.type === 'thread.item.updated' &&
          f.event.update.type === 'assistant_message.content_part.text_delta',
      ).length;
    const first = await readFrames(
      await server.create(alice, `count ${DEMO_TRIGGERS.long}`),
      (f) => deltas(f) >= 4,
    );
    assert.equal(deltaText(first), 'Long reply: 1 2 3');
    const stop = await server.post(alice, {
      type: 'threads.stop',
      params: { thread_id: threadIdOf(first) },
    });
    assert.equal(stop.status, 200);
    await server.handler.close();
  });

  test('a server without a turn log refuses threads.resume (the client then keeps plain streams)', async () => {
    const server = instance(jwks.url, createMemoryStore(), undefined, {
      respond: wordsResponder(2, 0).respond,
    });
    const frames = await readFrames(await server.create(alice, 'hi'));
    assert.equal(frames[0]!.id, undefined);
    const threadId = threadIdOf(frames);
    const refused = await server.resume(alice, threadId);
    assert.equal(refused.status, 400);
    assert.equal(
      ((await refused.json()) as { error: { code: string } }).error.code,
      'ERR_UNKNOWN_OPERATION',
    );
    await server.handler.close();
  });
});

for (const [name, makeStore] of [
  ['memory', createMemoryStore],
  ['sqlite', () => createSqliteStore(new Database(':memory:'))],
] as const) {
  describe(`Idempotency-Key (${name} store)`, () => {
    test('a resent threads.create replays the first turn and adds nothing', async () => {
      const store = makeStore();
      const server = instance(jwks.url, store, createMemoryTurnLog(), {
        respond: wordsResponder(3, 0).respond,
      });
      const key = { 'idempotency-key': 'b3f1c1de-1d7b-4f3c-9f59-6d5a0c7b2f11' };
      const first = await readFrames(await server.create(alice, 'once', key));
      const again = await readFrames(await server.create(alice, 'once', key));
      assert.deepEqual(
        again.map((f) => f.id),
        first.map((f) => f.id),
      );
      assert.equal(threadIdOf(again), threadIdOf(first));
      const list = await server.post(alice, { type: 'threads.list', params: {} });
      assert.equal(((await list.json()) as { data: unknown[] }).data.length, 1);
      // The same key from another user is theirs alone.
      const bobs = await readFrames(await server.create(bob, 'once', key));
      assert.notEqual(threadIdOf(bobs), threadIdOf(first));
      await server.handler.close();
    });

    test('concurrent resends of add_user_message store the message once', async () => {
      const server = instance(jwks.url, makeStore(), createMemoryTurnLog(), {
        respond: wordsResponder(3, 0).respond,
      });
      const threadId = threadIdOf(await readFrames(await server.create(alice, 'start')));
      const send = () =>
        server.post(
          alice,
          {
            type: 'threads.add_user_message',
            params: { thread_id: threadId, input: userInput('again?') },
          },
          { 'Idempotency-Key': 'k-42' },
        );
      const results = await Promise.all([send(), send(), send()]);
      await Promise.all(results.map((r) => readFrames(r)));
      const thread = await server.getThread(alice, threadId);
      const users = thread.items.data.filter((item) => item.type === 'user_message');
      assert.equal(users.length, 2);
      const replies = thread.items.data.filter((item) => item.type === 'assistant_message');
      assert.equal(replies.length, 2);
      await server.handler.close();
    });

    test('without a turn log a resend answers an empty stream, still adding nothing', async () => {
      const server = instance(jwks.url, makeStore(), undefined, {
        respond: wordsResponder(2, 0).respond,
      });
      const key = { 'Idempotency-Key': 'plain-1' };
      const threadId = threadIdOf(await readFrames(await server.create(alice, 'x', key)));
      const again = await server.create(alice, 'x', key);
      assert.equal(again.status, 200);
      assert.equal(await again.text(), '');
      const list = await server.post(alice, { type: 'threads.list', params: {} });
      assert.deepEqual(
        ((await list.json()) as { data: { id: string }[] }).data.map((t) => t.id),
        [threadId],
      );
      await server.handler.close();
    });

    test('a key over 200 characters or empty is a 400 that says so; a failed request frees its key', async () => {
      const server = instance(jwks.url, makeStore(), createMemoryTurnLog(), {
        respond: wordsResponder(2, 0).respond,
      });
      const long = await server.create(alice, 'x', { 'Idempotency-Key': 'k'.repeat(201) });
      assert.equal(long.status, 400);
      assert.match(
        ((await long.json()) as { error: { message: string } }).error.message,
        /Idempotency-Key/,
      );
      // An unknown attachment fails the request: the same key may then be used again.
      const failed = await server.post(
        alice,
        { type: 'threads.create', params: { input: userInput('x', ['atc_missing']) } },
        { 'Idempotency-Key': 'retry-me' },
      );
      assert.ok(failed.status >= 400 && failed.status < 500);
      const ok = await readFrames(
        await server.create(alice, 'x', { 'Idempotency-Key': 'retry-me' }),
      );
      assert.equal(deltaText(ok), 'w0 w1 ');
      await server.handler.close();
    });
  });
}
