// Every ChatKit operation against the handler, with wire shapes compared to the
// real SDK output in test-support/fixtures/chatkit (ids and timestamps aside).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page, Thread, ThreadItem, ThreadStreamEvent } from '@chat-widget/protocol';
import {
  type ChatKitStore,
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
  type Responder,
} from '@chat-widget/server/chatkit';
import { chatkitClient, parseSse, shape, userInput } from './helpers.ts';

const FIXTURES = fileURLToPath(new URL('../../../test-support/fixtures/chatkit', import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');
const fixtureJson = (name: string) => JSON.parse(fixture(name));

function setup(
  respond: Responder = demoResponder({ delayMs: 0 }),
  store: ChatKitStore = createMemoryStore(),
) {
  const handler = createChatKitHandler({ store, respond, onError: () => {} });
  return { handler, store, alice: chatkitClient(handler, 'alice') };
}

/** A responder that answers exactly like the SDK fixture (text, annotation, title). */
const fixtureResponder: Responder = async function* () {
  yield { type: 'progress', icon: 'search', text: 'Thinking...' };
  yield 'Hello';
  yield ', world!';
  yield {
    type: 'annotation',
    annotation: {
      type: 'annotation',
      source: { title: 'Example', type: 'url', url: 'https://example.com' },
      index: 12,
    },
  };
  yield { type: 'title', title: 'Greeting' };
};

async function createThread(client: ReturnType<typeof setup>['alice'], text = 'Hi') {
  const events = await client.stream('threads.create', { input: userInput(text) });
  const created = events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>;
  return { events, threadId: created.thread.id };
}

describe('threads.create', () => {
  test('streams the SDK event sequence with the fixture shapes', async () => {
    const { alice } = setup(fixtureResponder);
    const request = fixtureJson('threads.create.request.json');
    const response = await alice.post(request);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const events = parseSse(await response.text());
    const expected = parseSse(fixture('threads.create.response.sse'));
    assert.deepEqual(
      events.map((e) => e.type),
      expected.map((e) => e.type),
    );
    for (const [i, event] of events.entries()) {
      assert.deepEqual(shape(event), shape(expected[i]), `event ${i} (${event.type})`);
    }
    // Same text and annotation, ids are consistent across events.
    const done = events.at(-2) as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    const expectedDone = expected.at(-2) as typeof done;
    assert.deepEqual(
      { ...done.item, id: '', thread_id: '', created_at: '' },
      { ...expectedDone.item, id: '', thread_id: '', created_at: '' },
    );
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    assert.match(threadId, /^thr_[0-9a-f]{16}$/);
    assert.ok(events.every((e) => !('item' in e) || e.item.thread_id === threadId));
    assert.ok(
      !Number.isNaN(Date.parse(done.item.created_at)) && done.item.created_at.endsWith('Z'),
    );
  });

  test('the demo responder streams markdown (list, code block, link) echoing the user, and titles the thread', async () => {
    const { alice } = setup();
    const { events } = await createThread(alice, 'Tell me about  otters please');
    const deltas = events.filter(
      (e) =>
        e.type === 'thread.item.updated' &&
        e.update.type === 'assistant_message.content_part.text_delta',
    );
    assert.ok(deltas.length > 10, 'streamed in many deltas');
    const done = events.filter((e) => e.type === 'thread.item.done').at(-1) as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.done' }
    >;
    assert.equal(done.item.type, 'assistant_message');
    const text = done.item.type === 'assistant_message' ? done.item.content[0]!.text : '';
    assert.match(text, /> Tell me about {2}otters please/);
    assert.match(text, /```ts\n[\s\S]+\n```/);
    assert.match(text, /^1\. `Tell`$/m);
    assert.match(text, /\[[^\]]+\]\(https:\/\/[^)]+\)/);
    const updated = events.at(-1) as Extract<ThreadStreamEvent, { type: 'thread.updated' }>;
    assert.equal(updated.type, 'thread.updated');
    assert.equal(updated.thread.title, 'Tell me about otters please');
    assert.deepEqual(updated.thread.items, { data: [], has_more: false });
  });

  test('a long first message gives a 60-character title', async () => {
    const { alice } = setup();
    const { events } = await createThread(alice, 'word '.repeat(40));
    const updated = events.at(-1) as Extract<ThreadStreamEvent, { type: 'thread.updated' }>;
    assert.ok(updated.thread.title!.length <= 60 && updated.thread.title!.endsWith('…'));
  });
});

describe('non-streaming operations', () => {
  test('threads.get_by_id returns the thread with its items ascending, hidden items removed', async () => {
    const { alice, store } = setup();
    const { threadId } = await createThread(alice);
    await store.addItem('alice', threadId, {
      id: 'hidden',
      thread_id: threadId,
      created_at: new Date().toISOString(),
      type: 'hidden_context_item',
      content: 'secret',
    });
    const { status, body } = await alice.json<Thread>('threads.get_by_id', { thread_id: threadId });
    assert.equal(status, 200);
    assert.equal(body.id, threadId);
    assert.deepEqual(body.metadata, {});
    assert.deepEqual(
      body.items.data.map((i) => i.type),
      ['user_message', 'assistant_message'],
    );
    assert.equal(body.items.has_more, false);
  });

  test('threads.list pages newest first, with the fixture shape', async () => {
    const { alice } = setup(fixtureResponder);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createThread(alice, `m${i}`)).threadId);
    const first = await alice.json<Page<Thread>>('threads.list', { limit: 2, order: 'desc' });
    assert.deepEqual(
      first.body.data.map((t) => t.id),
      [ids[2], ids[1]],
    );
    assert.deepEqual([first.body.has_more, first.body.after], [true, ids[1]]);
    const second = await alice.json<Page<Thread>>('threads.list', {
      limit: 2,
      order: 'desc',
      after: first.body.after,
    });
    assert.deepEqual(
      second.body.data.map((t) => t.id),
      [ids[0]],
    );
    assert.equal(second.body.has_more, false);
    assert.equal('after' in second.body, false);
    assert.deepEqual(shape(second.body), shape(fixtureJson('threads.list.response.json')));
    const defaults = await alice.json<Page<Thread>>('threads.list', {});
    assert.deepEqual(
      defaults.body.data.map((t) => t.id),
      [...ids].reverse(),
    );
  });

  test('items.list pages exactly like the fixture (limit 1, asc, after)', async () => {
    const { alice } = setup(fixtureResponder);
    const { threadId } = await createThread(alice);
    const page1 = await alice.json<Page<ThreadItem>>('items.list', {
      ...fixtureJson('items.list.page1.request.json').params,
      thread_id: threadId,
    });
    assert.deepEqual(shape(page1.body), shape(fixtureJson('items.list.page1.response.json')));
    assert.equal(page1.body.after, page1.body.data[0]!.id);
    const page2 = await alice.json<Page<ThreadItem>>('items.list', {
      ...fixtureJson('items.list.page2.request.json').params,
      thread_id: threadId,
      after: page1.body.after,
    });
    assert.deepEqual(shape(page2.body), shape(fixtureJson('items.list.page2.response.json')));
    const fixtureItem = fixtureJson('items.list.page2.response.json').data[0];
    assert.deepEqual(
      page2.body.data[0]!.type === 'assistant_message' && page2.body.data[0]!.content,
      fixtureItem.content,
    );
    const desc = await alice.json<Page<ThreadItem>>('items.list', { thread_id: threadId });
    assert.deepEqual(
      desc.body.data.map((i) => i.type),
      ['assistant_message', 'user_message'],
      'default order is desc',
    );
  });

  test('threads.update renames, threads.delete removes', async () => {
    const { alice } = setup();
    const { threadId } = await createThread(alice);
    const renamed = await alice.json<Thread>('threads.update', {
      thread_id: threadId,
      title: 'Otters',
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.title, 'Otters');
    assert.deepEqual(renamed.body.items, { data: [], has_more: false });
    assert.equal(
      (await alice.json<Thread>('threads.get_by_id', { thread_id: threadId })).body.title,
      'Otters',
    );
    assert.deepEqual(await alice.json('threads.delete', { thread_id: threadId }), {
      status: 200,
      body: {},
    });
    assert.equal((await alice.json('threads.get_by_id', { thread_id: threadId })).status, 404);
  });

  test('items.feedback records votes; unknown items → 404', async () => {
    const { alice, store } = setup();
    const { events, threadId } = await createThread(alice);
    const assistant = events.filter((e) => e.type === 'thread.item.done').at(-1) as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.done' }
    >;
    assert.deepEqual(
      await alice.json('items.feedback', {
        thread_id: threadId,
        item_ids: [assistant.item.id],
        kind: 'positive',
      }),
      { status: 200, body: {} },
    );
    assert.equal(await store.loadFeedback('alice', threadId, assistant.item.id), 'positive');
    assert.equal(
      (
        await alice.json('items.feedback', {
          thread_id: threadId,
          item_ids: ['msg_nope'],
          kind: 'negative',
        })
      ).status,
      404,
    );
  });

  test('threads.sync_custom_action answers {} by default; input.transcribe is 400 unless configured', async () => {
    const { alice } = setup();
    const { threadId } = await createThread(alice);
    assert.deepEqual(
      await alice.json('threads.sync_custom_action', {
        thread_id: threadId,
        action: { type: 'noop' },
      }),
      { status: 200, body: {} },
    );
    const transcribe = await alice.json<{ error: { code: string } }>('input.transcribe', {
      audio_base64: 'AAAA',
      mime_type: 'audio/webm',
    });
    assert.deepEqual(
      [transcribe.status, transcribe.body.error.code],
      [400, 'ERR_UNSUPPORTED_OPERATION'],
    );
  });
});

describe('streaming follow-ups', () => {
  test('threads.add_user_message: user item, stream_options, answer; no thread.created', async () => {
    const { alice } = setup();
    const { threadId } = await createThread(alice);
    const events = await alice.stream('threads.add_user_message', {
      thread_id: threadId,
      input: userInput('Again'),
    });
    assert.deepEqual(
      events.slice(0, 2).map((e) => e.type),
      ['thread.item.done', 'stream_options'],
    );
    assert.ok(
      !events.some((e) => e.type === 'thread.created' || e.type === 'thread.updated'),
      'title only set once',
    );
    assert.equal(events.at(-1)!.type, 'thread.item.done');
  });

  test('threads.retry_after_item drops newer items silently and answers again', async () => {
    const { alice } = setup();
    const { events, threadId } = await createThread(alice, 'first');
    const user = events[1] as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    await alice.stream('threads.add_user_message', {
      thread_id: threadId,
      input: userInput('second'),
    });
    const retry = await alice.stream('threads.retry_after_item', {
      thread_id: threadId,
      item_id: user.item.id,
    });
    assert.equal(retry[0]!.type, 'stream_options');
    assert.ok(!retry.some((e) => e.type === 'thread.item.removed'));
    const items = await alice.json<Page<ThreadItem>>('items.list', {
      thread_id: threadId,
      order: 'asc',
    });
    assert.deepEqual(
      items.body.data.map((i) => i.type),
      ['user_message', 'assistant_message'],
    );
    assert.equal(items.body.data[0]!.id, user.item.id);
    const notUser = items.body.data[1]!.id;
    assert.equal(
      (await alice.json('threads.retry_after_item', { thread_id: threadId, item_id: notUser }))
        .status,
      400,
    );
    assert.equal(
      (
        await alice.json('threads.retry_after_item', {
          thread_id: threadId,
          item_id: 'msg_missing',
        })
      ).status,
      404,
    );
  });

  test('client tool round trip: pending call ends the turn, output completes it and resumes', async () => {
    const { alice } = setup();
    const { events, threadId } = await createThread(alice, 'use a tool [[tool]]');
    const call = events.filter((e) => e.type === 'thread.item.done').at(-1) as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.done' }
    >;
    assert.equal(call.item.type, 'client_tool_call');
    assert.equal(call.item.type === 'client_tool_call' && call.item.status, 'pending');
    const resumed = await alice.stream('threads.add_client_tool_output', {
      thread_id: threadId,
      result: { title: 'Docs' },
    });
    assert.equal(resumed[0]!.type, 'stream_options');
    const answer = resumed.filter((e) => e.type === 'thread.item.done').at(-1) as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.done' }
    >;
    assert.match(
      answer.item.type === 'assistant_message' ? answer.item.content[0]!.text : '',
      /"title": "Docs"/,
    );
    const stored = await alice.json<Page<ThreadItem>>('items.list', {
      thread_id: threadId,
      order: 'asc',
    });
    const tool = stored.body.data.find((i) => i.type === 'client_tool_call');
    assert.deepEqual(tool?.type === 'client_tool_call' && [tool.status, tool.output], [
      'completed',
      { title: 'Docs' },
    ]);
    const again = await alice.json<{ error: { code: string } }>('threads.add_client_tool_output', {
      thread_id: threadId,
      result: {},
    });
    assert.deepEqual([again.status, again.body.error.code], [409, 'ERR_CONFLICT']);
  });

  test('threads.custom_action: widget items run the responder; other items get the SDK error event', async () => {
    const { alice } = setup();
    const { events, threadId } = await createThread(alice, 'show a card [[widget]]');
    const widget = events.find(
      (e) => e.type === 'thread.item.done' && e.item.type === 'widget',
    ) as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    assert.ok(widget, 'widget item streamed');
    const action = await alice.stream('threads.custom_action', {
      thread_id: threadId,
      item_id: widget.item.id,
      action: { type: 'demo.click', payload: { n: 1 } },
    });
    const reply = action.filter((e) => e.type === 'thread.item.done').at(-1) as Extract<
      ThreadStreamEvent,
      { type: 'thread.item.done' }
    >;
    assert.match(
      reply.item.type === 'assistant_message' ? reply.item.content[0]!.text : '',
      /demo\.click/,
    );
    const user = events[1] as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    const refused = await alice.stream('threads.custom_action', {
      thread_id: threadId,
      item_id: user.item.id,
      action: { type: 'x' },
    });
    assert.deepEqual(refused, [{ type: 'error', code: 'stream.error', allow_retry: false }]);
  });

  test('threads.add_structured_input answers a pending question and replaces the item', async () => {
    const { alice, store } = setup();
    const { threadId } = await createThread(alice);
    await store.addItem('alice', threadId, {
      id: 'msg_q',
      thread_id: threadId,
      created_at: new Date().toISOString(),
      type: 'structured_input',
      status: 'pending',
      inputs: [
        {
          id: 'priority',
          question: 'Priority?',
          type: 'multiple_choice',
          options: [{ value: 'Low' }, { value: 'High' }],
          multiple: false,
        },
        { id: 'notes', question: 'Notes?', type: 'freeform' },
      ],
    });
    const events = await alice.stream('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'msg_q',
      input: {
        status: 'answered',
        answers: { priority: { values: ['High', 'Low'] }, notes: { values: [], skipped: true } },
      },
    });
    const replaced = events[0] as Extract<ThreadStreamEvent, { type: 'thread.item.replaced' }>;
    assert.equal(replaced.type, 'thread.item.replaced');
    assert.ok(replaced.item.type === 'structured_input');
    assert.deepEqual(
      replaced.item.inputs.map((i) => i.answer),
      [
        { values: ['High'], skipped: false },
        { values: [], skipped: true },
      ],
    );
    assert.equal(
      (
        await alice.json('threads.add_structured_input', {
          thread_id: threadId,
          item_id: 'msg_q',
          input: {},
        })
      ).status,
      409,
    );
  });
});

/** A PNG's signature: enough bytes for the server's content check. */
const PNG = [137, 80, 78, 71, 13, 10, 26, 10];

describe('two-phase attachments', () => {
  test('create → upload (multipart POST) → reference in a message → download → delete', async () => {
    const { alice, handler } = setup();
    const created = await alice.json<{
      id: string;
      type: string;
      preview_url: string;
      upload_descriptor: { url: string; method: string; headers: object };
    }>('attachments.create', { name: 'cat.png', size: 8, mime_type: 'image/png' });
    assert.equal(created.status, 200);
    assert.deepEqual(Object.keys(created.body), [
      'id',
      'name',
      'mime_type',
      'upload_descriptor',
      'type',
      'preview_url',
    ]);
    assert.match(created.body.id, /^atc_/);
    assert.equal(created.body.upload_descriptor.method, 'POST');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'cat.png');
    const upload = await handler.fetch(
      new Request(created.body.upload_descriptor.url, { method: 'POST', body: form }),
      { userId: 'alice' },
    );
    assert.equal(upload.status, 200);
    const uploaded = (await upload.json()) as Record<string, unknown>;
    assert.equal('upload_descriptor' in uploaded, false);

    const events = await alice.stream('threads.create', {
      input: userInput('look', [created.body.id]),
    });
    const user = events[1] as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;
    assert.ok(user.item.type === 'user_message');
    assert.deepEqual(user.item.attachments, [
      {
        id: created.body.id,
        name: 'cat.png',
        mime_type: 'image/png',
        type: 'image',
        preview_url: created.body.preview_url,
        thread_id: threadId,
      },
    ]);

    const download = await handler.fetch(new Request(created.body.preview_url), {
      userId: 'alice',
    });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.deepEqual([...new Uint8Array(await download.arrayBuffer())], PNG);

    assert.deepEqual(await alice.json('attachments.delete', { attachment_id: created.body.id }), {
      status: 200,
      body: {},
    });
    assert.equal(
      (await alice.json('attachments.delete', { attachment_id: created.body.id })).status,
      404,
    );
  });

  test('PUT with raw bytes works; a message cannot use an attachment before its upload', async () => {
    const { alice, handler } = setup();
    const created = await alice.json<{ id: string; upload_descriptor: { url: string } }>(
      'attachments.create',
      { name: 'notes.txt', size: 5, mime_type: 'text/plain' },
    );
    const early = await alice.post({
      type: 'threads.create',
      params: { input: userInput('see file', [created.body.id]) },
    });
    assert.equal(early.status, 400);
    assert.match(
      ((await early.json()) as { error: { message: string } }).error.message,
      /not been uploaded/,
    );
    const put = await handler.fetch(
      new Request(created.body.upload_descriptor.url, { method: 'PUT', body: 'hello' }),
      { userId: 'alice' },
    );
    assert.equal(put.status, 200);
    assert.equal(
      (
        await alice.post({
          type: 'threads.create',
          params: { input: userInput('see file', [created.body.id]) },
        })
      ).status,
      200,
    );
  });

  test('declared or actual size over maxUploadBytes → 413', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: demoResponder(),
      maxUploadBytes: 10,
    });
    const alice = chatkitClient(handler, 'alice');
    assert.equal(
      (
        await alice.json('attachments.create', {
          name: 'big.bin',
          size: 11,
          mime_type: 'application/octet-stream',
        })
      ).status,
      413,
    );
    const created = await alice.json<{ upload_descriptor: { url: string } }>('attachments.create', {
      name: 'x.bin',
      size: 5,
      mime_type: 'application/octet-stream',
    });
    const put = await handler.fetch(
      new Request(created.body.upload_descriptor.url, { method: 'PUT', body: 'x'.repeat(100) }),
      { userId: 'alice' },
    );
    assert.equal(put.status, 413);
  });
});

describe('input.transcribe', () => {
  test('decodes the base64 audio and returns the transcriber’s text; bad base64 → 400', async () => {
    const handler = createChatKitHandler({
      store: createMemoryStore(),
      respond: demoResponder(),
      transcribe: async (audio, mimeType, context) =>
        `${context.userId}:${mimeType}:${[...audio].join(',')}`,
    });
    const client = chatkitClient(handler, 'alice');
    const ok = await client.json('input.transcribe', {
      audio_base64: btoa('\x01\x02\x03'),
      mime_type: 'audio/webm;codecs=opus',
    });
    assert.deepEqual(ok, { status: 200, body: { text: 'alice:audio/webm;codecs=opus:1,2,3' } });
    assert.equal(
      (await client.json('input.transcribe', { audio_base64: '***', mime_type: 'audio/webm' }))
        .status,
      400,
    );
  });
});
