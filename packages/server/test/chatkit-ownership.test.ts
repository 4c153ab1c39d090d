// Every thread, item and attachment belongs to the verified user. Another
// user's ids behave exactly like ids that do not exist: 404, never 403, and
// nothing changes.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page, Thread, ThreadItem, ThreadStreamEvent } from '@chat-widget/protocol';
import {
  createChatKitHandler,
  createMemoryStore,
  createSqliteStore,
  demoResponder,
} from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import { chatkitClient, userInput } from './helpers.ts';

for (const [name, makeStore] of [
  ['memory', createMemoryStore],
  ['sqlite', () => createSqliteStore(new Database(':memory:'))],
] as const) {
  describe(`ownership isolation (${name} store)`, () => {
    const handler = createChatKitHandler({
      store: makeStore(),
      respond: demoResponder({ delayMs: 0 }),
      onError: () => {},
    });
    const alice = chatkitClient(handler, 'alice');
    const bob = chatkitClient(handler, 'bob');
    let threadId = '';
    let userItemId = '';
    let assistantItemId = '';
    let attachment = { id: '', upload_descriptor: { url: '' }, preview_url: '' };

    before(async () => {
      const events = await alice.stream('threads.create', {
        input: userInput('private thoughts [[widget]]'),
      });
      threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;
      const done = events.filter((e) => e.type === 'thread.item.done') as Extract<
        ThreadStreamEvent,
        { type: 'thread.item.done' }
      >[];
      userItemId = done[0]!.item.id;
      assistantItemId = done.find((e) => e.item.type === 'assistant_message')!.item.id;
      attachment = (
        await alice.json<typeof attachment>('attachments.create', {
          name: 'a.png',
          size: 8,
          mime_type: 'image/png',
        })
      ).body;
      await handler.fetch(
        new Request(attachment.upload_descriptor.url, {
          method: 'PUT',
          body: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
        }),
        { userId: 'alice' },
      );
    });

    const notFound = async (response: Response) => {
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(response.status, 404, JSON.stringify(body));
      assert.equal(body.error.code, 'ERR_NOT_FOUND');
    };

    test('every thread operation on another user’s thread → 404', async () => {
      const attempts: [string, object][] = [
        ['threads.get_by_id', { thread_id: threadId }],
        ['threads.update', { thread_id: threadId, title: 'pwned' }],
        ['threads.delete', { thread_id: threadId }],
        ['items.list', { thread_id: threadId }],
        ['items.feedback', { thread_id: threadId, item_ids: [assistantItemId], kind: 'negative' }],
        ['threads.add_user_message', { thread_id: threadId, input: userInput('injected') }],
        ['threads.retry_after_item', { thread_id: threadId, item_id: userItemId }],
        ['threads.add_client_tool_output', { thread_id: threadId, result: {} }],
        ['threads.custom_action', { thread_id: threadId, item_id: null, action: { type: 'x' } }],
        ['threads.sync_custom_action', { thread_id: threadId, action: { type: 'x' } }],
        ['threads.add_structured_input', { thread_id: threadId, item_id: userItemId, input: {} }],
      ];
      for (const [type, params] of attempts) await notFound(await bob.post({ type, params }));
    });

    test('a missing thread looks exactly the same', async () => {
      const mine = await bob.post({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      const none = await bob.post({
        type: 'threads.get_by_id',
        params: { thread_id: 'thr_0000000000000000' },
      });
      assert.deepEqual(await mine.json(), await none.json());
    });

    test('another user’s attachments: not usable, not downloadable, not deletable, not overwritable', async () => {
      await notFound(
        await bob.post({
          type: 'threads.create',
          params: { input: userInput('steal', [attachment.id]) },
        }),
      );
      await notFound(
        await bob.post({ type: 'attachments.delete', params: { attachment_id: attachment.id } }),
      );
      await notFound(await handler.fetch(new Request(attachment.preview_url), { userId: 'bob' }));
      await notFound(
        await handler.fetch(
          new Request(attachment.upload_descriptor.url, { method: 'PUT', body: 'evil' }),
          { userId: 'bob' },
        ),
      );
      const own = await handler.fetch(new Request(attachment.preview_url), { userId: 'alice' });
      assert.deepEqual(
        [...new Uint8Array(await own.arrayBuffer())],
        [137, 80, 78, 71, 13, 10, 26, 10],
      );
    });

    test('lists show only one’s own threads, and alice’s thread is untouched', async () => {
      const bobs = await bob.json<Page<Thread>>('threads.list', {});
      assert.deepEqual(bobs.body.data, []);
      // Alice's thread id as a cursor is an unknown cursor for bob: 400, never a page of her data.
      const foreignCursor = await bob.post({ type: 'threads.list', params: { after: threadId } });
      assert.equal(foreignCursor.status, 400);
      const thread = await alice.json<Thread>('threads.get_by_id', { thread_id: threadId });
      assert.equal(thread.status, 200);
      assert.equal(thread.body.title, 'private thoughts');
      const items = await alice.json<Page<ThreadItem>>('items.list', {
        thread_id: threadId,
        order: 'asc',
      });
      assert.ok(!JSON.stringify(items.body).includes('injected'));
      assert.deepEqual(
        items.body.data.map((i) => i.type),
        ['user_message', 'assistant_message', 'widget'],
      );
    });
  });
}
