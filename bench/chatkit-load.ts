// Just the ChatKit handler load measurement (200 concurrent conversations × 500
// deltas, real Better Auth JWTs), without the browser suites or a build:
//   node --import tsx bench/chatkit-load.ts [none|macrotask] [runs=3] [store=memory] [instances=1]
// store: memory, sqlite (a temp file), bare (no handler: the node:http floor) or postgres (a throw-away cluster from
// test-support/postgres.ts, needs Debian's postgresql package). instances > 1 (PostgreSQL
// only: memory and SQLite are per process) runs that many server processes behind
// bench/servers/round-robin-proxy.ts.
// BENCH_LOAD_DELTAS overrides the 500 deltas (1: the cost of the requests alone).
// Prints the ChatkitLoad JSON (medians and ranges over the runs) and a one-line summary.
import { loadavg } from 'node:os';
import { startPostgres } from '../test-support/postgres.ts';
import { betterAuthTokens, chatkitLoad, type LoadStore } from './suites/chatkit-load.ts';

const responder = process.argv[2] === 'macrotask' ? 'macrotask' : 'none';
const runs = Number(process.argv[3] ?? 3);
const store = (process.argv[4] ?? 'memory') as LoadStore;
const instances = Number(process.argv[5] ?? 1);
if (!['memory', 'sqlite', 'postgres', 'bare'].includes(store))
  throw new Error(`unknown store ${store}`);
if (instances > 1 && store !== 'postgres')
  throw new Error('several instances share threads only through PostgreSQL');
const auth = await betterAuthTokens(20);
const cluster = store === 'postgres' ? await startPostgres() : undefined;
let n = 0;
const result = await chatkitLoad({
  responder,
  store,
  instances,
  conversations: 200,
  deltas: Number(process.env.BENCH_LOAD_DELTAS ?? 500),
  runs,
  auth,
  ...(cluster ? { database: () => cluster.createDatabase(`chatkit_load_${++n}`) } : {}),
}).finally(async () => {
  await cluster?.stop();
  await auth.close();
});
const ms = (s?: { n: number; median: number; min: number; max: number }) =>
  s && s.n > 0 ? `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})` : 'n/a';
console.log(JSON.stringify(result, null, 2));
console.log(
  `store ${store}, ${instances} instance(s), responder ${responder}, ${runs} runs: first event p50 ${ms(result.ttfeP50)}, ` +
    `p99 ${ms(result.ttfeP99)} (from the common start ${ms(result.ttfeFromStartP99)}; server side request→write ${ms(result.serverTtfeP99)}, ` +
    `accept→write ${ms(result.serverAcceptP99)}; from the common start: accepted ${ms(result.acceptFromStartP99)}, written ${ms(result.writeFromStartP99)}; server CPU to first write ${ms(result.serverCpuToFirstWriteP99)}), all done ${ms(result.totalMs)}, complete ${result.complete}/${result.expected}, ` +
    `load ${result.load?.map((l) => l.toFixed(1)).join('/')} (now ${loadavg()[0]!.toFixed(1)})`,
);
