// Fair streaming, the run queue (fair.ts): Node accepts one new connection per
// event-loop iteration, so an iteration must not run a slice of every stream.
// These tests count responder outputs per event-loop iteration (a 0 ms timer
// marks each pass through the timers phase); each output burns 1 ms of CPU, so
// the round budget is spent after a known number of outputs on any machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BURST_ROUND_GAP_MS,
  BURST_ROUND_MS,
  createSlicer,
  noteArrival,
  ROUND_MS,
} from '../src/chatkit/fair.ts';

const burn = (ms: number) => {
  const start = performance.now();
  while (performance.now() - start < ms) {
    /* a responder output that costs CPU */
  }
};

/** Runs `turns` never-yielding turns of `outputs` outputs; returns [turn, iteration] per output. */
async function run(turns: number, outputs: number, beforeEach?: () => void) {
  let iteration = 0;
  let running = true;
  const probe = () => {
    iteration++;
    if (running) setTimeout(probe, 0);
  };
  setTimeout(probe, 0);
  const log: Array<[turn: number, iteration: number]> = [];
  await Promise.all(
    Array.from({ length: turns }, async (_, turn) => {
      const slicer = createSlicer();
      await slicer.yield();
      for (let i = 0; i < outputs; i++) {
        beforeEach?.();
        burn(1);
        log.push([turn, iteration]);
        const yielded = slicer.tick();
        if (yielded) await yielded;
      }
    }),
  );
  running = false;
  return log;
}

const mostPerIteration = (log: Array<[number, number]>) => {
  const counts = new Map<number, number>();
  for (const [, iteration] of log) counts.set(iteration, (counts.get(iteration) ?? 0) + 1);
  return Math.max(...counts.values());
};

test('an event-loop iteration runs at most one round budget of work, however many turns run', async () => {
  const log = await run(12, 8);
  assert.equal(log.length, 96);
  // 1 ms per output: a round is spent after ROUND_MS outputs (one more may start as it ends).
  const most = mostPerIteration(log);
  assert.ok(
    most <= ROUND_MS + 1,
    `${most} outputs ran in one iteration (budget ${ROUND_MS} ms, 12 turns waiting)`,
  );
});

test('turns take the round in order: none gets a second slice before every turn had its first', async () => {
  const log = await run(8, 6);
  const firstOutput = new Map<number, number>();
  log.forEach(([turn], at) => {
    if (!firstOutput.has(turn)) firstOutput.set(turn, at);
  });
  const everyTurnStarted = Math.max(...firstOutput.values());
  // A slice is at most 2 ms here (SLICE_MS), so at most two outputs per turn before all started.
  for (let turn = 0; turn < 8; turn++) {
    const before = log.slice(0, everyTurnStarted).filter(([t]) => t === turn).length;
    assert.ok(before <= 2, `turn ${turn} had ${before} outputs before every turn had one`);
  }
});

test('while requests arrive, an iteration runs about one output so the loop turns quickly', async () => {
  // Each output here is a request arriving too (noteArrival, as the handler does per request).
  const log = await run(12, 4, noteArrival);
  const most = mostPerIteration(log);
  assert.ok(BURST_ROUND_MS < 1);
  assert.ok(most <= 2, `${most} outputs ran in one iteration during a burst of arrivals`);
});

test('while requests arrive, most iterations run no turn at all (a round at most every BURST_ROUND_GAP_MS)', async () => {
  // Iterations counted by a setImmediate probe (the check phase, once per iteration).
  let iteration = 0;
  let running = true;
  const probe = () => {
    iteration++;
    if (running) setImmediate(probe);
  };
  setImmediate(probe);
  const outputsAt: number[] = [];
  const turns = 6;
  const outputs = 4;
  await Promise.all(
    Array.from({ length: turns }, async () => {
      const slicer = createSlicer();
      await slicer.yield();
      for (let i = 0; i < outputs; i++) {
        noteArrival(); // a request arrives with every output: the burst never ends
        burn(0.5);
        outputsAt.push(iteration);
        const yielded = slicer.tick();
        if (yielded) await yielded;
      }
    }),
  );
  running = false;
  const spanned = Math.max(...outputsAt) - Math.min(...outputsAt) + 1;
  const busy = new Set(outputsAt).size;
  assert.equal(outputsAt.length, turns * outputs);
  // Each round costs 0.5 ms of its 2 ms gap: the iterations between rounds run no output.
  assert.ok(BURST_ROUND_GAP_MS > BURST_ROUND_MS);
  assert.ok(
    spanned >= 2 * busy,
    `${busy} of ${spanned} iterations ran turns during a burst (expected at most half)`,
  );
});
