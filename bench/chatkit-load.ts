// Just the ChatKit handler load measurement of the server suite (200 concurrent
// conversations × 500 deltas), without the browser suites or a build:
//   node --import tsx bench/chatkit-load.ts [none|macrotask] [runs=3] [store=memory]
// store: memory, sqlite (a temp file) or postgres (a throw-away cluster from
// test-support/postgres.ts, needs Debian's postgresql package).
// Prints the ChatkitLoad JSON (medians and ranges over the runs).
import { startPostgres } from '../test-support/postgres.ts';
import { chatkitLoad } from './suites/server.ts';

const responder = process.argv[2] === 'macrotask' ? 'macrotask' : 'none';
const runs = Number(process.argv[3] ?? 3);
const store = process.argv[4] ?? 'memory';
if (!['memory', 'sqlite', 'postgres'].includes(store)) throw new Error(`unknown store ${store}`);
process.env.BENCH_STORE = store;
const cluster = store === 'postgres' ? await startPostgres() : undefined;
if (cluster) process.env.BENCH_DATABASE_URL = await cluster.createDatabase('chatkit_load');
const result = await chatkitLoad(responder, 200, 500, runs).finally(() => cluster?.stop());
const ms = (s: { median: number; min: number; max: number }) =>
  `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`;
console.log(JSON.stringify(result, null, 2));
console.log(
  `store ${store}, responder ${responder}, ${runs} runs: first event p50 ${ms(result.ttfeP50)}, p99 ${ms(result.ttfeP99)} (server side p99 ${result.serverTtfeP99 ? ms(result.serverTtfeP99) : 'n/a'}), all done ${ms(result.totalMs)}, complete ${result.complete}/${result.expected}`,
);
