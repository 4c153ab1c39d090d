// One SQLite database for Better Auth (users, sessions, JWKS) and the chat
// threads. DATABASE_PATH picks the file; the default lives beside the app.
// `next build` loads this module while it prerenders: it gets a throwaway
// in-memory database instead of creating the file.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export const building = process.env.NEXT_PHASE === 'phase-production-build';
const path = building
  ? ':memory:'
  : resolve(/* turbopackIgnore: true */ process.env.DATABASE_PATH ?? '.data/next-app.sqlite');
if (!building) mkdirSync(dirname(path), { recursive: true });

export const db = new Database(path);
db.pragma('journal_mode = WAL');
