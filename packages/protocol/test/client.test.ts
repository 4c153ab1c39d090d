import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  type ChatKitClient,
  createChatKitClient,
  createChatKitTransport,
  createUserMessageInput,
  parseEvent,
  parseSSE,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import { collect, startServer, type TestServer } from './support/server.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test-support/fixtures/chatkit/${name}`, import.meta.url), 'utf8');
const sse = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' };
const json = { 'Content-Type': 'application/json' };

describe('createChatKitClient', () => {
  let server: TestServer;
  let client: ChatKitClient;
  /** What the next request answers; set per test. */
  let respond: (type: string, res: import('node:http').ServerResponse) => void;

  before(async () => {
    server = await startServer((_req, res, body) => {
      respond((body as { type: string }).type, res);
    });
    client = createChatKitClient({
      url: server.url,
      locale: 'fr-FR',
      headers: { 'X-App': 'test' },
    });
  });
  after(() => server.close());

  test('request() POSTs {type, params} as JSON with the locale and custom headers', async () => {
    respond = (_type, res) => res.writeHead(200, json).end(fixture('threads.list.response.json'));
    const page = await client.request({
      type: 'threads.list',
      params: { limit: 10, order: 'desc' },
    });
    assert.equal(page.data[0]?.title, 'Greeting');
    const sent = server.requests.at(-1)!;
    assert.deepEqual(sent.body, JSON.parse(fixture('threads.list.request.json')));
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers.accept, 'application/json');
    assert.equal(sent.headers['accept-language'], 'fr-FR');
    assert.equal(sent.headers['x-app'], 'test');
  });

  test('headers may be a function, called for every request; no locale → no Accept-Language', async () => {
    let n = 0;
    const dynamic = createChatKitClient({
      url: server.url,
      headers: async () => ({ Authorization: `Bearer t${++n}` }),
    });
    respond = (_type, res) => res.writeHead(200, json).end('{}');
    await dynamic.deleteThread('thr_1');
    await dynamic.deleteThread('thr_2');
    assert.equal(server.requests.at(-2)!.headers.authorization, 'Bearer t1');
    assert.equal(server.requests.at(-1)!.headers.authorization, 'Bearer t2');
    // Node's fetch sends `*` on its own; we add nothing.
    assert.ok([undefined, '*'].includes(server.requests.at(-1)!.headers['accept-language']));
  });

  test('a custom fetch is used as the transport', async () => {
    const seen: string[] = [];
    const custom = createChatKitClient({
      url: server.url,
      fetch: (input, init) => {
        seen.push(String(init?.method));
        return fetch(input, init);
      },
    });
    respond = (_type, res) => res.writeHead(200, json).end('{"text":"bonjour"}');
    const out = await custom.transcribe({ audio_base64: 'AAAA', mime_type: 'audio/webm' });
    assert.deepEqual(out, { text: 'bonjour' });
    assert.deepEqual(seen, ['POST']);
  });

  test('createChatKitTransport: request, stream, stopThread and resumable only', async () => {
    const transport = createChatKitTransport({ url: server.url });
    assert.deepEqual(Object.keys(transport).sort(), [
      'request',
      'resumable',
      'stopThread',
      'stream',
    ]);
    respond = (_type, res) => res.writeHead(200, json).end('{}');
    assert.deepEqual(await transport.stopThread('thr_1'), {});
    assert.deepEqual(server.requests.at(-1)!.body, {
      type: 'threads.stop',
      params: { thread_id: 'thr_1' },
    });
    assert.equal(transport.resumable, false);
  });

  test('convenience methods send the documented envelopes', async () => {
    respond = (type, res) => {
      if (type.startsWith('threads.') && streamingTypes.has(type)) res.writeHead(200, sse).end();
      else res.writeHead(200, json).end('{}');
    };
    const streamingTypes = new Set([
      'threads.create',
      'threads.add_user_message',
      'threads.add_client_tool_output',
      'threads.add_structured_input',
      'threads.retry_after_item',
      'threads.custom_action',
    ]);
    const input = createUserMessageInput('Hi');
    const action = { type: 'noop', payload: { z: 2 } };
    const calls: [() => Promise<unknown>, unknown][] = [
      [() => collect(client.createThread(input)), { type: 'threads.create', params: { input } }],
      [
        () => collect(client.addUserMessage('t', input)),
        { type: 'threads.add_user_message', params: { thread_id: 't', input } },
      ],
      [
        () => collect(client.addClientToolOutput('t', { nodes: [1] })),
        {
          type: 'threads.add_client_tool_output',
          params: { thread_id: 't', result: { nodes: [1] } },
        },
      ],
      [
        () => collect(client.addStructuredInput('t', 'i', { status: 'skipped' })),
        {
          type: 'threads.add_structured_input',
          params: { thread_id: 't', item_id: 'i', input: { status: 'skipped' } },
        },
      ],
      [
        () => collect(client.retryAfterItem('t', 'i')),
        { type: 'threads.retry_after_item', params: { thread_id: 't', item_id: 'i' } },
      ],
      [
        () => collect(client.customAction('t', action, 'w')),
        { type: 'threads.custom_action', params: { thread_id: 't', action, item_id: 'w' } },
      ],
      [
        () => collect(client.customAction('t', action)),
        { type: 'threads.custom_action', params: { thread_id: 't', action, item_id: null } },
      ],
      [() => client.getThread('t'), { type: 'threads.get_by_id', params: { thread_id: 't' } }],
      [() => client.listThreads(), { type: 'threads.list', params: {} }],
      [
        () => client.updateThread('t', 'New'),
        { type: 'threads.update', params: { thread_id: 't', title: 'New' } },
      ],
      [() => client.deleteThread('t'), { type: 'threads.delete', params: { thread_id: 't' } }],
      [
        () => client.listItems('t', { limit: 5, order: 'asc', after: 'm1' }),
        { type: 'items.list', params: { thread_id: 't', limit: 5, order: 'asc', after: 'm1' } },
      ],
      [
        () => client.feedback('t', ['m1'], 'positive'),
        { type: 'items.feedback', params: { thread_id: 't', item_ids: ['m1'], kind: 'positive' } },
      ],
      [
        () => client.syncCustomAction('t', action, 'w'),
        { type: 'threads.sync_custom_action', params: { thread_id: 't', action, item_id: 'w' } },
      ],
      [
        () => client.createAttachment({ name: 'a.png', size: 3, mime_type: 'image/png' }),
        {
          type: 'attachments.create',
          params: { name: 'a.png', size: 3, mime_type: 'image/png' },
        },
      ],
      [
        () => client.deleteAttachment('atc_1'),
        { type: 'attachments.delete', params: { attachment_id: 'atc_1' } },
      ],
    ];
    for (const [call, expected] of calls) {
      await call();
      assert.deepEqual(server.requests.at(-1)!.body, expected);
    }
  });

  test('stream() yields the fixture events even when chunks split lines and characters', async () => {
    const bytes = Buffer.from(fixture('threads.create.response.sse'), 'utf8');
    respond = (_type, res) => {
      res.writeHead(200, sse);
      // Write in 7-byte pieces, each flushed separately.
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return void res.end();
        res.write(bytes.subarray(at, at + 7), () => setImmediate(next));
        at += 7;
      };
      next();
    };
    const events = await collect(client.createThread(createUserMessageInput('Hi')));
    const expected = parseSSE(bytes.toString('utf8')).map((m) => parseEvent(m.data));
    assert.equal(events.length, 12);
    assert.deepEqual(events, expected);
    assert.equal(server.requests.at(-1)!.headers.accept, 'text/event-stream');
  });

  test('stream() yields each event as it arrives, before the response ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    respond = (_type, res) => {
      res.writeHead(200, sse);
      res.write('data: {"type":"stream_options","stream_options":{"allow_cancel":true}}\n\n');
      void released.then(() => res.end('data: {"type":"progress_update","text":"é"}\n\n'));
    };
    const seen: ThreadStreamEvent[] = [];
    for await (const event of client.retryAfterItem('t', 'i')) {
      seen.push(event);
      // Only the first event can have arrived: the server waits for this release.
      if (seen.length === 1) release();
    }
    assert.deepEqual(
      seen.map((e) => e.type),
      ['stream_options', 'progress_update'],
    );
  });

  test('breaking out of the loop cancels the response (the server sees the close)', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((r) => {
      closed = r;
    });
    respond = (_type, res) => {
      res.writeHead(200, sse);
      res.write('data: {"type":"progress_update","text":"1"}\n\n');
      res.on('close', closed); // never ends by itself
    };
    for await (const event of client.retryAfterItem('t', 'i')) {
      assert.equal(event.type, 'progress_update');
      break;
    }
    await serverSawClose;
  });

  test('request() and stream() refuse the wrong kind of operation', async () => {
    await assert.rejects(
      // @ts-expect-error threads.create is a streaming request
      client.request({ type: 'threads.create', params: { input: createUserMessageInput('x') } }),
      TypeError,
    );
    await assert.rejects(
      // @ts-expect-error threads.list is not a streaming request
      collect(client.stream({ type: 'threads.list', params: {} })),
      TypeError,
    );
  });
});

describe('createUserMessageInput', () => {
  test('fills the fields the Python SDK requires', () => {
    assert.deepEqual(createUserMessageInput('Hi'), {
      content: [{ type: 'input_text', text: 'Hi' }],
      attachments: [],
      quoted_text: '',
      inference_options: {},
    });
    assert.deepEqual(
      createUserMessageInput([{ type: 'input_tag', id: 'p1', text: '@p1', data: {} }], {
        attachments: ['atc_1'],
        quotedText: 'quote',
        toolChoice: 'search',
        model: 'gpt',
      }),
      {
        content: [{ type: 'input_tag', id: 'p1', text: '@p1', data: {} }],
        attachments: ['atc_1'],
        quoted_text: 'quote',
        inference_options: { tool_choice: { id: 'search' }, model: 'gpt' },
      },
    );
  });
});
