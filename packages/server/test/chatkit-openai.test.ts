// openAIResponder against a local stand-in speaking the Chat Completions SSE
// format (stream: true) — no network.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ThreadStreamEvent } from '@chat-widget/protocol';
import {
  createChatKitHandler,
  createMemoryStore,
  openAIResponder,
} from '@chat-widget/server/chatkit';
import { chatkitClient, sleep, userInput } from './helpers.ts';

interface Seen {
  path: string;
  authorization: string | undefined;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}
const seen: Seen[] = [];
let mode: 'ok' | 'error' | 'slow' | 'split' = 'ok';
let closedEarly = false;
let baseURL = '';
let standIn: Server;

const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;

before(async () => {
  const server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    seen.push({
      path: req.url ?? '',
      authorization: req.headers.authorization,
      body: JSON.parse(raw),
    });
    if (mode === 'error') {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"error":{"message":"boom"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant' } }] })}\n\n`,
    );
    if (mode === 'split') {
      // One event split mid-line and mid-UTF-8 character, CRLF line ends.
      const bytes = Buffer.from(chunk('héllo wörld').replace(/\n/g, '\r\n'));
      for (let i = 0; i < bytes.length; i += 7) {
        res.write(bytes.subarray(i, i + 7));
        await sleep(1);
      }
      res.end('data: [DONE]\n\n');
      return;
    }
    const words = ['Hello', ' from', ' the', ' model', '.'];
    for (const word of mode === 'slow' ? [...words, ...Array(200).fill(' more')] : words) {
      if (res.destroyed) {
        closedEarly = true;
        return;
      }
      res.write(chunk(word));
      await sleep(mode === 'slow' ? 20 : 1);
    }
    res.write(': keep-alive comment\n\n');
    res.end('data: [DONE]\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  standIn = server;
});
after(() => {
  standIn.closeAllConnections();
  return new Promise<void>((resolve) => standIn.close(() => resolve()));
});

const lastText = (events: ThreadStreamEvent[]) => {
  const done = events.filter((e) => e.type === 'thread.item.done').at(-1) as Extract<
    ThreadStreamEvent,
    { type: 'thread.item.done' }
  >;
  return done.item.type === 'assistant_message' ? done.item.content[0]!.text : '';
};

describe('openAIResponder', () => {
  test('streams deltas into an assistant message and sends the history', async () => {
    mode = 'ok';
    seen.length = 0;
    const respond = openAIResponder({
      baseURL,
      apiKey: 'sk-test',
      model: 'test-model',
      instructions: 'Be brief.',
    });
    const client = chatkitClient(
      createChatKitHandler({ store: createMemoryStore(), respond }),
      'alice',
    );
    const first = await client.stream('threads.create', { input: userInput('Hi there') });
    assert.equal(lastText(first), 'Hello from the model.');
    const threadId = (first[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;
    await client.stream('threads.add_user_message', {
      thread_id: threadId,
      input: userInput('And again'),
    });
    assert.equal(seen.length, 2);
    assert.equal(seen[0]!.path, '/v1/chat/completions');
    assert.equal(seen[0]!.authorization, 'Bearer sk-test');
    assert.equal(seen[0]!.body.model, 'test-model');
    assert.equal(seen[0]!.body.stream, true);
    assert.deepEqual(seen[1]!.body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi there' },
      { role: 'assistant', content: 'Hello from the model.' },
      { role: 'user', content: 'And again' },
    ]);
  });

  test('falls back to OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL', async () => {
    mode = 'ok';
    seen.length = 0;
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPENAI_BASE_URL: baseURL,
      OPENAI_API_KEY: 'sk-env',
      OPENAI_MODEL: 'env-model',
    });
    try {
      const client = chatkitClient(
        createChatKitHandler({ store: createMemoryStore(), respond: openAIResponder() }),
        'alice',
      );
      await client.stream('threads.create', { input: userInput('env') });
    } finally {
      for (const key of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_MODEL']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
    assert.equal(seen[0]!.authorization, 'Bearer sk-env');
    assert.equal(seen[0]!.body.model, 'env-model');
  });

  test('events split across chunks, CRLF and multi-byte characters decode intact', async () => {
    mode = 'split';
    const client = chatkitClient(
      createChatKitHandler({
        store: createMemoryStore(),
        respond: openAIResponder({ baseURL, apiKey: 'k', model: 'm' }),
      }),
      'alice',
    );
    assert.equal(
      lastText(await client.stream('threads.create', { input: userInput('split') })),
      'héllo wörld',
    );
  });

  test('an upstream HTTP error becomes an in-stream error event with retry', async () => {
    mode = 'error';
    const client = chatkitClient(
      createChatKitHandler({
        store: createMemoryStore(),
        respond: openAIResponder({ baseURL, apiKey: 'k', model: 'm' }),
        onError: () => {},
      }),
      'alice',
    );
    const events = await client.stream('threads.create', { input: userInput('x') });
    assert.ok(events.some((e) => e.type === 'error' && e.code === 'stream.error' && e.allow_retry));
  });

  test('a client disconnect aborts the upstream request', async () => {
    mode = 'slow';
    closedEarly = false;
    const store = createMemoryStore();
    const handler = createChatKitHandler({
      store,
      respond: openAIResponder({ baseURL, apiKey: 'k', model: 'm' }),
    });
    const response = await chatkitClient(handler, 'alice').post({
      type: 'threads.create',
      params: { input: userInput('long') },
    });
    const reader = response.body!.getReader();
    let text = '';
    while ((text.match(/text_delta/g) ?? []).length < 3)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const end = Date.now() + 3000;
    while (!closedEarly && Date.now() < end) await sleep(20);
    assert.ok(closedEarly, 'the stand-in saw its response closed before finishing');
  });
});
