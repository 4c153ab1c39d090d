// Child process for the ChatKit load benchmark: our real handler on a store
// (BENCH_STORE: memory by default, sqlite on a temp file, or postgres on
// BENCH_DATABASE_URL) with a responder that emits N deltas as fast as it can, on a free
// loopback port. With BENCH_AUTH_ORIGIN set, every request must carry a Better Auth JWT
// (verified by createJwksVerifier against `${origin}/api/auth/jwks`, iss = aud = origin);
// without it the user is the `x-user` header. It samples its own RSS so the peak belongs
// to the server alone (the load generator runs in the parent). Prints {"port"} when ready.

import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as setImmediateCallback } from 'node:timers';
import { setImmediate } from 'node:timers/promises';
import { createJwksVerifier, sendAuthError } from '@chat-widget/server/auth';
import {
  type ChatKitStore,
  createChatKitHandler,
  createMemoryStore,
  createMemoryTurnLog,
  createPostgresStore,
  createPostgresTurnLog,
  createSqliteStore,
  type Responder,
  type TurnLog,
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
// The turn log (resumable replies) is on as in the demo: in memory beside memory and
// SQLite, in PostgreSQL (shared by the instances) beside PostgreSQL. BENCH_TURN_LOG=off
// measures without it.
async function openStore(kind: string): Promise<{ store: ChatKitStore; turnLog?: TurnLog }> {
  const withLog = process.env.BENCH_TURN_LOG !== 'off';
  if (kind === 'postgres') {
    const url = process.env.BENCH_DATABASE_URL;
    if (!url) throw new Error('BENCH_STORE=postgres needs BENCH_DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url, max: 20 });
    const store = await createPostgresStore(pool);
    return withLog ? { store, turnLog: await createPostgresTurnLog(pool) } : { store };
  }
  const store =
    kind === 'sqlite'
      ? createSqliteStore(
          new Database(join(mkdtempSync(join(tmpdir(), 'chatkit-load-')), 'chat.db')),
        )
      : createMemoryStore();
  return withLog ? { store, turnLog: createMemoryTurnLog() } : { store };
}
// BENCH_STORE=bare: no handler at all, the floor any Node server starts from (see bareReply).
const bare = process.env.BENCH_STORE === 'bare';
const { store, turnLog } = await openStore(bare ? 'memory' : (process.env.BENCH_STORE ?? 'memory'));
const handler = createChatKitHandler({
  store,
  respond,
  onError: () => {},
  ...(turnLog ? { turnLog } : {}),
});
const authOrigin = process.env.BENCH_AUTH_ORIGIN;
const verifier = authOrigin
  ? createJwksVerifier({
      jwksUrl: `${authOrigin}/api/auth/jwks`,
      issuer: authOrigin,
      audience: authOrigin,
    })
  : undefined;

const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
// rss() alone: memoryUsage() also gathers V8 heap statistics, every 10 ms.
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 10).unref();

// Server-side time to first event, from the request event and from the accepted
// connection to the first body write, so a slow load generator (or a proxy in
// front) can be told apart from a slow server.
let firstWrites: number[] = [];
let acceptToFirstWrites: number[] = [];
/** Wall-clock times (performance.timeOrigin + now) of accepts and first writes, to line up with the client's. */
let acceptClock: number[] = [];
let firstWriteClock: number[] = [];
// The same on the process's CPU clock (user + system ms): on a shared, loaded machine
// the process is often descheduled, and CPU time shows what a dedicated core would see.
let acceptCpu: number[] = [];
let firstWriteCpu: number[] = [];
// Only with BENCH_DEBUG_LOAD: a getrusage call per accept and per first write is a
// syscall each, measurable in the very burst being measured.
const cpuClock = Boolean(process.env.BENCH_DEBUG_LOAD);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const acceptedAt = new WeakMap<Socket, number>();
const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        baselineRss,
        peakRss,
        firstWrites,
        acceptToFirstWrites,
        acceptClock,
        firstWriteClock,
        acceptCpu,
        firstWriteCpu,
      }),
    );
    firstWrites = [];
    acceptToFirstWrites = [];
    acceptClock = [];
    firstWriteClock = [];
    acceptCpu = [];
    firstWriteCpu = [];
    return;
  }
  const arrived = performance.now();
  const accepted = acceptedAt.get(req.socket) ?? arrived;
  // A kept-alive connection (from a proxy) serves many requests: later ones start on arrival.
  acceptedAt.delete(req.socket);
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    res.write = write as typeof res.write;
    const now = performance.now();
    firstWrites.push(now - arrived);
    acceptToFirstWrites.push(now - accepted);
    firstWriteClock.push(performance.timeOrigin + now);
    if (cpuClock) firstWriteCpu.push(cpuMs());
    return write(...args);
  }) as typeof res.write;
  if (bare) {
    bareReply(req, res);
    return;
  }
  if (!verifier) {
    void handler.node(req, res, { userId: String(req.headers['x-user'] ?? 'load-user') });
    return;
  }
  verifier.verifyRequest(req).then(
    (auth) => handler.node(req, res, { userId: auth.sub, claims: auth.claims }),
    (error: unknown) => sendAuthError(res, error, verifier.realm),
  );
});
server.on('connection', (socket: Socket) => {
  const now = performance.now();
  acceptedAt.set(socket, now);
  acceptClock.push(performance.timeOrigin + now);
  if (cpuClock) acceptCpu.push(cpuMs());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/**
 * The reference floor: plain node:http reading the same request and sending an SSE reply of
 * the same shape (the first event at once, then the deltas 64 per event-loop turn), with
 * no auth, store, validation or turn log. What is left of a p99 here is Node and the machine.
 */
function bareReply(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(
      `data: ${JSON.stringify({ type: 'thread.created', thread: { id: 'thr_bare' } })}\n\n`,
    );
    let sent = 0;
    const slice = () => {
      let text = '';
      for (const end = Math.min(deltas, sent + 64); sent < end; sent++) {
        const event = {
          type: 'thread.item.updated',
          item_id: 'msg_bare',
          update: {
            type: 'assistant_message.content_part.text_delta',
            content_index: 0,
            delta: ` token${sent}`,
          },
        };
        text += `data: ${JSON.stringify(event)}\n\n`;
      }
      res.write(text);
      if (sent < deltas) setImmediateCallback(slice);
      else res.end();
    };
    setImmediateCallback(slice);
  });
}
