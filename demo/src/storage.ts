// Where the demo keeps its data: one SQLite file by default (nothing to set
// up), or one PostgreSQL database when DATABASE_URL is set, shared by any
// number of instances. Either way Better Auth's tables and the chat threads
// live side by side in the same database.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type ChatKitStore,
  createMemoryTurnLog,
  createPostgresStore,
  createPostgresTurnLog,
  createSqliteStore,
  type TurnLog,
} from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DemoConfig } from './config.js';

export interface DemoStorage {
  /** What to hand Better Auth as its `database` option. */
  authDatabase: Database.Database | pg.Pool;
  store: ChatKitStore;
  /**
   * The turn log of resumable replies: in memory with SQLite (one process), in
   * the database with PostgreSQL (any instance can follow or end any turn).
   */
  turnLog: TurnLog;
  /** For the start-up log (no password). */
  description: string;
  /**
   * Runs `fn` while no other instance on the same database runs it: start-up
   * work (Better Auth's migrations, the first signing key) that two instances
   * started together must not do twice.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Closes the connections; after the chat handler has finished its turns. */
  close(): Promise<void>;
}

/** First key of the demo's start-up advisory lock ("demo" in ASCII), second is 1. */
const STARTUP_LOCK = [0x64656d6f, 1] as const;

export async function openStorage(
  config: Pick<DemoConfig, 'databasePath' | 'databaseUrl'>,
  warn: (message: string) => void,
): Promise<DemoStorage> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, warn)
    : openSqlite(config.databasePath);
}

function openSqlite(path: string): DemoStorage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // The thread store gets its own connection: its pragmas (foreign keys on)
  // then never change how Better Auth's queries behave.
  const chatDb = path === ':memory:' ? db : new Database(path);
  const turnLog = createMemoryTurnLog();
  return {
    authDatabase: db,
    store: createSqliteStore(chatDb),
    turnLog,
    description: path,
    exclusive: (fn) => fn(), // one process owns the file
    async close() {
      await turnLog.close();
      if (chatDb !== db) chatDb.close();
      db.close();
    },
  };
}

async function openPostgres(url: string, warn: (message: string) => void): Promise<DemoStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server must not crash the process; the
  // next query gets a fresh one.
  pool.on('error', (error) => warn(`PostgreSQL connection lost: ${error.message}`));
  let store: ChatKitStore;
  let turnLog: TurnLog;
  try {
    store = await createPostgresStore(pool);
    turnLog = await createPostgresTurnLog(pool, {
      onError: (error) => warn(`turn log: ${(error as Error).message}`),
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return {
    authDatabase: pool,
    store,
    turnLog,
    description: shown.toString(),
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1, $2)', [...STARTUP_LOCK]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, $2)', [...STARTUP_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await turnLog.close(); // its LISTEN connection goes back before the pool ends
      await pool.end();
    },
  };
}
