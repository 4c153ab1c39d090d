// Just the ChatKit handler load measurement of the server suite (200 concurrent
// conversations × 500 deltas), without the browser suites or a build:
//   node --import tsx bench/chatkit-load.ts [none|macrotask] [runs=3] [store=memory]
// Prints the ChatkitLoad JSON (medians and ranges over the runs).
import { chatkitLoad } from './suites/server.ts';

const responder = process.argv[2] === 'macrotask' ? 'macrotask' : 'none';
const runs = Number(process.argv[3] ?? 3);
const result = await chatkitLoad(responder, 200, 500, runs);
const ms = (s: { median: number; min: number; max: number }) =>
  `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`;
console.log(JSON.stringify(result, null, 2));
console.log(
  `responder ${responder}, ${runs} runs: first event p50 ${ms(result.ttfeP50)}, p99 ${ms(result.ttfeP99)}, all done ${ms(result.totalMs)}, complete ${result.complete}/${result.expected}`,
);
