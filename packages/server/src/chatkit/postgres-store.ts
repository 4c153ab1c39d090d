// A ChatKitStore on a node-postgres Pool the caller created (and ends). The
// package never imports `pg`: the structural types below are all it needs, so
// the driver stays an optional peer. Migrations run once per process start,
// versioned, under a transaction-scoped advisory lock so instances starting at
// the same moment queue instead of racing. Items are jsonb; every statement is
// scoped by user_id; lists page by keyset on an insertion sequence.
import type { FeedbackKind, Page, ThreadItem, ThreadMetadata } from '@chat-widget/protocol';
import { ServerError } from '../errors.js';
import {
  type ChatKitStore,
  type IdempotencyRecord,
  InvalidCursorError,
  type ListOptions,
  type StoredAttachment,
} from './store.js';

/** What this store reads from a query result (a subset of pg's `QueryResult`). */
export interface PgQueryResult {
  rows: unknown[];
  rowCount: number | null;
}
/** Anything with pg's `query(text, values)`: a Pool or a checked-out client. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
}
/** A client checked out of the pool (`pool.connect()`), for transactions. */
export interface PgPoolClient extends PgQueryable {
  release(error?: Error | boolean): void;
}
/** The part of pg's `Pool` this store uses (pg 8). */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
}

export interface PostgresStoreOptions {
  /** Prefix of the tables (default "chatkit_"), to share a database with other code. */
  tablePrefix?: string;
}

const MIGRATIONS = (p: string): string[] => [
  // v1
  `CREATE TABLE ${p}threads (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text NOT NULL UNIQUE,
     user_id text NOT NULL,
     created_at text NOT NULL,
     data jsonb NOT NULL
   );
   CREATE INDEX ${p}threads_user ON ${p}threads (user_id, seq);
   CREATE TABLE ${p}items (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text NOT NULL,
     thread_id text NOT NULL REFERENCES ${p}threads (id) ON DELETE CASCADE,
     user_id text NOT NULL,
     type text NOT NULL,
     created_at text NOT NULL,
     data jsonb NOT NULL,
     UNIQUE (thread_id, id)
   );
   CREATE INDEX ${p}items_thread ON ${p}items (thread_id, seq);
   CREATE INDEX ${p}items_user ON ${p}items (user_id);
   CREATE TABLE ${p}feedback (
     thread_id text NOT NULL REFERENCES ${p}threads (id) ON DELETE CASCADE,
     item_id text NOT NULL,
     user_id text NOT NULL,
     kind text NOT NULL,
     PRIMARY KEY (thread_id, item_id)
   );
   CREATE INDEX ${p}feedback_user ON ${p}feedback (user_id);
   CREATE TABLE ${p}attachments (
     id text PRIMARY KEY,
     user_id text NOT NULL,
     thread_id text,
     data jsonb NOT NULL,
     bytes bytea
   );
   CREATE INDEX ${p}attachments_user ON ${p}attachments (user_id);
   CREATE INDEX ${p}attachments_thread ON ${p}attachments (thread_id);`,
  // v2: idempotency keys; the turn log of resumable replies (postgres-turn-log.ts)
  `CREATE TABLE ${p}idempotency (
     user_id text NOT NULL,
     key text NOT NULL,
     record jsonb NOT NULL,
     expires_at timestamptz NOT NULL,
     PRIMARY KEY (user_id, key)
   );
   CREATE INDEX ${p}idempotency_expires ON ${p}idempotency (expires_at);
   CREATE TABLE ${p}turns (
     id text PRIMARY KEY,
     thread_id text NOT NULL,
     user_id text NOT NULL,
     status text NOT NULL,
     owner text NOT NULL,
     lease_until timestamptz NOT NULL,
     read_at timestamptz NOT NULL DEFAULT now(),
     stop_requested boolean NOT NULL DEFAULT false,
     started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     ended_at timestamptz
   );
   CREATE INDEX ${p}turns_thread ON ${p}turns (thread_id, started_at);
   CREATE INDEX ${p}turns_lease ON ${p}turns (lease_until) WHERE status = 'running';
   CREATE INDEX ${p}turns_ended ON ${p}turns (ended_at) WHERE ended_at IS NOT NULL;
   CREATE TABLE ${p}turn_events (
     turn_id text NOT NULL REFERENCES ${p}turns (id) ON DELETE CASCADE,
     seq integer NOT NULL,
     data text NOT NULL,
     PRIMARY KEY (turn_id, seq)
   );`,
];

/** First key of the two-int advisory lock: "ckit" in ASCII. */
const LOCK_CLASS = 0x636b6974;
/** 32-bit FNV-1a of the prefix, as a signed int: the lock's second key. */
function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Runs `fn` inside BEGIN/COMMIT on one pooled client (ROLLBACK on throw). */
export async function transaction<T>(
  pool: PgPool,
  fn: (client: PgQueryable) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch {
      client.release(true); // connection is broken: drop it from the pool
    }
    throw error;
  }
}

/** Brings the schema to the newest version; safe to run from many processes at once. */
export async function migrate(pool: PgPool, p: string): Promise<void> {
  const migrations = MIGRATIONS(p);
  await transaction(pool, async (client) => {
    // Every instance queues here; the lock ends with the transaction.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, lockKey(p)]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${p}schema (version integer NOT NULL)`);
    const found = await client.query(`SELECT version FROM ${p}schema`);
    const row = found.rows[0] as { version: number } | undefined;
    let version = row?.version ?? 0;
    if (version > migrations.length) {
      throw new ServerError(
        'ERR_STORE_SCHEMA',
        `createPostgresStore: database schema v${version} is newer than this package (v${migrations.length})`,
      );
    }
    if (!row) await client.query(`INSERT INTO ${p}schema (version) VALUES (0)`);
    for (; version < migrations.length; version++) await client.query(migrations[version]!);
    await client.query(`UPDATE ${p}schema SET version = $1`, [version]);
  });
}

/** The table prefix, checked (it is spliced into SQL). */
export function tablePrefix(options: { tablePrefix?: string }, caller: string): string {
  const p = options.tablePrefix ?? 'chatkit_';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) throw new TypeError(`${caller}: invalid tablePrefix`);
  return p;
}

/**
 * Creates the ChatKit tables in the pool's database if needed (migrating an
 * older schema) and returns a store on them. The pool stays the caller's:
 * end it after the handler is closed.
 */
export async function createPostgresStore(
  pool: PgPool,
  options: PostgresStoreOptions = {},
): Promise<ChatKitStore> {
  const p = tablePrefix(options, 'createPostgresStore');
  await migrate(pool, p);

  const json = (value: unknown) => JSON.stringify(value);
  // Read jsonb as text and parse here: independent of the pool's type parsers,
  // and every load is a fresh copy.
  const parse = <T>(result: PgQueryResult): T | undefined => {
    const row = result.rows[0] as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  };
  const owned = `EXISTS (SELECT 1 FROM ${p}threads WHERE id = $2 AND user_id = $3)`;

  /** Keyset pagination: one extra row tells whether there is a next page. */
  async function page<T>(
    table: 'threads' | 'items',
    scope: string,
    scopeValues: unknown[],
    options: ListOptions,
  ): Promise<Page<T>> {
    const values = [...scopeValues];
    let where = scope;
    if (options.after !== undefined) {
      const cursor = await pool.query(
        `SELECT seq FROM ${p}${table} WHERE ${scope} AND id = $${values.length + 1}`,
        [...values, options.after],
      );
      const seq = (cursor.rows[0] as { seq: string } | undefined)?.seq;
      if (seq === undefined) throw new InvalidCursorError(options.after);
      values.push(seq);
      where += ` AND seq ${options.order === 'asc' ? '>' : '<'} $${values.length}`;
    }
    values.push(options.limit + 1);
    const found = await pool.query(
      `SELECT id, data::text AS data FROM ${p}${table} WHERE ${where}
       ORDER BY seq ${options.order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${values.length}`,
      values,
    );
    const rows = found.rows as { id: string; data: string }[];
    const has_more = rows.length > options.limit;
    const data = rows.slice(0, options.limit);
    const result: Page<T> = { data: data.map((row) => JSON.parse(row.data) as T), has_more };
    if (has_more && data.length > 0) result.after = data[data.length - 1]!.id;
    return result;
  }

  /** Insert, or replace in place (keeping the position) when `replace`. */
  const upsertItem = (userId: string, threadId: string, item: ThreadItem, replace: boolean) =>
    pool.query(
      `INSERT INTO ${p}items (id, thread_id, user_id, type, created_at, data)
       SELECT $1, $2, $3, $4, $5, $6::jsonb WHERE ${owned}
       ${replace ? `ON CONFLICT (thread_id, id) DO UPDATE SET type = excluded.type, data = excluded.data WHERE ${p}items.user_id = excluded.user_id` : ''}`,
      [item.id, threadId, userId, item.type, item.created_at, json(item)],
    );

  return {
    async createThread(userId, thread) {
      await pool.query(
        `INSERT INTO ${p}threads (id, user_id, created_at, data) VALUES ($1, $2, $3, $4::jsonb)`,
        [thread.id, userId, thread.created_at, json(thread)],
      );
    },
    async createThreadWithItems(userId, thread, items) {
      // One transaction: a failed item write leaves no thread behind.
      await transaction(pool, async (client) => {
        await client.query(
          `INSERT INTO ${p}threads (id, user_id, created_at, data) VALUES ($1, $2, $3, $4::jsonb)`,
          [thread.id, userId, thread.created_at, json(thread)],
        );
        for (const item of items) {
          await client.query(
            `INSERT INTO ${p}items (id, thread_id, user_id, type, created_at, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
            [item.id, thread.id, userId, item.type, item.created_at, json(item)],
          );
        }
      });
    },
    async loadThread(userId, threadId) {
      return parse<ThreadMetadata>(
        await pool.query(
          `SELECT data::text AS data FROM ${p}threads WHERE id = $1 AND user_id = $2`,
          [threadId, userId],
        ),
      );
    },
    async updateThread(userId, thread) {
      await pool.query(`UPDATE ${p}threads SET data = $1::jsonb WHERE id = $2 AND user_id = $3`, [
        json(thread),
        thread.id,
        userId,
      ]);
    },
    async deleteThread(userId, threadId) {
      // One statement, so atomic: attachments go with the thread; items and
      // feedback follow by ON DELETE CASCADE.
      const result = await pool.query(
        `WITH gone AS (DELETE FROM ${p}attachments WHERE thread_id = $1 AND user_id = $2)
         DELETE FROM ${p}threads WHERE id = $1 AND user_id = $2`,
        [threadId, userId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async listThreads(userId, options) {
      return page<ThreadMetadata>('threads', 'user_id = $1', [userId], options);
    },
    async addItem(userId, threadId, item) {
      await upsertItem(userId, threadId, item, false);
    },
    async saveItem(userId, threadId, item) {
      await upsertItem(userId, threadId, item, true);
    },
    async loadItem(userId, threadId, itemId) {
      return parse<ThreadItem>(
        await pool.query(
          `SELECT data::text AS data FROM ${p}items WHERE thread_id = $1 AND id = $2 AND user_id = $3`,
          [threadId, itemId, userId],
        ),
      );
    },
    async deleteItem(userId, threadId, itemId) {
      await pool.query(`DELETE FROM ${p}items WHERE thread_id = $1 AND id = $2 AND user_id = $3`, [
        threadId,
        itemId,
        userId,
      ]);
    },
    async listItems(userId, threadId, options) {
      return page<ThreadItem>(
        'items',
        'thread_id = $1 AND user_id = $2',
        [threadId, userId],
        options,
      );
    },
    async saveFeedback(userId, threadId, itemIds, kind) {
      if (itemIds.length === 0) return;
      await pool.query(
        `INSERT INTO ${p}feedback (thread_id, item_id, user_id, kind)
         SELECT $2, item_id, $3, $4 FROM unnest($1::text[]) AS item_id WHERE ${owned}
         ON CONFLICT (thread_id, item_id) DO UPDATE SET kind = excluded.kind
         WHERE ${p}feedback.user_id = excluded.user_id`,
        [[...new Set(itemIds)], threadId, userId, kind],
      );
    },
    async loadFeedback(userId, threadId, itemId) {
      const result = await pool.query(
        `SELECT kind FROM ${p}feedback WHERE thread_id = $1 AND item_id = $2 AND user_id = $3`,
        [threadId, itemId, userId],
      );
      return (result.rows[0] as { kind: FeedbackKind } | undefined)?.kind;
    },
    async saveAttachment(userId, record) {
      await pool.query(
        `INSERT INTO ${p}attachments (id, user_id, thread_id, data) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, data = excluded.data
         WHERE ${p}attachments.user_id = excluded.user_id`,
        [record.attachment.id, userId, record.attachment.thread_id ?? null, json(record)],
      );
    },
    async loadAttachment(userId, attachmentId) {
      return parse<StoredAttachment>(
        await pool.query(
          `SELECT data::text AS data FROM ${p}attachments WHERE id = $1 AND user_id = $2`,
          [attachmentId, userId],
        ),
      );
    },
    async deleteAttachment(userId, attachmentId) {
      const result = await pool.query(
        `DELETE FROM ${p}attachments WHERE id = $1 AND user_id = $2`,
        [attachmentId, userId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async saveAttachmentData(userId, attachmentId, data) {
      await pool.query(`UPDATE ${p}attachments SET bytes = $1 WHERE id = $2 AND user_id = $3`, [
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        attachmentId,
        userId,
      ]);
    },
    async loadAttachmentData(userId, attachmentId) {
      const result = await pool.query(
        `SELECT bytes FROM ${p}attachments WHERE id = $1 AND user_id = $2`,
        [attachmentId, userId],
      );
      const bytes = (result.rows[0] as { bytes: Uint8Array | null } | undefined)?.bytes;
      return bytes ? new Uint8Array(bytes) : undefined;
    },
    async transferThreads(fromUserId, toUserId) {
      if (fromUserId === toUserId) return 0;
      // Data-modifying CTEs run in one statement: all rows move, or none.
      const result = await pool.query(
        `WITH items AS (UPDATE ${p}items SET user_id = $1 WHERE user_id = $2),
              feedback AS (UPDATE ${p}feedback SET user_id = $1 WHERE user_id = $2),
              attachments AS (UPDATE ${p}attachments SET user_id = $1 WHERE user_id = $2),
              keys AS (UPDATE ${p}idempotency SET user_id = $1 WHERE user_id = $2
                       AND key NOT IN (SELECT key FROM ${p}idempotency WHERE user_id = $1))
         UPDATE ${p}threads SET user_id = $1 WHERE user_id = $2`,
        [toUserId, fromUserId],
      );
      return result.rowCount ?? 0;
    },
    async claimIdempotencyKey(userId, key, record, ttlMs) {
      // Insert, or take over an expired key; a live key is left alone (no row returned).
      const claimed = await pool.query(
        `INSERT INTO ${p}idempotency AS k (user_id, key, record, expires_at)
         VALUES ($1, $2, $3::jsonb, now() + $4 * interval '1 millisecond')
         ON CONFLICT (user_id, key) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at
         WHERE k.expires_at <= now()
         RETURNING 1`,
        [userId, key, json(record), ttlMs],
      );
      if ((claimed.rowCount ?? 0) > 0) {
        // The user's expired keys go (the primary key's user_id prefix finds them).
        await pool.query(`DELETE FROM ${p}idempotency WHERE user_id = $1 AND expires_at <= now()`, [
          userId,
        ]);
        return undefined;
      }
      const found = await pool.query(
        `SELECT record::text AS data FROM ${p}idempotency WHERE user_id = $1 AND key = $2`,
        [userId, key],
      );
      return parse<IdempotencyRecord>(found);
    },
    async releaseIdempotencyKey(userId, key) {
      await pool.query(`DELETE FROM ${p}idempotency WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
      ]);
    },
  };
}
