// Hostile JSON: bodies nested thousands of levels deep (which overflow the
// stack in recursive code such as JSON.stringify) or holding too many values
// get a 400 at validation, and threads.create writes its thread and first
// message together or not at all.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  type ChatKitStore,
  createChatKitHandler,
  createMemoryStore,
  createPostgresStore,
  createSqliteStore,
  demoResponder,
} from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../../../test-support/postgres.js';
import { chatkitClient, userInput } from './helpers.ts';

/** `{"a":{"a":…{}}}` nested `depth` levels, built as text (no recursion here either). */
const nestedText = (depth: number) => `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;

function tagRequest(data: string) {
  return `{"type":"threads.create","params":{"input":{"content":[{"type":"input_tag","id":"t1","text":"tag","data":${data}}],"attachments":[],"inference_options":{}}}}`;
}

const stores: [string, () => ChatKitStore][] = [
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(new Database(':memory:'))],
];

for (const [name, makeStore] of stores) {
  describe(`${name} store`, () => {
    const setup = () => {
      const handler = createChatKitHandler({
        store: makeStore(),
        respond: demoResponder({ delayMs: 0 }),
        onError: () => {},
      });
      return chatkitClient(handler, 'mallory');
    };
    const threadCount = async (client: ReturnType<typeof setup>) => {
      const list = await client.json<{ data: unknown[] }>('threads.list', { limit: 100 });
      assert.equal(list.status, 200);
      return list.body.data.length;
    };
    const expect400 = async (response: Response, pattern: RegExp) => {
      const text = await response.text();
      assert.equal(response.status, 400, text);
      assert.match((JSON.parse(text) as { error: { message: string } }).error.message, pattern);
    };

    test('5,000 levels inside input_tag.data → 400, no thread written', async () => {
      const client = setup();
      await expect400(await client.post(tagRequest(nestedText(5000))), /nested deeper than 64/);
      assert.equal(await threadCount(client), 0);
    });

    test('5,000 levels in a client tool result → 400', async () => {
      const client = setup();
      await client.stream('threads.create', { input: userInput('hello') });
      const [thread] = (await client.json<{ data: { id: string }[] }>('threads.list', {})).body
        .data;
      const body = `{"type":"threads.add_client_tool_output","params":{"thread_id":"${thread!.id}","result":${nestedText(5000)}}}`;
      await expect400(await client.post(body), /nested deeper than 64/);
    });

    test('150,000 values in one request → 400', async () => {
      const client = setup();
      const many = `[${Array.from({ length: 150_000 }, () => '0').join(',')}]`;
      await expect400(await client.post(tagRequest(`{"many":${many}}`)), /more than 100000 values/);
      assert.equal(await threadCount(client), 0);
    });

    test('ordinary nesting (20 levels) is accepted', async () => {
      const client = setup();
      const response = await client.post(tagRequest(nestedText(20)));
      await response.text();
      assert.equal(response.status, 200);
      assert.equal(await threadCount(client), 1);
    });
  });
}

test('sqlite: the first message cannot be written → the thread is not written either', async () => {
  const db = new Database(':memory:');
  const store = createSqliteStore(db);
  // A real write failure inside SQLite (as a full disk or a constraint would cause).
  db.exec(
    `CREATE TRIGGER refuse_items BEFORE INSERT ON chatkit_items BEGIN SELECT RAISE(ABORT, 'no room'); END`,
  );
  const handler = createChatKitHandler({
    store,
    respond: demoResponder({ delayMs: 0 }),
    onError: () => {},
  });
  const client = chatkitClient(handler, 'alice');
  const response = await client.post({
    type: 'threads.create',
    params: { input: userInput('hi') },
  });
  await response.text();
  assert.ok(response.status >= 500, `status ${response.status}`);
  const count = db.prepare('SELECT COUNT(*) AS n FROM chatkit_threads').get() as { n: number };
  assert.equal(count.n, 0);
});

test('postgres: the first message cannot be written → the thread is not written either', async () => {
  const cluster = await startPostgres();
  const pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 2 });
  after(async () => {
    await pool.end();
    await cluster.stop();
  });
  const store = await createPostgresStore(pool);
  await store.listThreads('nobody', { limit: 1, order: 'asc' }); // tables exist from here on
  await pool.query(`CREATE FUNCTION refuse_items() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'no room'; END $$ LANGUAGE plpgsql`);
  await pool.query(
    'CREATE TRIGGER refuse_items BEFORE INSERT ON chatkit_items FOR EACH ROW EXECUTE FUNCTION refuse_items()',
  );
  const handler = createChatKitHandler({
    store,
    respond: demoResponder({ delayMs: 0 }),
    onError: () => {},
  });
  const client = chatkitClient(handler, 'alice');
  const response = await client.post({
    type: 'threads.create',
    params: { input: userInput('hi') },
  });
  await response.text();
  assert.ok(response.status >= 500, `status ${response.status}`);
  const { rows } = await pool.query('SELECT COUNT(*)::int AS n FROM chatkit_threads');
  assert.equal(rows[0].n, 0);
});

test('a store without createThreadWithItems: the thread is deleted again when its message fails', async () => {
  const inner = createMemoryStore();
  const { createThreadWithItems: _atomic, ...rest } = inner;
  const store: ChatKitStore = {
    ...rest,
    async addItem() {
      throw new Error('write failed');
    },
  };
  const handler = createChatKitHandler({
    store,
    respond: demoResponder({ delayMs: 0 }),
    onError: () => {},
  });
  const client = chatkitClient(handler, 'alice');
  const response = await client.post({
    type: 'threads.create',
    params: { input: userInput('hi') },
  });
  await response.text();
  assert.ok(response.status >= 500, `status ${response.status}`);
  const list = await client.json<{ data: unknown[] }>('threads.list', {});
  assert.deepEqual(list.body.data, []);
});
