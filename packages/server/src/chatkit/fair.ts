// Fair streaming: a responder whose outputs are all ready at once (an async
// generator that never awaits anything slow) would run its whole answer in
// microtasks, and no other connection could even be accepted until it ended.
// A turn therefore works in slices and yields one macrotask turn between them,
// so requests, other streams and timers get the event loop in between.
//
// Two budgets: a slice ends after SLICE_OUTPUTS outputs or SLICE_MS; and all
// turns share a round (one pass of the event loop): once the round has spent
// ROUND_MS, every turn yields after its next output. A round thus stays short
// however many streams are running, and each stream still moves every round.

/** Most responder outputs handled in one slice. */
export const SLICE_OUTPUTS = 64;
/** Most milliseconds one turn spends in one slice. */
export const SLICE_MS = 2;
/** Most milliseconds all turns together spend before the event loop gets a pass. */
export const ROUND_MS = 4;

type Schedule = (resume: () => void) => void;

// setImmediate runs after pending I/O (Node, Bun, Deno); elsewhere a 0 ms timer.
const schedule: Schedule =
  typeof globalThis.setImmediate === 'function'
    ? (resume) => void globalThis.setImmediate(resume)
    : (resume) => void setTimeout(resume, 0);

/** Lets every other task waiting for the event loop run once. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => schedule(resolve));

const now = () => performance.now();

// The current round: starts with the first tick after a pass of the event
// loop; its end is queued ahead of every turn that yields during it.
let roundStarted: number | undefined;
let round = 0;
function roundElapsed(time: number): number {
  if (roundStarted === undefined) {
    roundStarted = time;
    round++;
    schedule(() => {
      roundStarted = undefined;
    });
  }
  return time - roundStarted;
}

export interface Slicer {
  /**
   * Counts one unit of work just done; returns a promise (a yield) when the
   * slice or the round is spent, else undefined so the caller need not await.
   */
  tick(): Promise<void> | undefined;
  /** Yields now and starts a fresh slice. */
  yield(): Promise<void>;
}

export function createSlicer(): Slicer {
  let count = 0;
  let started = now();
  let sliceRound = round;
  const slicer: Slicer = {
    tick() {
      const time = now();
      const elapsed = roundElapsed(time);
      if (sliceRound !== round) {
        // The event loop had a pass since our last tick (say the responder
        // awaited real I/O): a fresh slice, no forced yield.
        sliceRound = round;
        count = 0;
        started = time;
      }
      count++;
      if (count < SLICE_OUTPUTS && time - started < SLICE_MS && elapsed < ROUND_MS) {
        return undefined;
      }
      return slicer.yield();
    },
    async yield() {
      await yieldToEventLoop();
      count = 0;
      started = now();
    },
  };
  return slicer;
}
