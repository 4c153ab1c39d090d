// The store and turn-log contracts (store-contract.ts) on PostgreSQL: a real throw-away
// cluster for this file, a fresh database (and pool) per test; then what only PostgreSQL
// does (several instances on one turn log, migrations, sessions).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createPostgresStore,
  createPostgresTurnLog,
  type PgPool,
  type TurnLog,
} from '@chat-widget/server/chatkit';
import pg from 'pg';
import { type PostgresCluster, startPostgres } from '../../../test-support/postgres.js';
import { events, message, storeSuite, thread, turnLogSuite, waitUntil } from './store-contract.js';

let cluster: PostgresCluster | undefined;
const pools: pg.Pool[] = [];
/** Turn logs hold a LISTEN connection: closed before their pools end. */
const logs: TurnLog[] = [];
before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  for (const log of logs) await log.close();
  await Promise.all(pools.map((pool) => pool.end()));
  await cluster?.stop();
});
async function freshPool(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await cluster!.createDatabase(), max: 4 });
  pools.push(pool);
  return pool;
}
storeSuite('postgres', async () => createPostgresStore(await freshPool()));
turnLogSuite(
  'postgres',
  async (options) => createPostgresTurnLog(await freshPool(), { ...options, onError: () => {} }),
  (log) => logs.push(log),
);

describe('postgres turn log across instances', () => {
  /** Two instances' turn logs on one database; each instance renews its own leases for its leaseMs. */
  const twoLogs = async (...leases: [number?, number?]) => {
    const url = await cluster!.createDatabase();
    const made: TurnLog[] = [];
    for (const leaseMs of [leases[0] ?? 6000, leases[1] ?? leases[0] ?? 6000]) {
      const pool = new pg.Pool({ connectionString: url, max: 3 });
      pools.push(pool);
      const log = await createPostgresTurnLog(pool, { leaseMs, onError: () => {} });
      logs.push(log);
      made.push(log);
    }
    return made as [TurnLog, TurnLog];
  };

  test("NOTIFY wakes a reader on another instance; it reads the owner's events from the table", async () => {
    const [a, b] = await twoLogs();
    await a.begin({ id: 'turn_n', threadId: 't1', userId: 'alice' });
    let woken = false;
    const off = b.subscribe('turn_n', () => {
      woken = true;
    });
    await a.append('turn_n', events(1, 4));
    await waitUntil(() => woken);
    assert.deepEqual(await b.read('turn_n', 1), events(2, 4));
    off();
  });

  test('a stop asked on one instance reaches the owner on another', async () => {
    const [a, b] = await twoLogs();
    await a.begin({ id: 'turn_p', threadId: 't1', userId: 'alice' });
    const stops: string[] = [];
    a.onStop((id) => stops.push(id));
    await b.requestStop('turn_p');
    await waitUntil(() => stops.length === 1);
    assert.equal((await a.renew('turn_p')).stopRequested, true);
  });

  test('an expired lease is claimed by exactly one instance; the old owner learns it lost the turn', async () => {
    // A's lease is short, so it lapses; B's is long, so B's claim cannot lapse before the
    // second concurrent claim runs, even on a loaded machine (both 200 ms made that flaky).
    const [a, b] = await twoLogs(200, 60_000);
    await a.begin({ id: 'turn_l', threadId: 't1', userId: 'alice' });
    assert.deepEqual(await b.claimExpired(), []); // still leased
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await b.get('turn_l'))?.leaseExpired, true);
    const [one, two] = await Promise.all([b.claimExpired(), b.claimExpired()]);
    assert.deepEqual(
      [...one!, ...two!].map((turn) => turn.id),
      ['turn_l'],
    );
    assert.deepEqual(await a.renew('turn_l'), { running: false, stopRequested: false });
    // The new owner writes and ends it; the old one cannot.
    await a.append('turn_l', events(1, 1));
    await b.append('turn_l', events(1, 1));
    await a.end('turn_l', 'done');
    assert.equal((await b.get('turn_l'))?.status, 'running');
    await b.end('turn_l', 'interrupted');
    assert.equal((await a.get('turn_l'))?.status, 'interrupted');
    assert.equal((await a.read('turn_l', 0)).length, 1);
  });
});

describe('postgres specifics', () => {
  test('a pg Pool satisfies the structural type (the package never imports pg)', async () => {
    const pool: PgPool = await freshPool();
    assert.ok(await createPostgresStore(pool));
  });

  test('instances starting at once migrate exactly once (advisory lock), data survives restarts', async () => {
    const url = await cluster!.createDatabase();
    // Separate pools = separate sessions, like separate processes.
    const starters = Array.from({ length: 6 }, () => {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pools.push(pool);
      return pool;
    });
    const stores = await Promise.all(starters.map((pool) => createPostgresStore(pool)));
    await stores[0]!.createThread('alice', thread('t1'));
    assert.equal((await stores[5]!.loadThread('alice', 't1'))?.id, 't1');
    const versions = await starters[0]!.query('SELECT version FROM chatkit_schema');
    assert.deepEqual(versions.rows, [{ version: 2 }]);
    const again = await createPostgresStore(starters[1]!);
    assert.equal((await again.loadThread('alice', 't1'))?.id, 't1');
  });

  test('refuses a database migrated by a newer version', async () => {
    const pool = await freshPool();
    await createPostgresStore(pool);
    await pool.query('UPDATE chatkit_schema SET version = 99');
    await assert.rejects(createPostgresStore(pool), /newer/);
  });

  test('items are jsonb; the two hot lists are served by indexes', async () => {
    const pool = await freshPool();
    const store = await createPostgresStore(pool, { tablePrefix: 'ck_' });
    await store.createThread('alice', thread('t1'));
    await store.addItem('alice', 't1', message('m1', 't1', 'hello'));
    const typed = await pool.query(
      `SELECT data->'content'->0->>'text' AS text, pg_typeof(data)::text AS type FROM ck_items`,
    );
    assert.deepEqual(typed.rows, [{ text: 'hello', type: 'jsonb' }]);
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = async (sql: string) =>
        (await client.query(`EXPLAIN ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(
        await plan(`SELECT id FROM ck_threads WHERE user_id = 'alice' ORDER BY seq DESC LIMIT 21`),
        /ck_threads_user/,
      );
      assert.match(
        await plan(
          `SELECT id FROM ck_items WHERE thread_id = 't1' AND user_id = 'alice' AND seq > 0 ORDER BY seq LIMIT 21`,
        ),
        /ck_items_thread/,
      );
    } finally {
      client.release();
    }
  });
});
