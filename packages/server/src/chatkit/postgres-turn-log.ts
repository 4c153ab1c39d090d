// The turn log for several server instances, on the PostgreSQL store's
// database (tables from its migrations, v2). The instance running a turn keeps
// its events in memory too (TurnCache), so its own readers read no table;
// writes go out in batches (one INSERT per batch, whatever arrived while the
// previous one ran) with a NOTIFY that wakes readers on the other instances,
// which read the table. An event becomes visible once it is in the table. Leases: the owner renews `lease_until`;
// `claimExpired` hands turns whose owner stopped renewing to the caller.
// Every time comparison uses the database's clock, never the instances'.

import {
  migrate,
  type PgPool,
  type PgPoolClient,
  type PgQueryResult,
  tablePrefix,
} from './postgres-store.js';
import {
  DEFAULT_LEASE_MS,
  DEFAULT_RETAIN_MS,
  type LoggedEvent,
  TurnCache,
  type TurnLog,
  type TurnRecord,
  type TurnStatus,
} from './turn-log.js';

/** A notification as pg delivers it. */
export interface PgNotification {
  channel: string;
  payload?: string | undefined;
}
/** A pooled client that can LISTEN (pg's `PoolClient`). */
export interface PgListenClient extends PgPoolClient {
  on(event: 'notification', listener: (message: PgNotification) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PostgresTurnLogOptions {
  /** Prefix of the tables, as given to createPostgresStore (default "chatkit_"). */
  tablePrefix?: string;
  /** Lease length in ms (default 6000; renewed every third of it). */
  leaseMs?: number;
  /** How long a finished turn stays readable, in ms (default 5 minutes). */
  retainMs?: number;
  /** Called when the LISTEN connection fails (it reconnects after a second). Default: console.error. */
  onError?: (error: unknown) => void;
}

interface Writer {
  queue: LoggedEvent[];
  flushing: Promise<void> | undefined;
}

interface TurnRow {
  id: string;
  thread_id: string;
  user_id: string;
  status: TurnStatus;
  ended_ms: string | null;
  expired: boolean;
}

const toRecord = (row: TurnRow): TurnRecord => {
  const record: TurnRecord = {
    id: row.id,
    threadId: row.thread_id,
    userId: row.user_id,
    status: row.status,
  };
  if (row.ended_ms !== null) record.endedAt = Number(row.ended_ms);
  if (row.status === 'running' && row.expired) record.leaseExpired = true;
  return record;
};

/**
 * Creates (or migrates) the tables and returns a turn log that every instance
 * on the same database shares. Holds one pooled connection for LISTEN: call
 * `close()` after the handler's `close()` and before `pool.end()`.
 */
export async function createPostgresTurnLog(
  pool: PgPool,
  options: PostgresTurnLogOptions = {},
): Promise<TurnLog> {
  const p = tablePrefix(options, 'createPostgresTurnLog');
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const retainMs = options.retainMs ?? DEFAULT_RETAIN_MS;
  const onError = options.onError ?? ((error: unknown) => console.error('[chatkit]', error));
  await migrate(pool, p);

  /** This instance, as the owner of its turns' leases. */
  const me = crypto.randomUUID();
  const channel = `${p}turns`;
  /** Turns this instance runs: served from memory. */
  const cache = new TurnCache(retainMs);
  /** Readers waiting for news of a turn, woken by NOTIFY. */
  const listeners = new Map<string, Set<() => void>>();
  const writers = new Map<string, Writer>();
  let listenClient: PgListenClient | undefined;
  let closed = false;

  const wake = (turnId: string) => {
    for (const listener of [...(listeners.get(turnId) ?? [])]) listener();
  };

  const listen = async (): Promise<void> => {
    const client = (await pool.connect()) as PgListenClient;
    if (typeof client.on !== 'function') {
      client.release();
      throw new TypeError('createPostgresTurnLog: pool clients must support LISTEN (pg 8)');
    }
    let failed = false;
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
      const payload = message.payload ?? '';
      if (payload.startsWith('stop:')) cache.stop(payload.slice(5));
      else wake(payload);
    });
    client.on('error', (error) => {
      if (failed) return;
      failed = true;
      listenClient = undefined;
      client.release(true);
      if (closed) return;
      onError(error);
      const retry = () => {
        if (closed) return;
        listen().catch((again: unknown) => {
          onError(again);
          setTimeout(retry, 1000);
        });
      };
      setTimeout(retry, 1000);
    });
    await client.query(`LISTEN "${channel}"`);
    listenClient = client;
  };
  await listen();

  const select = `SELECT id, thread_id, user_id, status,
      (extract(epoch FROM ended_at) * 1000)::bigint::text AS ended_ms,
      (lease_until < now()) AS expired
    FROM ${p}turns`;
  const retained = `(ended_at IS NULL OR ended_at > now() - $2 * interval '1 millisecond')`;
  const one = (result: PgQueryResult) => {
    const row = result.rows[0] as TurnRow | undefined;
    return row ? toRecord(row) : undefined;
  };

  const insert = (turnId: string, batch: LoggedEvent[]) =>
    pool.query(
      `WITH ins AS (
         INSERT INTO ${p}turn_events (turn_id, seq, data)
         SELECT $1, e.seq, e.data FROM unnest($2::int[], $3::text[]) AS e(seq, data)
         WHERE EXISTS (SELECT 1 FROM ${p}turns WHERE id = $1 AND owner = $4 AND status = 'running')
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT pg_notify($5, $1) WHERE EXISTS (SELECT 1 FROM ins)`,
      [turnId, batch.map((e) => e.seq), batch.map((e) => e.data), me, channel],
    );

  /** Group commit: one INSERT in flight per turn, carrying everything queued meanwhile. */
  const write = (turnId: string, events: LoggedEvent[]): Promise<void> => {
    let writer = writers.get(turnId);
    if (!writer) {
      writer = { queue: [], flushing: undefined };
      writers.set(turnId, writer);
    }
    writer.queue.push(...events);
    const w = writer;
    w.flushing ??= (async () => {
      try {
        while (w.queue.length > 0) {
          const batch = w.queue.splice(0);
          try {
            await insert(turnId, batch);
          } finally {
            // Durable before visible: this instance's readers never see an event the
            // table lacks, so a reader that moves to another instance (or outlives this
            // process) never waits for an event that can no longer come.
            cache.append(turnId, batch);
          }
        }
      } finally {
        w.flushing = undefined;
        if (writers.get(turnId) === w && w.queue.length === 0) writers.delete(turnId);
      }
    })();
    return w.flushing;
  };

  return {
    leaseMs,
    retainMs,
    shared: true,
    async begin(turn) {
      await pool.query(
        `INSERT INTO ${p}turns (id, thread_id, user_id, status, owner, lease_until)
         VALUES ($1, $2, $3, 'running', $4, now() + $5 * interval '1 millisecond')`,
        [turn.id, turn.threadId, turn.userId, me, leaseMs],
      );
      cache.begin(turn);
    },
    append(turnId, events) {
      return write(turnId, events);
    },
    async end(turnId, status) {
      try {
        await writers.get(turnId)?.flushing?.catch(() => {});
        await pool.query(
          `WITH done AS (
             UPDATE ${p}turns SET status = $2, ended_at = now()
             WHERE id = $1 AND owner = $3 AND status = 'running' RETURNING 1)
           SELECT pg_notify($4, $1) FROM done`,
          [turnId, status, me, channel],
        );
      } finally {
        cache.end(turnId, status); // local readers end either way
      }
    },
    async renew(turnId) {
      const result = await pool.query(
        `UPDATE ${p}turns SET lease_until = now() + $3 * interval '1 millisecond'
         WHERE id = $1 AND owner = $2 AND status = 'running'
         RETURNING stop_requested, (extract(epoch FROM now() - read_at) * 1000)::integer AS idle`,
        [turnId, me, leaseMs],
      );
      const row = result.rows[0] as { stop_requested: boolean; idle: number } | undefined;
      if (!row) {
        // Another instance ended it (interrupted): from now on read it from the table.
        cache.forget(turnId);
        wake(turnId);
        return { running: false, stopRequested: false };
      }
      return { running: true, stopRequested: row.stop_requested, readerIdleMs: row.idle };
    },
    async touch(turnId) {
      await pool.query(`UPDATE ${p}turns SET read_at = now() WHERE id = $1`, [turnId]);
    },
    async requestStop(turnId) {
      if (cache.get(turnId)?.status === 'running') return cache.stop(turnId);
      await pool.query(
        `WITH asked AS (
           UPDATE ${p}turns SET stop_requested = true WHERE id = $1 AND status = 'running' RETURNING 1)
         SELECT pg_notify($2, 'stop:' || $1) FROM asked`,
        [turnId, channel],
      );
    },
    onStop: (listener) => cache.onStop(listener),
    async get(turnId) {
      if (cache.has(turnId)) return cache.get(turnId);
      return one(await pool.query(`${select} WHERE id = $1 AND ${retained}`, [turnId, retainMs]));
    },
    async latest(threadId) {
      return one(
        await pool.query(
          `${select} WHERE thread_id = $1 AND ${retained}
           ORDER BY (status = 'running') DESC, started_at DESC LIMIT 1`,
          [threadId, retainMs],
        ),
      );
    },
    async read(turnId, afterSeq, limit = 1000) {
      if (cache.has(turnId)) return cache.read(turnId, afterSeq, limit);
      const result = await pool.query(
        `SELECT seq, data FROM ${p}turn_events WHERE turn_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [turnId, afterSeq, limit],
      );
      return result.rows as LoggedEvent[];
    },
    subscribe(turnId, listener) {
      let set = listeners.get(turnId);
      if (!set) {
        set = new Set();
        listeners.set(turnId, set);
      }
      set.add(listener);
      const local = cache.subscribe(turnId, listener);
      return () => {
        local();
        set.delete(listener);
        if (set.size === 0 && listeners.get(turnId) === set) listeners.delete(turnId);
      };
    },
    async claimExpired() {
      const result = await pool.query(
        `UPDATE ${p}turns SET owner = $1, lease_until = now() + $2 * interval '1 millisecond'
         WHERE id IN (
           SELECT id FROM ${p}turns WHERE status = 'running' AND lease_until < now()
           ORDER BY lease_until LIMIT 50 FOR UPDATE SKIP LOCKED)
         RETURNING id, thread_id, user_id, status, NULL::text AS ended_ms, false AS expired`,
        [me, leaseMs],
      );
      return (result.rows as TurnRow[]).map(toRecord);
    },
    async purge() {
      cache.purge();
      await pool.query(
        `DELETE FROM ${p}turns WHERE ended_at < now() - $1 * interval '1 millisecond'`,
        [retainMs],
      );
    },
    async close() {
      closed = true;
      await Promise.allSettled([...writers.values()].map((w) => w.flushing));
      const client = listenClient;
      listenClient = undefined;
      if (!client) return;
      try {
        await client.query(`UNLISTEN "${channel}"`);
        client.release();
      } catch {
        client.release(true);
      }
    },
  };
}
