// One contract suite (store-contract.ts), run here against the in-memory store and the
// SQLite store on an in-memory better-sqlite3 database; PostgreSQL runs it in
// chatkit-store-postgres.test.ts (its own file: a cluster's start-up and the lease waits
// would take this file past the runner's per-file time limit on a loaded machine).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createMemoryStore,
  createMemoryTurnLog,
  createSqliteStore,
  type SqliteDatabase,
} from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import { storeSuite, thread, turnLogSuite } from './store-contract.js';

storeSuite('memory', createMemoryStore);
storeSuite('sqlite', () => createSqliteStore(new Database(':memory:')));
turnLogSuite('memory', (options) => createMemoryTurnLog(options));

describe('sqlite specifics', () => {
  test('a better-sqlite3 Database satisfies the structural type (no runtime import needed)', () => {
    const db: SqliteDatabase = new Database(':memory:');
    assert.ok(createSqliteStore(db));
  });

  test('reopening runs no migration twice and keeps data; WAL on a file database', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-store-'));
    try {
      const file = join(dir, 'chat.db');
      let db = new Database(file);
      await createSqliteStore(db).createThread('alice', thread('t1'));
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      db.close();
      db = new Database(file);
      const store = createSqliteStore(db);
      assert.equal((await store.loadThread('alice', 't1'))?.id, 't1');
      assert.equal(db.prepare('SELECT version FROM chatkit_schema').get()?.constructor, Object);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a database migrated by a newer version', () => {
    const db = new Database(':memory:');
    createSqliteStore(db);
    db.prepare('UPDATE chatkit_schema SET version = 99').run();
    assert.throws(() => createSqliteStore(db), /newer/);
  });
});
