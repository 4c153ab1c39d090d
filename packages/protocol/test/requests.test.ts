import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Attachment,
  type ChatKitRequestType,
  type EmptyResponse,
  isStreamingRequest,
  NON_STREAMING_REQUEST_TYPES,
  type Page,
  type ResponseFor,
  STREAMING_REQUEST_TYPES,
  type Thread,
  type ThreadItem,
} from '@chat-widget/protocol';

/** Compiles only when A and B are the same type. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Equal<A, B>) => ok;

test('the streaming and non-streaming lists partition all 16 operations of the protocol doc', () => {
  const all: ChatKitRequestType[] = [...STREAMING_REQUEST_TYPES, ...NON_STREAMING_REQUEST_TYPES];
  assert.equal(new Set(all).size, 16);
  for (const type of STREAMING_REQUEST_TYPES)
    assert.equal(isStreamingRequest({ type }), true, type);
  for (const type of NON_STREAMING_REQUEST_TYPES) {
    assert.equal(isStreamingRequest({ type }), false, type);
  }
  assert.equal(isStreamingRequest({ type: 'threads.bogus' }), false);
  assert.equal(isStreamingRequest({ type: 'toString' }), false);
});

test('ResponseFor maps request types (and requests) to their bodies', () => {
  assert.ok(same<ResponseFor<'threads.get_by_id'>, Thread>(true));
  assert.ok(same<ResponseFor<'threads.list'>, Page<Thread>>(true));
  assert.ok(same<ResponseFor<'items.list'>, Page<ThreadItem>>(true));
  assert.ok(same<ResponseFor<'threads.delete'>, EmptyResponse>(true));
  assert.ok(same<ResponseFor<'attachments.create'>, Attachment>(true));
  assert.ok(same<ResponseFor<'input.transcribe'>, { text: string }>(true));
  assert.ok(
    same<ResponseFor<{ type: 'threads.update'; params: { thread_id: 'a'; title: 'b' } }>, Thread>(
      true,
    ),
  );
  // @ts-expect-error streaming operations have no JSON response
  type _NoStreamingResponse = ResponseFor<'threads.create'>;
});
