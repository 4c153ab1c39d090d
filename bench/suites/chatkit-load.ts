// 7. The ChatKit handler under load (issue 14, fair streaming): 200 concurrent
// conversations × 500 deltas against our real handler in its own process(es), with
// real Better Auth JWTs verified per request. Stores: memory, SQLite (a temp file)
// and PostgreSQL (a throw-away cluster from test-support/postgres.ts); one instance,
// and two instances on the shared PostgreSQL behind a plain round-robin proxy
// (bench/servers/round-robin-proxy.ts). Memory and SQLite are single-instance by
// nature (each process would have its own threads), so they run once.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startAuthServer } from '../../test-support/better-auth.ts';
import { type PostgresCluster, startPostgres } from '../../test-support/postgres.ts';
import { benchDir, rootDir } from '../lib/peers.ts';
import { percentile, type Summary, summarize } from '../lib/stats.ts';

/** The goal of issue 14: first event's p99 with a never-yielding responder. */
export const TTFE_P99_GOAL_MS = 100;

/**
 * `bare`: not our handler but the floor under it, plain node:http sending an SSE reply of the
 * same shape with no auth, store or validation (bench/servers/chatkit-load-server.ts, bareReply).
 */
export type LoadStore = 'memory' | 'sqlite' | 'postgres' | 'bare';

export interface ChatkitLoad {
  /** How the responder produces its deltas: all at once, or one per event-loop turn. */
  responder: 'none' | 'macrotask';
  /** The handler's store (each instance its own memory/SQLite; PostgreSQL shared). */
  store?: LoadStore;
  /** Server processes; more than one sit behind a round-robin proxy. */
  instances?: number;
  /** How requests authenticate: a Better Auth JWT verified per request, or an `x-user` header. */
  auth?: 'better-auth' | 'x-user';
  conversations: number;
  deltas: number;
  runs: number;
  /** Per conversation: its connection established → first `data:` chunk; p50/p99 per run. */
  ttfeP50: Summary;
  ttfeP99: Summary;
  /** Per conversation from the common start (all requests issued at once), p99 per run. */
  ttfeFromStartP99?: Summary;
  /** Server-side time to first event (request event → first body write), p99 per run. */
  serverTtfeP99?: Summary;
  /** Server-side, connection accepted → first body write, p99 per run. */
  serverAcceptP99?: Summary;
  /** Common start → the server accepted the connection (clocks lined up), p99 per run. */
  acceptFromStartP99?: Summary;
  /** Common start → the server's first body write (clocks lined up), p99 per run. */
  writeFromStartP99?: Summary;
  /**
   * Server CPU time (user + system) from the burst's first accepted connection to each
   * conversation's first write, p99 per run (per instance, then the larger): the latency a
   * dedicated core would show, whatever else the shared machine is doing. Only with
   * BENCH_DEBUG_LOAD set: the readings are syscalls in the very burst being measured.
   */
  serverCpuToFirstWriteP99?: Summary;
  totalMs: Summary;
  /** The same for the first burst a fresh server process meets (cold JIT), p50/p99 per run. */
  coldTtfeP50?: Summary;
  coldTtfeP99?: Summary;
  coldTotalMs?: Summary;
  peakRssMB: Summary;
  baselineRssMB: Summary;
  complete: number;
  expected: number;
  /** Load average (1 min) when each run ended. */
  load?: number[];
  error?: string;
}

async function startChild(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    // BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the server processes.
    [
      ...(script.includes('load-server')
        ? (process.env.BENCH_SERVER_NODE_ARGS?.split(' ') ?? [])
        : []),
      '--import',
      'tsx',
      join(benchDir, script),
    ],
    {
      cwd: rootDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    const [line] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${script} exited with ${code} before it was ready`);
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${script} did not start in 30 s`)), 30_000);
      }),
    ])) as [string];
    return { child, port: (JSON.parse(line) as { port: number }).port };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

interface StreamSample {
  /** Connection established → first `data:` chunk. */
  ttfe: number;
  /** Common start → first `data:` chunk. */
  fromStart: number;
  total: number;
  /** The response as received (parsed after the run). */
  raw: Buffer;
}

interface Target {
  port: number;
  /** `authorization` header value, or the `x-user` header's. */
  auth: { authorization: string } | { 'x-user': string };
}

const DELTA_MARKER = Buffer.from('"assistant_message.content_part.text_delta"');
const DATA = Buffer.from('data:');

/** Status code and de-chunked body of a complete raw HTTP/1.1 response. */
export function parseResponse(raw: Buffer): { status: number; body: Buffer } {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return { status: 0, body: Buffer.alloc(0) };
  const head = raw.subarray(0, headEnd).toString('latin1');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  let rest = raw.subarray(headEnd + 4);
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return { status, body: rest };
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) break;
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
  return { status, body: Buffer.concat(parts) };
}

function count(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/**
 * One conversation over a raw socket (HTTP/1.1, `Connection: close`): the load
 * generator shares the two cores with the server, so it only timestamps the first
 * bytes holding `data:` and keeps the rest; parsing waits until every stream ended.
 */
function conversation(target: Target, t0: number): Promise<StreamSample> {
  const body = JSON.stringify({
    type: 'threads.create',
    params: {
      input: {
        content: [{ type: 'input_text', text: 'Go' }],
        attachments: [],
        inference_options: {},
      },
    },
  });
  const [authName, authValue] = Object.entries(target.auth)[0]!;
  const head =
    `POST /chatkit HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nConnection: close\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `${authName}: ${authValue}\r\n\r\n`;
  return new Promise((resolve) => {
    let connected = Number.NaN;
    let first = Number.NaN;
    const chunks: Buffer[] = [];
    const socket = connect(target.port, '127.0.0.1', () => {
      connected = performance.now();
      socket.write(head + body);
    });
    socket.on('data', (chunk: Buffer) => {
      if (Number.isNaN(first) && chunk.includes(DATA)) first = performance.now();
      chunks.push(chunk);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const total = performance.now() - t0;
      resolve({
        ttfe: first - connected,
        fromStart: first - t0,
        total,
        raw: Buffer.concat(chunks),
      });
    });
  });
}

/** Whether a finished conversation got a 200 and every delta. */
function completed(sample: StreamSample, deltas: number): boolean {
  const { status, body } = parseResponse(sample.raw);
  return status === 200 && count(body, DELTA_MARKER) === deltas;
}

interface ServerStats {
  baselineRss: number;
  peakRss: number;
  firstWrites: number[];
  acceptToFirstWrites: number[];
  acceptClock: number[];
  firstWriteClock: number[];
  acceptCpu: number[];
  firstWriteCpu: number[];
}

function serverStats(port: number, agent: Agent): Promise<ServerStats> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/__stats', agent }, (res) => {
      let s = '';
      res.on('data', (c) => {
        s += c;
      });
      res.on('end', () => resolve(JSON.parse(s) as ServerStats));
    })
      .on('error', reject)
      .end();
  });
}

export interface LoadSetup {
  responder: ChatkitLoad['responder'];
  store: LoadStore;
  /** Server processes (default 1); two or more sit behind bench/servers/round-robin-proxy.ts. */
  instances?: number;
  conversations: number;
  deltas: number;
  runs: number;
  /** Better Auth: its origin and one JWT per user (conversation i uses token i mod length). */
  auth?: { origin: string; tokens: string[] };
  /** A fresh PostgreSQL database URL per run (store 'postgres'). */
  database?: () => Promise<string>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit').catch(() => {});
}

export async function chatkitLoad(setup: LoadSetup): Promise<ChatkitLoad> {
  const { responder, store, conversations, deltas, runs } = setup;
  const instances = setup.instances ?? 1;
  const p50: number[] = [];
  const p99: number[] = [];
  const fromStartP99: number[] = [];
  const serverP99: number[] = [];
  const acceptP99: number[] = [];
  const acceptFromStart: number[] = [];
  const writeFromStart: number[] = [];
  const cpuToWrite: number[] = [];
  const totals: number[] = [];
  const coldP50: number[] = [];
  const coldP99: number[] = [];
  const coldTotals: number[] = [];
  const peaks: number[] = [];
  const baselines: number[] = [];
  const load: number[] = [];
  let complete = 0;
  const authFor = (i: number): Target['auth'] =>
    setup.auth
      ? { authorization: `Bearer ${setup.auth.tokens[i % setup.auth.tokens.length]}` }
      : { 'x-user': `user-${i % 20}` };
  for (let run = 0; run < runs; run++) {
    const env: Record<string, string> = {
      BENCH_DELTAS: String(deltas),
      BENCH_RESPONDER_YIELD: responder,
      BENCH_STORE: store,
      ...(setup.auth ? { BENCH_AUTH_ORIGIN: setup.auth.origin } : {}),
    };
    if (store === 'postgres') {
      if (!setup.database) throw new Error('store postgres needs a database');
      env.BENCH_DATABASE_URL = await setup.database();
    }
    const children: ChildProcess[] = [];
    const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    try {
      const servers: number[] = [];
      // Started one after the other: the second instance's migrations find the first's done.
      for (let i = 0; i < instances; i++) {
        const started = await startChild('servers/chatkit-load-server.ts', env);
        children.push(started.child);
        servers.push(started.port);
      }
      let port = servers[0]!;
      if (instances > 1) {
        const proxy = await startChild('servers/round-robin-proxy.ts', {
          BENCH_UPSTREAMS: servers.join(','),
        });
        children.push(proxy.child);
        port = proxy.port;
      }
      // Warm-up: one conversation per instance (JIT, JWKS download, the store's first
      // queries), then one through the proxy; the stats call resets the servers' counters.
      for (const p of servers) await conversation({ port: p, auth: authFor(0) }, 0);
      if (instances > 1) await conversation({ port, auth: authFor(0) }, 0);
      for (const p of servers) await serverStats(p, agent);
      const burst = async () => {
        const start = performance.now();
        const taken = await Promise.all(
          Array.from({ length: conversations }, (_, i) =>
            conversation({ port, auth: authFor(i) }, start),
          ),
        );
        complete += taken.filter((s) => completed(s, deltas)).length;
        return { t0: start, samples: taken, total: performance.now() - start };
      };
      // The first burst meets a fresh process (its code not yet optimised by the JIT): kept
      // as the cold figures. The second, on the same process, is the steady state a server
      // that has been up for a while shows: the headline figures.
      const cold = await burst();
      coldP50.push(
        percentile(
          cold.samples.map((s) => s.ttfe),
          0.5,
        ),
      );
      coldP99.push(
        percentile(
          cold.samples.map((s) => s.ttfe),
          0.99,
        ),
      );
      coldTotals.push(cold.total);
      for (const p of servers) await serverStats(p, agent);
      const { t0, samples, total } = await burst();
      totals.push(total);
      p50.push(
        percentile(
          samples.map((s) => s.ttfe),
          0.5,
        ),
      );
      p99.push(
        percentile(
          samples.map((s) => s.ttfe),
          0.99,
        ),
      );
      fromStartP99.push(
        percentile(
          samples.map((s) => s.fromStart),
          0.99,
        ),
      );
      const stats = await Promise.all(servers.map((p) => serverStats(p, agent)));
      serverP99.push(
        percentile(
          stats.flatMap((s) => s.firstWrites),
          0.99,
        ),
      );
      acceptP99.push(
        percentile(
          stats.flatMap((s) => s.acceptToFirstWrites),
          0.99,
        ),
      );
      const clock0 = performance.timeOrigin + t0;
      const fromStart = (clocks: (s: ServerStats) => number[]) =>
        percentile(
          stats.flatMap((s) => clocks(s).map((c) => c - clock0)),
          0.99,
        );
      acceptFromStart.push(fromStart((s) => s.acceptClock));
      if (process.env.BENCH_DEBUG_LOAD) {
        const deciles = (v: number[]) =>
          [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1]
            .map((q) => Math.round(percentile(v, q)))
            .join(' ');
        console.error(
          'accepted',
          deciles(stats.flatMap((s) => s.acceptClock.map((c) => c - clock0))),
        );
        console.error(
          'written ',
          deciles(stats.flatMap((s) => s.firstWriteClock.map((c) => c - clock0))),
        );
        console.error(
          'cpu written',
          deciles(stats.flatMap((s) => s.firstWriteCpu.map((c) => c - Math.min(...s.acceptCpu)))),
        );
        console.error('client first', deciles(samples.map((s) => s.fromStart)));
        console.error('client ttfe ', deciles(samples.map((s) => s.ttfe)));
        console.error('client connected', deciles(samples.map((s) => s.fromStart - s.ttfe)));
      }
      writeFromStart.push(fromStart((s) => s.firstWriteClock));
      cpuToWrite.push(
        Math.max(
          ...stats.map((s) => {
            const first = Math.min(...s.acceptCpu);
            return percentile(
              s.firstWriteCpu.map((c) => c - first),
              0.99,
            );
          }),
        ),
      );
      // RSS of all instances together.
      peaks.push(stats.reduce((sum, s) => sum + s.peakRss, 0) / 2 ** 20);
      baselines.push(stats.reduce((sum, s) => sum + s.baselineRss, 0) / 2 ** 20);
      load.push(loadavg()[0]!);
    } finally {
      agent.destroy();
      for (const child of children.reverse()) await stopChild(child);
    }
  }
  return {
    responder,
    store,
    instances,
    auth: setup.auth ? 'better-auth' : 'x-user',
    conversations,
    deltas,
    runs,
    ttfeP50: summarize(p50),
    ttfeP99: summarize(p99),
    ttfeFromStartP99: summarize(fromStartP99),
    serverTtfeP99: summarize(serverP99),
    serverAcceptP99: summarize(acceptP99),
    acceptFromStartP99: summarize(acceptFromStart),
    writeFromStartP99: summarize(writeFromStart),
    serverCpuToFirstWriteP99: summarize(cpuToWrite),
    totalMs: summarize(totals),
    coldTtfeP50: summarize(coldP50),
    coldTtfeP99: summarize(coldP99),
    coldTotalMs: summarize(coldTotals),
    peakRssMB: summarize(peaks),
    baselineRssMB: summarize(baselines),
    complete,
    expected: 2 * conversations * runs,
    load,
  };
}

export interface ChatkitLoadResults {
  goalMs: number;
  variants: ChatkitLoad[];
}

/** Better Auth in this process: `users` signed-up users and one JWT each (an hour long). */
export async function betterAuthTokens(users: number) {
  const server = await startAuthServer({ jwtExpiresIn: 3600 });
  const tokens: string[] = [];
  for (let i = 0; i < users; i++) tokens.push(await server.token(await server.signUp()));
  return { origin: server.origin, tokens, close: () => server.close() };
}

/** The variants `npm run bench` measures, in order. */
export const VARIANTS: Array<
  Pick<LoadSetup, 'responder' | 'store' | 'instances'> & { deltas?: number }
> = [
  { responder: 'none', store: 'memory', instances: 1 },
  { responder: 'none', store: 'sqlite', instances: 1 },
  { responder: 'none', store: 'postgres', instances: 1 },
  { responder: 'none', store: 'postgres', instances: 2 },
  { responder: 'macrotask', store: 'memory', instances: 1 },
  // References, not our handler: plain node:http streaming the same reply without fair
  // slicing, and plain node:http answering one event (the floor of this machine).
  { responder: 'none', store: 'bare', instances: 1 },
  { responder: 'none', store: 'bare', instances: 1, deltas: 1 },
];

const failed = (
  variant: (typeof VARIANTS)[number],
  conversations: number,
  deltas: number,
  error: unknown,
): ChatkitLoad => {
  const nan = summarize([]);
  return {
    ...variant,
    conversations,
    deltas,
    runs: 0,
    ttfeP50: nan,
    ttfeP99: nan,
    totalMs: nan,
    peakRssMB: nan,
    baselineRssMB: nan,
    complete: 0,
    expected: 0,
    error: (error as Error).message,
  };
};

export async function runChatkitLoad(quick: boolean): Promise<ChatkitLoadResults> {
  const conversations = 200;
  const deltas = 500;
  const runs = quick ? 1 : 3;
  const auth = await betterAuthTokens(20);
  let cluster: PostgresCluster | undefined;
  let clusterError: unknown;
  let databases = 0;
  const variants: ChatkitLoad[] = [];
  try {
    for (const variant of VARIANTS) {
      try {
        if (variant.store === 'postgres' && !cluster && !clusterError) {
          cluster = await startPostgres().catch((error: unknown) => {
            clusterError = error;
            return undefined;
          });
        }
        if (variant.store === 'postgres' && !cluster) throw clusterError;
        variants.push(
          await chatkitLoad({
            conversations,
            deltas,
            ...variant,
            runs,
            auth,
            database: () => cluster!.createDatabase(`chatkit_load_${++databases}`),
          }),
        );
      } catch (error) {
        variants.push(failed(variant, conversations, deltas, error));
      }
    }
  } finally {
    await cluster?.stop();
    await auth.close();
  }
  return { goalMs: TTFE_P99_GOAL_MS, variants };
}
