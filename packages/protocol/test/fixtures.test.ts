// Every recorded ChatKit exchange in test-support/fixtures/chatkit parses with our types.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type AddUserMessageRequest,
  applyStreamEvent,
  type ChatKitRequest,
  type CreateThreadRequest,
  createThreadState,
  isStreamingRequest,
  type ListItemsRequest,
  type ListThreadsRequest,
  NON_STREAMING_REQUEST_TYPES,
  type Page,
  parseEvent,
  parseSSE,
  STREAMING_REQUEST_TYPES,
  type Thread,
  type ThreadItem,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';

const dir = fileURLToPath(new URL('../../../test-support/fixtures/chatkit', import.meta.url));
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const files = readdirSync(dir);
const events = (name: string): ThreadStreamEvent[] =>
  parseSSE(read(name)).map((m) => parseEvent(m.data));

// The fixture requests written as typed values: the compiler checks their shape,
// the test checks they equal the recorded files.
const typedRequests: Record<string, ChatKitRequest> = {
  'threads.create.request.json': {
    type: 'threads.create',
    params: {
      input: {
        content: [{ type: 'input_text', text: 'Hi' }],
        attachments: [],
        quoted_text: '',
        inference_options: {},
      },
    },
  } satisfies CreateThreadRequest,
  'threads.add_user_message.error.request.json': {
    type: 'threads.add_user_message',
    params: {
      thread_id: 'thr_00000001',
      input: {
        content: [{ type: 'input_text', text: 'fail' }],
        attachments: [],
        inference_options: {},
      },
    },
  } satisfies AddUserMessageRequest,
  'threads.list.request.json': {
    type: 'threads.list',
    params: { limit: 10, order: 'desc' },
  } satisfies ListThreadsRequest,
  'items.list.page1.request.json': {
    type: 'items.list',
    params: { thread_id: 'thr_00000001', limit: 1, order: 'asc' },
  } satisfies ListItemsRequest,
  'items.list.page2.request.json': {
    type: 'items.list',
    params: { thread_id: 'thr_00000001', limit: 1, order: 'asc', after: 'msg_00000001' },
  } satisfies ListItemsRequest,
};

describe('fixtures', () => {
  test('every request fixture equals its typed value and has a known type', () => {
    const requests = files.filter((f) => f.endsWith('.request.json'));
    assert.ok(requests.length >= 5);
    const known = new Set<string>([...STREAMING_REQUEST_TYPES, ...NON_STREAMING_REQUEST_TYPES]);
    for (const name of requests) {
      const value = JSON.parse(read(name)) as ChatKitRequest;
      assert.ok(known.has(value.type), `${name}: unknown type ${value.type}`);
      assert.deepEqual(value, typedRequests[name], `${name} has no typed twin or differs`);
    }
  });

  test('every request with an .sse response is a streaming request, .json a non-streaming one', () => {
    for (const name of files.filter((f) => f.endsWith('.request.json'))) {
      const stem = name.slice(0, -'.request.json'.length);
      const req = JSON.parse(read(name)) as ChatKitRequest;
      if (files.includes(`${stem}.response.sse`)) assert.equal(isStreamingRequest(req), true, name);
      else if (files.includes(`${stem}.response.json`)) {
        assert.equal(isStreamingRequest(req), false, name);
      } else assert.fail(`${name} has no response fixture`);
    }
  });

  test('every .sse response decodes into events with a type', () => {
    const sse = files.filter((f) => f.endsWith('.sse'));
    assert.ok(sse.length >= 2);
    for (const name of sse) {
      const parsed = events(name);
      assert.ok(parsed.length > 0, name);
      // Same number of events as `data:` lines: nothing merged or lost.
      assert.equal(
        parsed.length,
        read(name)
          .split('\n')
          .filter((l) => l.startsWith('data:')).length,
      );
    }
  });

  test('threads.create stream: the event sequence and the folded thread state', () => {
    const parsed = events('threads.create.response.sse');
    assert.deepEqual(
      parsed.map((e) => e.type),
      [
        'thread.created',
        'thread.item.done',
        'stream_options',
        'progress_update',
        'thread.item.added',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.updated',
        'thread.item.done',
        'thread.updated',
      ],
    );
    const state = parsed.reduce(applyStreamEvent, createThreadState());
    assert.equal(state.thread?.id, 'thr_00000001');
    assert.equal(state.thread?.title, 'Greeting');
    assert.deepEqual(state.streamOptions, { allow_cancel: true });
    assert.deepEqual(
      state.items.map((i) => [i.id, i.type]),
      [
        ['msg_00000001', 'user_message'],
        ['msg_00000002', 'assistant_message'],
      ],
    );
    const done = parsed.at(-2);
    assert.equal(done?.type, 'thread.item.done');
    // The reducer's result equals the server's final item.
    if (done?.type === 'thread.item.done') assert.deepEqual(state.items[1], done.item);
  });

  test('threads.create stream folded only up to the last delta has the streamed text', () => {
    const parsed = events('threads.create.response.sse');
    const lastDelta = parsed.findLastIndex(
      (e) =>
        e.type === 'thread.item.updated' &&
        e.update.type === 'assistant_message.content_part.text_delta',
    );
    const state = parsed.slice(0, lastDelta + 1).reduce(applyStreamEvent, createThreadState());
    const item = state.items[1];
    assert.equal(item?.type, 'assistant_message');
    if (item?.type === 'assistant_message') {
      assert.equal(item.content[0]?.text, 'Hello, world!');
      assert.deepEqual(item.content[0]?.annotations, []);
    }
  });

  test('error stream ends with a custom error event', () => {
    const parsed = events('threads.add_user_message.error.response.sse');
    const last = parsed.at(-1);
    assert.deepEqual(last, {
      type: 'error',
      code: 'custom',
      message: 'Quota exceeded',
      allow_retry: false,
    });
    const state = parsed.reduce(applyStreamEvent, createThreadState());
    assert.equal(state.error?.message, 'Quota exceeded');
    assert.equal(state.items.length, 1);
  });

  test('every .json response is a page', () => {
    const json = files.filter((f) => f.endsWith('.response.json'));
    assert.ok(json.length >= 3);
    for (const name of json) {
      const page = JSON.parse(read(name)) as Page<unknown>;
      assert.ok(Array.isArray(page.data), name);
      assert.equal(typeof page.has_more, 'boolean', name);
      if (page.has_more)
        assert.equal(typeof page.after, 'string', `${name}: has_more without after`);
    }
  });

  test('threads.list page holds threads; items.list pages hold items, paged by after', () => {
    const threads = JSON.parse(read('threads.list.response.json')) as Page<Thread>;
    assert.equal(threads.data[0]?.title, 'Greeting');
    assert.deepEqual(threads.data[0]?.items, { data: [], has_more: false });
    const page1 = JSON.parse(read('items.list.page1.response.json')) as Page<ThreadItem>;
    const page2 = JSON.parse(read('items.list.page2.response.json')) as Page<ThreadItem>;
    const req2 = JSON.parse(read('items.list.page2.request.json')) as ListItemsRequest;
    assert.equal(req2.params.after, page1.after);
    assert.deepEqual(
      [...page1.data, ...page2.data].map((i) => i.type),
      ['user_message', 'assistant_message'],
    );
    assert.equal(page2.has_more, false);
    assert.equal(page2.after, undefined);
  });
});
