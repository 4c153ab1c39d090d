import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  type ChatKitClient,
  ChatKitConnectionError,
  ChatKitContentTypeError,
  ChatKitError,
  ChatKitHttpError,
  ChatKitMalformedEventError,
  ChatKitMalformedResponseError,
  createChatKitClient,
  createUserMessageInput,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import { collect, startServer, type TestServer } from './support/server.js';

const sse = { 'Content-Type': 'text/event-stream' };
const json = { 'Content-Type': 'application/json' };
const optionsEvent = 'data: {"type":"stream_options","stream_options":{"allow_cancel":true}}\n\n';

/** Runs a stream to its end; returns the events seen and the error it threw. */
async function drain(iterable: AsyncIterable<ThreadStreamEvent>) {
  const events: ThreadStreamEvent[] = [];
  try {
    for await (const event of iterable) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

describe('client errors', () => {
  let server: TestServer;
  let client: ChatKitClient;
  let respond: (res: ServerResponse) => void;
  const input = createUserMessageInput('Hi');

  before(async () => {
    server = await startServer((_req, res) => respond(res));
    client = createChatKitClient({ url: server.url });
  });
  after(() => server.close());

  test('HTTP 4xx with our JSON error body → ChatKitHttpError with status and server error', async () => {
    respond = (res) =>
      res
        .writeHead(400, json)
        .end('{"error":{"code":"invalid_request","message":"params.thread_id is required"}}');
    const error = await client.getThread('').catch((e: unknown) => e);
    assert.ok(error instanceof ChatKitHttpError);
    assert.ok(error instanceof ChatKitError);
    assert.equal(error.code, 'ERR_HTTP');
    assert.equal(error.status, 400);
    assert.deepEqual(error.serverError, {
      code: 'invalid_request',
      message: 'params.thread_id is required',
    });
    assert.match(error.message, /HTTP 400: params\.thread_id is required/);
  });

  test('HTTP 5xx with a text body keeps the text; stream() raises it too', async () => {
    respond = (res) =>
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
    const error = await client.listThreads().catch((e: unknown) => e);
    assert.ok(error instanceof ChatKitHttpError);
    assert.equal(error.status, 500);
    assert.equal(error.body, 'Internal Server Error');
    assert.equal(error.serverError, undefined);
    respond = (res) =>
      res
        .writeHead(401, { ...json, 'WWW-Authenticate': 'Bearer error="invalid_token"' })
        .end('{"error":{"code":"invalid_token","message":"expired"}}');
    const streamed = await drain(client.createThread(input));
    assert.ok(streamed.error instanceof ChatKitHttpError);
    assert.equal(streamed.error.status, 401);
    assert.equal(streamed.error.serverError?.code, 'invalid_token');
  });

  test('a malformed event → ChatKitMalformedEventError after the good events before it', async () => {
    respond = (res) =>
      res.writeHead(200, sse).end(`${optionsEvent}data: {"type":\n\n${optionsEvent}`);
    const { events, error } = await drain(client.createThread(input));
    assert.equal(events.length, 1);
    assert.ok(error instanceof ChatKitMalformedEventError);
    assert.equal(error.code, 'ERR_MALFORMED_EVENT');
    assert.equal(error.data, '{"type":');
    assert.ok(error.cause instanceof SyntaxError);
  });

  test('valid JSON that is not an event object is malformed too', async () => {
    for (const data of ['[]', '42', 'null', '{"no_type":1}', '{"type":7}']) {
      respond = (res) => res.writeHead(200, sse).end(`data: ${data}\n\n`);
      const { error } = await drain(client.createThread(input));
      assert.ok(error instanceof ChatKitMalformedEventError, data);
    }
  });

  test('the connection dropped mid-stream → ChatKitConnectionError after the events received', async () => {
    respond = (res) => {
      res.writeHead(200, sse);
      res.write(optionsEvent, () => setTimeout(() => res.socket?.destroy(), 20));
    };
    const { events, error } = await drain(client.createThread(input));
    assert.deepEqual(
      events.map((e) => e.type),
      ['stream_options'],
    );
    assert.ok(error instanceof ChatKitConnectionError, String(error));
    assert.equal(error.code, 'ERR_CONNECTION');
    assert.ok(error.cause !== undefined);
  });

  test('a response that ends cleanly in the middle of an event → ChatKitConnectionError', async () => {
    respond = (res) => res.writeHead(200, sse).end(`${optionsEvent}data: {"type":"progress_upd`);
    const { events, error } = await drain(client.createThread(input));
    assert.equal(events.length, 1);
    assert.ok(error instanceof ChatKitConnectionError);
    assert.match(error.message, /middle of an event/);
  });

  test('a refused connection → ChatKitConnectionError', async () => {
    const closed = await startServer(() => {});
    const url = closed.url;
    await closed.close();
    const error = await createChatKitClient({ url })
      .listThreads()
      .catch((e: unknown) => e);
    assert.ok(error instanceof ChatKitConnectionError, String(error));
  });

  test('errors thrown by a custom fetch that are not network errors pass through unchanged', async () => {
    class TokenError extends Error {
      code = 'ERR_SIGNED_OUT';
    }
    const failing = createChatKitClient({
      url: server.url,
      fetch: () => Promise.reject(new TokenError('signed out')),
    });
    await assert.rejects(failing.listThreads(), TokenError);
    await assert.rejects(collect(failing.createThread(input)), TokenError);
  });

  test('wrong content types → ChatKitContentTypeError naming what came back', async () => {
    respond = (res) => res.writeHead(200, json).end('{"data":[],"has_more":false}');
    const streamed = await drain(client.createThread(input));
    assert.ok(streamed.error instanceof ChatKitContentTypeError);
    assert.equal(streamed.error.code, 'ERR_CONTENT_TYPE');
    assert.equal(streamed.error.received, 'application/json');
    assert.match(streamed.error.message, /expected text\/event-stream/);

    respond = (res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
    const error = await client.listThreads().catch((e: unknown) => e);
    assert.ok(error instanceof ChatKitContentTypeError);
    assert.equal(error.expected, 'application/json');
  });

  test('a 2xx JSON body that does not parse → ChatKitMalformedResponseError', async () => {
    respond = (res) => res.writeHead(200, json).end('{"data":[');
    const error = await client.listThreads().catch((e: unknown) => e);
    assert.ok(error instanceof ChatKitMalformedResponseError);
    assert.equal(error.code, 'ERR_MALFORMED_RESPONSE');
  });

  test('abort mid-stream rejects with the signal reason and closes the connection', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((r) => {
      closed = r;
    });
    respond = (res) => {
      res.writeHead(200, sse);
      res.write(optionsEvent);
      res.on('close', closed);
    };
    const controller = new AbortController();
    const events: ThreadStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of client.createThread(input, { signal: controller.signal })) {
        events.push(event);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    assert.equal(events.length, 1);
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    assert.equal(error, controller.signal.reason);
    await serverSawClose;
  });

  test('abort with a custom reason surfaces that reason, for requests and streams', async () => {
    respond = (res) => {
      res.writeHead(200, sse);
      res.write(optionsEvent); // and never ends
    };
    const reason = new Error('user pressed stop');
    const controller = new AbortController();
    const pending = collect(client.createThread(input, { signal: controller.signal }));
    setTimeout(() => controller.abort(reason), 30);
    await assert.rejects(pending, (e) => e === reason);

    respond = () => {}; // never answers
    const slow = new AbortController();
    const request = client.listThreads({}, { signal: slow.signal });
    setTimeout(() => slow.abort(reason), 30);
    await assert.rejects(request, (e) => e === reason);
  });

  test('an already aborted signal rejects without sending anything', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.listThreads({}, { signal: controller.signal }), {
      name: 'AbortError',
    });
    await assert.rejects(collect(client.createThread(input, { signal: controller.signal })), {
      name: 'AbortError',
    });
    assert.equal(server.requests.length, before);
  });

  test('a custom fetch that ignores the signal is still stopped by abort', async () => {
    respond = (res) => {
      res.writeHead(200, sse);
      res.write(optionsEvent);
    };
    const deaf = createChatKitClient({
      url: server.url,
      fetch: (input, init) => fetch(input, { ...init, signal: null }),
    });
    const controller = new AbortController();
    const events: ThreadStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of deaf.createThread(createUserMessageInput('x'), {
        signal: controller.signal,
      })) {
        events.push(event);
        setTimeout(() => controller.abort(), 10);
      }
    })().catch((e: unknown) => e);
    assert.equal(events.length, 1);
    assert.equal(error, controller.signal.reason);
  });
});
