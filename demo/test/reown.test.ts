import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThreadMetadata, UserMessageItem } from '@chat-widget/protocol';
import { createSqliteStore } from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import { createDemoChat } from '../src/chat.ts';

const thread = (id: string): ThreadMetadata => ({
  id,
  title: id,
  created_at: new Date().toISOString(),
  status: { type: 'active' },
  metadata: {},
});
const message = (id: string, threadId: string, text: string): UserMessageItem => ({
  id,
  thread_id: threadId,
  created_at: new Date().toISOString(),
  type: 'user_message',
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

// The demo's chat on its own SQLite store (the JWKS is only fetched when a request comes).
const demoChat = (db: Database.Database) =>
  createDemoChat({
    origin: 'http://localhost:1',
    store: createSqliteStore(db),
    config: { responder: 'demo' },
  });

test('a guest’s threads and items move to the new user id; nobody else’s do', async () => {
  const db = new Database(':memory:');
  const chat = demoChat(db);
  const { store } = chat;
  await store.createThread('guest', thread('t1'));
  await store.addItem('guest', 't1', message('m1', 't1', 'hello'));
  await store.addItem('guest', 't1', message('m2', 't1', 'again'));
  await store.createThread('guest', thread('t2'));
  await store.createThread('someone-else', thread('t3'));

  assert.equal(await chat.reown('guest', 'account'), 2);

  const page = { limit: 50, order: 'asc' as const };
  assert.deepEqual((await store.listThreads('guest', page)).data, []);
  assert.deepEqual(
    (await store.listThreads('account', page)).data.map((t) => t.id),
    ['t1', 't2'],
  );
  assert.deepEqual(
    (await store.listItems('account', 't1', page)).data.map((i) => i.id),
    ['m1', 'm2'],
  );
  assert.equal(await store.loadThread('guest', 't1'), undefined);
  assert.deepEqual(
    (await store.listThreads('someone-else', page)).data.map((t) => t.id),
    ['t3'],
  );
  db.close();
});

test('moving to the same id is a no-op', async () => {
  const db = new Database(':memory:');
  const chat = demoChat(db);
  const { store } = chat;
  await store.createThread('u', thread('t1'));
  assert.equal(await chat.reown('u', 'u'), 0);
  assert.equal((await store.listThreads('u', { limit: 10, order: 'asc' })).data.length, 1);
  db.close();
});
