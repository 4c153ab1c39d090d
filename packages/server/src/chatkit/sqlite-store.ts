// A ChatKitStore on a better-sqlite3 Database the caller opened. The package
// never imports better-sqlite3: the structural type below is all it needs, so
// the driver stays an optional peer. WAL mode, schema migrations on open
// (PRAGMA user_version), every statement scoped by user_id, keyset pagination
// on an insertion sequence — the same shape a PostgreSQL store would take.
import type { FeedbackKind, Page, ThreadItem, ThreadMetadata } from '@chat-widget/protocol';
import { ServerError } from '../errors.js';
import {
  type ChatKitStore,
  type IdempotencyRecord,
  InvalidCursorError,
  type ListOptions,
  type StoredAttachment,
} from './store.js';

/** The part of better-sqlite3's `Statement` this store uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
/** The part of better-sqlite3's `Database` this store uses (v9–v12). */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  /** Wraps `fn` in BEGIN/COMMIT (ROLLBACK on throw). */
  transaction(fn: (...args: never[]) => unknown): (...args: never[]) => unknown;
}

export interface SqliteStoreOptions {
  /** Prefix of the tables (default "chatkit_"), to share a database with other code. */
  tablePrefix?: string;
}

const MIGRATIONS = (p: string): string[] => [
  // v1
  `CREATE TABLE ${p}threads (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX ${p}threads_user ON ${p}threads (user_id, seq);
   CREATE TABLE ${p}items (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL,
     thread_id TEXT NOT NULL REFERENCES ${p}threads (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     type TEXT NOT NULL,
     created_at TEXT NOT NULL,
     data TEXT NOT NULL,
     UNIQUE (thread_id, id)
   );
   CREATE INDEX ${p}items_thread ON ${p}items (thread_id, seq);
   CREATE TABLE ${p}feedback (
     thread_id TEXT NOT NULL REFERENCES ${p}threads (id) ON DELETE CASCADE,
     item_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     PRIMARY KEY (thread_id, item_id)
   );
   CREATE TABLE ${p}attachments (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     thread_id TEXT,
     data TEXT NOT NULL,
     bytes BLOB
   );
   CREATE INDEX ${p}attachments_thread ON ${p}attachments (thread_id);`,
  // v2: idempotency keys (expires: epoch ms)
  `CREATE TABLE ${p}idempotency (
     user_id TEXT NOT NULL,
     key TEXT NOT NULL,
     record TEXT NOT NULL,
     expires INTEGER NOT NULL,
     PRIMARY KEY (user_id, key)
   );
   CREATE INDEX ${p}idempotency_expires ON ${p}idempotency (expires);`,
];

/** Typed wrapper over `db.transaction`. */
const transaction = <A extends unknown[], R>(db: SqliteDatabase, fn: (...args: A) => R) =>
  db.transaction(fn as (...args: never[]) => unknown) as unknown as (...args: A) => R;

/** Opens (and migrates) the ChatKit tables in `db`. */
export function createSqliteStore(
  db: SqliteDatabase,
  options: SqliteStoreOptions = {},
): ChatKitStore {
  const p = options.tablePrefix ?? 'chatkit_';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))
    throw new TypeError('createSqliteStore: invalid tablePrefix');
  db.pragma('journal_mode = WAL'); // in-memory databases stay "memory"; that is fine
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE IF NOT EXISTS ${p}schema (version INTEGER NOT NULL)`);
  const versionRow = db.prepare(`SELECT version FROM ${p}schema`).get() as
    | { version: number }
    | undefined;
  const migrations = MIGRATIONS(p);
  let version = versionRow?.version ?? 0;
  if (version > migrations.length) {
    throw new ServerError(
      'ERR_STORE_SCHEMA',
      `createSqliteStore: database schema v${version} is newer than this package (v${migrations.length})`,
    );
  }
  transaction(db, () => {
    if (!versionRow) db.prepare(`INSERT INTO ${p}schema (version) VALUES (0)`).run();
    for (; version < migrations.length; version++) db.exec(migrations[version]!);
    db.prepare(`UPDATE ${p}schema SET version = ?`).run(version);
  })();

  const q = {
    insertThread: db.prepare(
      `INSERT INTO ${p}threads (id, user_id, created_at, data) VALUES (?, ?, ?, ?)`,
    ),
    thread: db.prepare(`SELECT data FROM ${p}threads WHERE id = ? AND user_id = ?`),
    threadSeq: db.prepare(`SELECT seq FROM ${p}threads WHERE id = ? AND user_id = ?`),
    updateThread: db.prepare(`UPDATE ${p}threads SET data = ? WHERE id = ? AND user_id = ?`),
    deleteThread: db.prepare(`DELETE FROM ${p}threads WHERE id = ? AND user_id = ?`),
    deleteThreadAttachments: db.prepare(
      `DELETE FROM ${p}attachments WHERE thread_id = ? AND user_id = ?`,
    ),
    threadsAsc: db.prepare(
      `SELECT id, data FROM ${p}threads WHERE user_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
    ),
    threadsDesc: db.prepare(
      `SELECT id, data FROM ${p}threads WHERE user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    ),
    insertItem: db.prepare(
      `INSERT INTO ${p}items (id, thread_id, user_id, type, created_at, data) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    updateItem: db.prepare(
      `UPDATE ${p}items SET data = ?, type = ? WHERE thread_id = ? AND id = ? AND user_id = ?`,
    ),
    item: db.prepare(`SELECT data FROM ${p}items WHERE thread_id = ? AND id = ? AND user_id = ?`),
    itemSeq: db.prepare(`SELECT seq FROM ${p}items WHERE thread_id = ? AND id = ? AND user_id = ?`),
    deleteItem: db.prepare(`DELETE FROM ${p}items WHERE thread_id = ? AND id = ? AND user_id = ?`),
    itemsAsc: db.prepare(
      `SELECT id, data FROM ${p}items WHERE thread_id = ? AND user_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
    ),
    itemsDesc: db.prepare(
      `SELECT id, data FROM ${p}items WHERE thread_id = ? AND user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    ),
    upsertFeedback: db.prepare(
      `INSERT INTO ${p}feedback (thread_id, item_id, user_id, kind) VALUES (?, ?, ?, ?)
       ON CONFLICT (thread_id, item_id) DO UPDATE SET kind = excluded.kind`,
    ),
    feedback: db.prepare(
      `SELECT kind FROM ${p}feedback WHERE thread_id = ? AND item_id = ? AND user_id = ?`,
    ),
    upsertAttachment: db.prepare(
      `INSERT INTO ${p}attachments (id, user_id, thread_id, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, data = excluded.data
       WHERE ${p}attachments.user_id = excluded.user_id`,
    ),
    attachment: db.prepare(`SELECT data FROM ${p}attachments WHERE id = ? AND user_id = ?`),
    deleteAttachment: db.prepare(`DELETE FROM ${p}attachments WHERE id = ? AND user_id = ?`),
    saveBytes: db.prepare(`UPDATE ${p}attachments SET bytes = ? WHERE id = ? AND user_id = ?`),
    bytes: db.prepare(`SELECT bytes FROM ${p}attachments WHERE id = ? AND user_id = ?`),
    moveThreads: db.prepare(`UPDATE ${p}threads SET user_id = ? WHERE user_id = ?`),
    moveItems: db.prepare(`UPDATE ${p}items SET user_id = ? WHERE user_id = ?`),
    moveFeedback: db.prepare(`UPDATE ${p}feedback SET user_id = ? WHERE user_id = ?`),
    moveAttachments: db.prepare(`UPDATE ${p}attachments SET user_id = ? WHERE user_id = ?`),
    moveKeys: db.prepare(`UPDATE OR REPLACE ${p}idempotency SET user_id = ? WHERE user_id = ?`),
    expireKeys: db.prepare(`DELETE FROM ${p}idempotency WHERE expires <= ?`),
    insertKey: db.prepare(
      `INSERT INTO ${p}idempotency (user_id, key, record, expires) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, key) DO NOTHING`,
    ),
    key: db.prepare(`SELECT record FROM ${p}idempotency WHERE user_id = ? AND key = ?`),
    deleteKey: db.prepare(`DELETE FROM ${p}idempotency WHERE user_id = ? AND key = ?`),
  };

  const parse = <T>(row: unknown): T | undefined =>
    row ? (JSON.parse((row as { data: string }).data) as T) : undefined;

  /** Keyset pagination: one extra row tells whether there is a next page. */
  function page<T>(
    rows: (cursor: number, limit: number) => unknown[],
    cursorSeq: (id: string) => number | undefined,
    options: ListOptions,
  ): Page<T> {
    let cursor = options.order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER;
    if (options.after !== undefined) {
      const seq = cursorSeq(options.after);
      if (seq === undefined) throw new InvalidCursorError(options.after);
      cursor = seq;
    }
    const found = rows(cursor, options.limit + 1) as { id: string; data: string }[];
    const has_more = found.length > options.limit;
    const data = found.slice(0, options.limit);
    const result: Page<T> = { data: data.map((row) => JSON.parse(row.data) as T), has_more };
    if (has_more && data.length > 0) result.after = data[data.length - 1]!.id;
    return result;
  }

  const owns = (userId: string, threadId: string) =>
    q.threadSeq.get(threadId, userId) !== undefined;
  const seqOf = (row: unknown) => (row as { seq: number } | undefined)?.seq;

  const deleteThreadTx = transaction(db, (userId: string, threadId: string) => {
    q.deleteThreadAttachments.run(threadId, userId);
    return q.deleteThread.run(threadId, userId).changes > 0;
  });

  const createWithItemsTx = transaction(
    db,
    (userId: string, thread: ThreadMetadata, items: ThreadItem[]) => {
      q.insertThread.run(thread.id, userId, thread.created_at, JSON.stringify(thread));
      for (const item of items) {
        q.insertItem.run(
          item.id,
          thread.id,
          userId,
          item.type,
          item.created_at,
          JSON.stringify(item),
        );
      }
    },
  );

  const transferTx = transaction(db, (fromUserId: string, toUserId: string) => {
    const moved = q.moveThreads.run(toUserId, fromUserId).changes;
    q.moveItems.run(toUserId, fromUserId);
    q.moveFeedback.run(toUserId, fromUserId);
    q.moveAttachments.run(toUserId, fromUserId);
    q.moveKeys.run(toUserId, fromUserId);
    return moved;
  });

  /** Insert-if-absent after dropping expired keys; one transaction, so atomic. */
  const claimKeyTx = transaction(
    db,
    (userId: string, key: string, record: IdempotencyRecord, ttlMs: number) => {
      const now = Date.now();
      q.expireKeys.run(now);
      if (q.insertKey.run(userId, key, JSON.stringify(record), now + ttlMs).changes > 0)
        return undefined;
      return JSON.parse((q.key.get(userId, key) as { record: string }).record) as IdempotencyRecord;
    },
  );

  return {
    async transferThreads(fromUserId, toUserId) {
      return fromUserId === toUserId ? 0 : transferTx(fromUserId, toUserId);
    },
    async claimIdempotencyKey(userId, key, record, ttlMs) {
      return claimKeyTx(userId, key, record, ttlMs);
    },
    async releaseIdempotencyKey(userId, key) {
      q.deleteKey.run(userId, key);
    },
    async createThread(userId, thread) {
      q.insertThread.run(thread.id, userId, thread.created_at, JSON.stringify(thread));
    },
    async createThreadWithItems(userId, thread, items) {
      createWithItemsTx(userId, thread, items);
    },
    async loadThread(userId, threadId) {
      return parse<ThreadMetadata>(q.thread.get(threadId, userId));
    },
    async updateThread(userId, thread) {
      q.updateThread.run(JSON.stringify(thread), thread.id, userId);
    },
    async deleteThread(userId, threadId) {
      return deleteThreadTx(userId, threadId);
    },
    async listThreads(userId, options) {
      return page<ThreadMetadata>(
        (cursor, limit) =>
          (options.order === 'asc' ? q.threadsAsc : q.threadsDesc).all(userId, cursor, limit),
        (id) => seqOf(q.threadSeq.get(id, userId)),
        options,
      );
    },
    async addItem(userId, threadId, item) {
      if (!owns(userId, threadId)) return;
      q.insertItem.run(item.id, threadId, userId, item.type, item.created_at, JSON.stringify(item));
    },
    async saveItem(userId, threadId, item) {
      if (!owns(userId, threadId)) return;
      const updated = q.updateItem.run(
        JSON.stringify(item),
        item.type,
        threadId,
        item.id,
        userId,
      ).changes;
      if (updated === 0) {
        q.insertItem.run(
          item.id,
          threadId,
          userId,
          item.type,
          item.created_at,
          JSON.stringify(item),
        );
      }
    },
    async loadItem(userId, threadId, itemId) {
      return parse<ThreadItem>(q.item.get(threadId, itemId, userId));
    },
    async deleteItem(userId, threadId, itemId) {
      q.deleteItem.run(threadId, itemId, userId);
    },
    async listItems(userId, threadId, options) {
      return page<ThreadItem>(
        (cursor, limit) =>
          (options.order === 'asc' ? q.itemsAsc : q.itemsDesc).all(threadId, userId, cursor, limit),
        (id) => seqOf(q.itemSeq.get(threadId, id, userId)),
        options,
      );
    },
    async saveFeedback(userId, threadId, itemIds, kind) {
      if (!owns(userId, threadId)) return;
      transaction(db, () => {
        for (const itemId of itemIds) q.upsertFeedback.run(threadId, itemId, userId, kind);
      })();
    },
    async loadFeedback(userId, threadId, itemId) {
      const row = q.feedback.get(threadId, itemId, userId) as { kind: FeedbackKind } | undefined;
      return row?.kind;
    },
    async saveAttachment(userId, record) {
      q.upsertAttachment.run(
        record.attachment.id,
        userId,
        record.attachment.thread_id ?? null,
        JSON.stringify(record),
      );
    },
    async loadAttachment(userId, attachmentId) {
      return parse<StoredAttachment>(q.attachment.get(attachmentId, userId));
    },
    async deleteAttachment(userId, attachmentId) {
      return q.deleteAttachment.run(attachmentId, userId).changes > 0;
    },
    async saveAttachmentData(userId, attachmentId, data) {
      q.saveBytes.run(
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        attachmentId,
        userId,
      );
    },
    async loadAttachmentData(userId, attachmentId) {
      const row = q.bytes.get(attachmentId, userId) as { bytes: Uint8Array | null } | undefined;
      return row?.bytes ? new Uint8Array(row.bytes) : undefined;
    },
  };
}
