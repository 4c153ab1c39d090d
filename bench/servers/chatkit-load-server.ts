// Child process for the ChatKit load benchmark: our real handler on a store
// (BENCH_STORE: memory by default, sqlite on a temp file, or postgres on
// BENCH_DATABASE_URL) with a responder that emits N deltas as fast as it can, on a free
// loopback port. It samples its own RSS so the peak belongs to the server
// alone (the load generator runs in the parent). Prints {"port"} when ready.

import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import {
  type ChatKitStore,
  createChatKitHandler,
  createMemoryStore,
  createPostgresStore,
  createSqliteStore,
  type Responder,
} from '@chat-widget/server/chatkit';
import Database from 'better-sqlite3';
import pg from 'pg';

const deltas = Number(process.env.BENCH_DELTAS ?? 500);
// 'none': every delta is ready at once (the whole answer runs in one macrotask);
// 'macrotask': the responder waits a turn of the event loop per delta, as one fed by a socket would.
const yieldMode = process.env.BENCH_RESPONDER_YIELD ?? 'none';
const respond: Responder = async function* fast() {
  for (let i = 0; i < deltas; i++) {
    if (yieldMode === 'macrotask') await setImmediate();
    yield i === 0 ? 'Token' : ` token${i}`;
  }
};
async function openStore(kind: string): Promise<ChatKitStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-load-'));
    return createSqliteStore(new Database(join(dir, 'chat.db')));
  }
  if (kind === 'postgres') {
    const url = process.env.BENCH_DATABASE_URL;
    if (!url) throw new Error('BENCH_STORE=postgres needs BENCH_DATABASE_URL');
    return createPostgresStore(new pg.Pool({ connectionString: url, max: 20 }));
  }
  return createMemoryStore();
}
const store = await openStore(process.env.BENCH_STORE ?? 'memory');
const handler = createChatKitHandler({ store, respond, onError: () => {} });

const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10).unref();

// Server-side time to first event: request event → first body write, so a
// slow load generator can be told apart from a slow server.
let firstWrites: number[] = [];
const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ baselineRss, peakRss, firstWrites }));
    firstWrites = [];
    return;
  }
  const arrived = performance.now();
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    res.write = write as typeof res.write;
    firstWrites.push(performance.now() - arrived);
    return write(...args);
  }) as typeof res.write;
  const userId = String(req.headers['x-user'] ?? 'load-user');
  void handler.node(req, res, { userId });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
