// The store and turn-log contracts, shared by chatkit-store.test.ts (memory, SQLite) and
// chatkit-store-postgres.test.ts (PostgreSQL on a real throw-away cluster): one suite, every store.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ThreadItem, ThreadMetadata } from '@chat-widget/protocol';
import {
  type ChatKitStore,
  InvalidCursorError,
  type LoggedEvent,
  type TurnLog,
} from '@chat-widget/server/chatkit';

export const thread = (id: string, created_at = new Date().toISOString()): ThreadMetadata => ({
  id,
  created_at,
  status: { type: 'active' },
  metadata: {},
});
export const message = (id: string, threadId: string, text = id): ThreadItem => ({
  id,
  thread_id: threadId,
  created_at: new Date().toISOString(),
  type: 'user_message',
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

export function storeSuite(name: string, make: () => ChatKitStore | Promise<ChatKitStore>) {
  describe(`${name} store`, () => {
    test('threads: create, load, update, list newest first, delete', async () => {
      const store = await make();
      for (const id of ['t1', 't2', 't3']) await store.createThread('alice', thread(id));
      assert.equal((await store.loadThread('alice', 't2'))?.id, 't2');
      await store.updateThread('alice', { ...thread('t2'), title: 'Renamed' });
      assert.equal((await store.loadThread('alice', 't2'))?.title, 'Renamed');
      const page = await store.listThreads('alice', { limit: 20, order: 'desc' });
      assert.deepEqual(
        page.data.map((t) => t.id),
        ['t3', 't2', 't1'],
      );
      assert.equal(page.has_more, false);
      assert.equal('after' in page, false);
      assert.equal(await store.deleteThread('alice', 't2'), true);
      assert.equal(await store.loadThread('alice', 't2'), undefined);
      assert.equal(await store.deleteThread('alice', 't2'), false);
    });

    test('cursor pagination both ways: after, limit, has_more', async () => {
      const store = await make();
      for (let i = 1; i <= 5; i++) await store.createThread('alice', thread(`t${i}`));
      const asc1 = await store.listThreads('alice', { limit: 2, order: 'asc' });
      assert.deepEqual(
        asc1.data.map((t) => t.id),
        ['t1', 't2'],
      );
      assert.deepEqual([asc1.has_more, asc1.after], [true, 't2']);
      const asc2 = await store.listThreads('alice', { limit: 2, order: 'asc', after: asc1.after });
      assert.deepEqual(
        asc2.data.map((t) => t.id),
        ['t3', 't4'],
      );
      const asc3 = await store.listThreads('alice', { limit: 2, order: 'asc', after: asc2.after });
      assert.deepEqual(
        asc3.data.map((t) => t.id),
        ['t5'],
      );
      assert.deepEqual([asc3.has_more, asc3.after], [false, undefined]);
      const desc = await store.listThreads('alice', { limit: 3, order: 'desc', after: 't4' });
      assert.deepEqual(
        desc.data.map((t) => t.id),
        ['t3', 't2', 't1'],
      );
      assert.equal(desc.has_more, false);
      await assert.rejects(
        store.listThreads('alice', { limit: 2, order: 'asc', after: 'nope' }),
        InvalidCursorError,
      );
    });

    test('items: append order, replace in place, delete, page', async () => {
      const store = await make();
      await store.createThread('alice', thread('t1'));
      for (const id of ['m1', 'm2', 'm3']) await store.addItem('alice', 't1', message(id, 't1'));
      await store.saveItem('alice', 't1', message('m2', 't1', 'edited'));
      const all = await store.listItems('alice', 't1', { limit: 10, order: 'asc' });
      assert.deepEqual(
        all.data.map((i) => i.id),
        ['m1', 'm2', 'm3'],
      );
      const m2 = await store.loadItem('alice', 't1', 'm2');
      assert.equal(
        m2?.type === 'user_message' && m2.content[0]?.type === 'input_text' && m2.content[0].text,
        'edited',
      );
      await store.deleteItem('alice', 't1', 'm1');
      const desc = await store.listItems('alice', 't1', { limit: 1, order: 'desc' });
      assert.deepEqual(
        [desc.data.map((i) => i.id), desc.has_more, desc.after],
        [['m3'], true, 'm3'],
      );
      const next = await store.listItems('alice', 't1', { limit: 1, order: 'desc', after: 'm3' });
      assert.deepEqual([next.data.map((i) => i.id), next.has_more], [['m2'], false]);
    });

    test('users are isolated: another user sees nothing and changes nothing', async () => {
      const store = await make();
      await store.createThread('alice', thread('t1'));
      await store.addItem('alice', 't1', message('m1', 't1'));
      assert.equal(await store.loadThread('bob', 't1'), undefined);
      assert.equal(await store.loadItem('bob', 't1', 'm1'), undefined);
      assert.deepEqual((await store.listThreads('bob', { limit: 10, order: 'desc' })).data, []);
      assert.deepEqual((await store.listItems('bob', 't1', { limit: 10, order: 'asc' })).data, []);
      await store.addItem('bob', 't1', message('evil', 't1'));
      await store.updateThread('bob', { ...thread('t1'), title: 'pwned' });
      await store.deleteItem('bob', 't1', 'm1');
      assert.equal(await store.deleteThread('bob', 't1'), false);
      await store.saveAttachment('alice', {
        attachment: { id: 'a1', type: 'file', name: 'x.txt', mime_type: 'text/plain' },
        size: 1,
        uploaded: false,
        created_at: new Date().toISOString(),
      });
      assert.equal(await store.loadAttachment('bob', 'a1'), undefined);
      assert.equal(await store.deleteAttachment('bob', 'a1'), false);
      await store.saveAttachmentData('bob', 'a1', new Uint8Array([1]));
      assert.equal(await store.loadAttachmentData('alice', 'a1'), undefined);
      const items = await store.listItems('alice', 't1', { limit: 10, order: 'asc' });
      assert.deepEqual(
        items.data.map((i) => i.id),
        ['m1'],
      );
      assert.equal((await store.loadThread('alice', 't1'))?.title, undefined);
    });

    test('feedback and attachments, deleted with their thread', async () => {
      const store = await make();
      await store.createThread('alice', thread('t1'));
      await store.addItem('alice', 't1', message('m1', 't1'));
      await store.saveFeedback('alice', 't1', ['m1'], 'positive');
      await store.saveFeedback('alice', 't1', ['m1'], 'negative');
      assert.equal(await store.loadFeedback('alice', 't1', 'm1'), 'negative');
      await store.saveAttachment('alice', {
        attachment: {
          id: 'a1',
          type: 'file',
          name: 'x.txt',
          mime_type: 'text/plain',
          thread_id: 't1',
        },
        size: 3,
        uploaded: true,
        created_at: new Date().toISOString(),
      });
      await store.saveAttachmentData('alice', 'a1', new Uint8Array([1, 2, 3]));
      assert.deepEqual([...((await store.loadAttachmentData('alice', 'a1')) ?? [])], [1, 2, 3]);
      await store.deleteThread('alice', 't1');
      assert.equal(await store.loadAttachment('alice', 'a1'), undefined);
      assert.equal(await store.loadFeedback('alice', 't1', 'm1'), undefined);
    });

    test('transferThreads moves threads, items, feedback and attachments to the new owner', async () => {
      const store = await make();
      assert.equal(typeof store.transferThreads, 'function');
      await store.createThread('bob', thread('t0', '2026-01-01T00:00:00.000Z'));
      await store.createThread('guest', thread('t1', '2026-01-02T00:00:00.000Z'));
      await store.addItem('guest', 't1', message('m1', 't1'));
      await store.saveFeedback('guest', 't1', ['m1'], 'positive');
      await store.saveAttachment('guest', {
        attachment: {
          id: 'a1',
          type: 'file',
          name: 'x.txt',
          mime_type: 'text/plain',
          thread_id: 't1',
        },
        size: 1,
        uploaded: true,
        created_at: new Date().toISOString(),
      });
      assert.equal(await store.transferThreads!('guest', 'bob'), 1);
      assert.equal(await store.loadThread('guest', 't1'), undefined);
      assert.deepEqual(
        (await store.listThreads('bob', { limit: 10, order: 'desc' })).data.map((t) => t.id),
        ['t1', 't0'],
      );
      assert.equal((await store.loadItem('bob', 't1', 'm1'))?.id, 'm1');
      assert.equal(await store.loadFeedback('bob', 't1', 'm1'), 'positive');
      assert.equal((await store.loadAttachment('bob', 'a1'))?.attachment.id, 'a1');
      assert.equal(await store.loadAttachment('guest', 'a1'), undefined);
    });

    test('text round-trips exactly: quotes, backslashes, emoji, line separators', async () => {
      const store = await make();
      const text = 'say "hi" \\ C:\\path \u2028 \u{1F600} é 中文 </script> \' \t\n';
      await store.createThread('alice', { ...thread('t1'), title: text });
      await store.addItem('alice', 't1', message('m1', 't1', text));
      assert.equal((await store.loadThread('alice', 't1'))?.title, text);
      const item = await store.loadItem('alice', 't1', 'm1');
      assert.deepEqual(item, { ...message('m1', 't1', text), created_at: item?.created_at });
    });

    test('another user cannot write items or feedback into a thread they do not own', async () => {
      const store = await make();
      await store.createThread('alice', thread('t1'));
      await store.addItem('alice', 't1', message('m1', 't1'));
      await store.saveItem('bob', 't1', message('m1', 't1', 'overwritten'));
      await store.saveItem('bob', 't1', message('m2', 't1', 'injected'));
      await store.saveFeedback('bob', 't1', ['m1'], 'negative');
      const items = await store.listItems('alice', 't1', { limit: 10, order: 'asc' });
      assert.deepEqual(
        items.data.map(
          (i) =>
            i.type === 'user_message' && i.content[0]?.type === 'input_text' && i.content[0].text,
        ),
        ['m1'],
      );
      assert.equal(await store.loadFeedback('alice', 't1', 'm1'), undefined);
    });

    test('createThreadWithItems: thread and items at once, or nothing when an item fails', async () => {
      const store = await make();
      assert.equal(typeof store.createThreadWithItems, 'function');
      await store.createThreadWithItems!('alice', thread('t1'), [
        message('m1', 't1'),
        message('m2', 't1'),
      ]);
      const items = await store.listItems('alice', 't1', { limit: 10, order: 'asc' });
      assert.deepEqual(
        items.data.map((i) => i.id),
        ['m1', 'm2'],
      );
      // The second item cannot be serialised (a throwing getter): nothing may remain.
      const broken = message('m4', 't2');
      Object.defineProperty(broken, 'content', {
        enumerable: true,
        get() {
          throw new Error('unserialisable');
        },
      });
      await assert.rejects(
        store.createThreadWithItems!('alice', thread('t2'), [message('m3', 't2'), broken]),
      );
      assert.equal(await store.loadThread('alice', 't2'), undefined);
      assert.equal(await store.loadItem('alice', 't2', 'm3'), undefined);
      const threads = await store.listThreads('alice', { limit: 10, order: 'asc' });
      assert.deepEqual(
        threads.data.map((t) => t.id),
        ['t1'],
      );
    });

    test('idempotency keys: first claim records, a repeat gets the record, per user, release frees', async () => {
      const store = await make();
      const record = { thread_id: 't1', turn_id: 'turn_1' };
      assert.equal(await store.claimIdempotencyKey?.('alice', 'k1', record, 600_000), undefined);
      assert.deepEqual(
        await store.claimIdempotencyKey?.('alice', 'k1', { thread_id: 't2' }, 600_000),
        record,
      );
      assert.equal(
        await store.claimIdempotencyKey?.('bob', 'k1', { thread_id: 't3' }, 600_000),
        undefined,
      );
      await store.releaseIdempotencyKey?.('alice', 'k1');
      assert.equal(
        await store.claimIdempotencyKey?.('alice', 'k1', { thread_id: 't4' }, 600_000),
        undefined,
      );
      assert.deepEqual(await store.claimIdempotencyKey?.('alice', 'k1', record, 600_000), {
        thread_id: 't4',
      });
    });

    test('idempotency keys: concurrent claims, exactly one wins; an expired key can be claimed again', async () => {
      const store = await make();
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.claimIdempotencyKey!('alice', 'same', { thread_id: `t${i}` }, 600_000),
        ),
      );
      assert.equal(claims.filter((claim) => claim === undefined).length, 1);
      assert.equal(
        await store.claimIdempotencyKey!('alice', 'short', { thread_id: 'a' }, 1),
        undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(
        await store.claimIdempotencyKey!('alice', 'short', { thread_id: 'b' }, 1),
        undefined,
      );
    });

    test('stored values are copies: mutating a loaded object changes nothing', async () => {
      const store = await make();
      await store.createThread('alice', thread('t1'));
      const loaded = await store.loadThread('alice', 't1');
      loaded!.title = 'mutated';
      assert.equal((await store.loadThread('alice', 't1'))?.title, undefined);
    });
  });
}

// The turn log of resumable replies: same contract in memory and on PostgreSQL.
export const events = (from: number, to: number): LoggedEvent[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    seq: from + i,
    data: JSON.stringify({ type: 'progress_update', text: `e${from + i}` }),
  }));
export function turnLogSuite(
  name: string,
  make: (options: { retainMs?: number }) => Promise<TurnLog> | TurnLog,
  /** Told of every log the suite opens (PostgreSQL logs hold a LISTEN connection to close). */
  opened?: (log: TurnLog) => void,
) {
  describe(`${name} turn log`, () => {
    const open = async (options: { retainMs?: number } = {}) => {
      const log = await make(options);
      opened?.(log);
      return log;
    };

    test('begin, append, read after a seq (with limit), end; latest prefers the running turn', async () => {
      const log = await open();
      await log.begin({ id: 'turn_a', threadId: 't1', userId: 'alice' });
      await log.append('turn_a', events(1, 3));
      await log.append('turn_a', events(4, 5));
      assert.deepEqual(await log.read('turn_a', 0), events(1, 5));
      assert.deepEqual(await log.read('turn_a', 2, 2), events(3, 4));
      assert.deepEqual(await log.read('turn_a', 5), []);
      assert.deepEqual(await log.get('turn_a'), {
        id: 'turn_a',
        threadId: 't1',
        userId: 'alice',
        status: 'running',
      });
      await log.end('turn_a', 'done');
      const ended = await log.get('turn_a');
      assert.equal(ended?.status, 'done');
      assert.equal(typeof ended?.endedAt, 'number');
      // Appends after the end are refused.
      await log.append('turn_a', events(6, 6));
      assert.equal((await log.read('turn_a', 0)).length, 5);
      assert.equal((await log.latest('t1'))?.id, 'turn_a');
      await log.begin({ id: 'turn_b', threadId: 't1', userId: 'alice' });
      assert.equal((await log.latest('t1'))?.id, 'turn_b');
      assert.equal(await log.latest('t2'), undefined);
      assert.equal(await log.get('turn_unknown'), undefined);
    });

    test('subscribers are woken by appends and by the end', async () => {
      const log = await open();
      await log.begin({ id: 'turn_s', threadId: 't1', userId: 'alice' });
      let wakes = 0;
      const unsubscribe = log.subscribe('turn_s', () => wakes++);
      await log.append('turn_s', events(1, 1));
      await waitUntil(() => wakes >= 1);
      const before = wakes;
      await log.end('turn_s', 'stopped');
      await waitUntil(() => wakes > before);
      unsubscribe();
    });

    test('a finished turn is dropped after retainMs; a running one never', async () => {
      const log = await open({ retainMs: 30 });
      await log.begin({ id: 'turn_old', threadId: 't1', userId: 'alice' });
      await log.begin({ id: 'turn_run', threadId: 't2', userId: 'alice' });
      await log.append('turn_old', events(1, 2));
      await log.end('turn_old', 'done');
      await new Promise((resolve) => setTimeout(resolve, 80));
      await log.purge();
      assert.equal(await log.get('turn_old'), undefined);
      assert.equal(await log.latest('t1'), undefined);
      assert.deepEqual(await log.read('turn_old', 0), []);
      assert.equal((await log.get('turn_run'))?.status, 'running');
    });

    test('requestStop reaches the owner through onStop', async () => {
      const log = await open();
      await log.begin({ id: 'turn_x', threadId: 't1', userId: 'alice' });
      const stops: string[] = [];
      const off = log.onStop((id) => stops.push(id));
      await log.requestStop('turn_x');
      await waitUntil(() => stops.length === 1);
      assert.deepEqual(stops, ['turn_x']);
      off();
    });
  });
}
export async function waitUntil(check: () => boolean) {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
