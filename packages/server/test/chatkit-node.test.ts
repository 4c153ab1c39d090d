// The node adapter: Node's http module directly, with and without a body
// parser having consumed the request first (Express's express.json()).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { after, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
} from '@chat-widget/server/chatkit';
import { parseSse, userInput } from './helpers.ts';

async function listen(server: Server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chatkit`;
}

/** What express.json() does: read the stream, put the object on req.body. */
async function jsonBodyParser(req: IncomingMessage) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  (req as IncomingMessage & { body: unknown }).body = JSON.parse(raw);
}

describe('node adapter', () => {
  test('streams SSE and answers JSON over node:http', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: demoResponder({ delayMs: 0 }),
    });
    const url = await listen(
      createServer((req, res) => void handler.node(req, res, { userId: 'alice' })),
    );
    const created = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ type: 'threads.create', params: { input: userInput('hi') } }),
    });
    assert.equal(created.headers.get('cache-control'), 'no-cache, no-transform');
    const events = parseSse(await created.text());
    assert.equal(events[0]!.type, 'thread.created');
    const list = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ type: 'threads.list', params: {} }),
    });
    assert.equal(list.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(((await list.json()) as { data: unknown[] }).data.length, 1);
  });

  test('works after a JSON body parser consumed the stream (Express)', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: demoResponder({ delayMs: 0 }),
    });
    const url = await listen(
      createServer(async (req, res) => {
        await jsonBodyParser(req);
        await handler.node(req, res, { userId: 'alice' });
      }),
    );
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({
        type: 'threads.create',
        params: { input: userInput('parsed first') },
      }),
    });
    assert.equal(response.status, 200);
    assert.equal(parseSse(await response.text()).at(-1)!.type, 'thread.updated');
  });

  test('an oversized body gets a 413 without reading it all', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: demoResponder(),
      maxBodyBytes: 1000,
    });
    const url = await listen(
      createServer((req, res) => void handler.node(req, res, { userId: 'alice' })),
    );
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(100_000) });
    assert.equal(response.status, 413);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      'ERR_PAYLOAD_TOO_LARGE',
    );
  });
  test('a client that half-closes before the handler runs: no rejection, the server keeps answering', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: demoResponder({ delayMs: 0 }),
    });
    const outcomes: Promise<void>[] = [];
    // The host's own middleware (e.g. a token check) takes a moment before handing over.
    const url = await listen(
      createServer((req, res) => {
        outcomes.push(delay(100).then(() => handler.node(req, res, { userId: 'alice' })));
      }),
    );
    const { port } = new URL(url);
    const body = JSON.stringify({ type: 'threads.list', params: {} });
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.end(
      `POST /api/chatkit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.resume();
    await once(socket, 'close');
    const [outcome] = await Promise.allSettled(outcomes);
    // Before: TypeError "Response body object should not be disturbed or locked", which
    // ended a process that called `void handler.node(...)`.
    assert.equal(outcome?.status, 'fulfilled');
    const list = await fetch(url, { method: 'POST', body });
    assert.equal(list.status, 200);
  });
});
