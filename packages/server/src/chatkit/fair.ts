// Fair streaming: a responder whose outputs are all ready at once (an async
// generator that never awaits anything slow) would run its whole answer in
// microtasks, and no other connection could even be accepted until it ended.
// A turn therefore works in slices and yields between them.
//
// Why the rounds must stay short: Node (libuv ≥ 1.45) accepts ONE new connection
// per event-loop iteration, so a burst of N connections needs N iterations before
// the last one is even read. An iteration that lets every running turn do a slice
// costs (turns × slice) and makes the Nth connection wait N times that.
//
// So the turns share one run queue, served first-in first-out: once per
// iteration (a `setImmediate`) a round starts and resumes the turn at the head;
// a turn that yields while the round still has budget hands the round on to the
// next one; once the round's budget is spent the rest wait for the next
// iteration, after the event loop has polled (accepted a connection, read
// requests, written sockets). While requests are arriving the budget drops to
// BURST_ROUND_MS (about one output per iteration), and while they keep arriving (one
// since the last round) a round starts at most every BURST_ROUND_GAP_MS: a round costs
// more than its budget (the socket writes and the garbage of its events come after
// it), so in a burst most iterations run no round at all and do nothing but accept and
// answer new requests. A burst of new conversations is thus served almost as fast as
// an idle server would, and the running streams get the time back once it is over.

/** Most responder outputs handled in one slice. */
export const SLICE_OUTPUTS = 64;
/** Most milliseconds one turn spends in one slice. */
export const SLICE_MS = 2;
/** Most milliseconds all turns together spend in one event-loop iteration. */
export const ROUND_MS = 4;
/** The same while requests are arriving (one came in within the last BURST_ROUNDS rounds). */
export const BURST_ROUND_MS = 0.1;
/**
 * While requests keep arriving (one since the last round began), the least time from
 * one round's start to the next.
 */
export const BURST_ROUND_GAP_MS = 2;
/**
 * How many rounds after a request's arrival keep the burst budget. Counted in rounds,
 * not milliseconds: during a burst a connection is accepted every iteration.
 */
export const BURST_ROUNDS = 16;

type Schedule = (resume: () => void) => void;

// setImmediate runs after pending I/O (Node, Bun, Deno); elsewhere a 0 ms timer.
const schedule: Schedule =
  typeof globalThis.setImmediate === 'function'
    ? (resume) => void globalThis.setImmediate(resume)
    : (resume) => void setTimeout(resume, 0);

/** Lets every other task waiting for the event loop run once. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => schedule(resolve));

const now = () => performance.now();

// The current round: started by the pump (or by the first tick after a pass of
// the event loop) and ended by the next pump, one iteration later.
let roundStarted: number | undefined;
let round = 0;
let arrivalRound = Number.NEGATIVE_INFINITY;
/** When the pump last started a round. */
let lastRoundAt = Number.NEGATIVE_INFINITY;

/**
 * Tells the scheduler a request just arrived: for the next BURST_ROUNDS rounds,
 * rounds use the burst budget so the event loop turns (and accepts connections) quickly.
 */
export function noteArrival(): void {
  arrivalRound = round;
}

const inBurst = () => round - arrivalRound <= BURST_ROUNDS;
const roundBudget = () => (inBurst() ? BURST_ROUND_MS : ROUND_MS);
/** Turns waiting to be resumed, oldest first. */
const waiting: Array<{ slicer: Slicer; resume: () => void }> = [];
/** The turn the round was handed to, until it yields (or the next pump, if it never does). */
let holder: Slicer | undefined;
let pumpQueued = false;

function resumeNext(): void {
  const next = waiting.shift();
  holder = next?.slicer;
  next?.resume();
}

function beginRound(time: number): void {
  roundStarted = time;
  round++;
  if (!pumpQueued) {
    pumpQueued = true;
    schedule(pump);
  }
}

/** Once per iteration: ends the round; starts the next with the oldest waiting turn. */
function pump(): void {
  pumpQueued = false;
  roundStarted = undefined;
  // A holder that awaited real I/O (or ended) instead of yielding lost the round.
  holder = undefined;
  if (!waiting.length) return;
  const time = now();
  if (arrivalRound === round && time - lastRoundAt < BURST_ROUND_GAP_MS) {
    // A request arrived since the last round began: this iteration is the requests';
    // the turns wait for a later one. (Only then: a lone request now and then costs the
    // streams one short pause, not the whole burst budget.)
    pumpQueued = true;
    schedule(pump);
    return;
  }
  lastRoundAt = time;
  beginRound(time);
  resumeNext();
}

function roundElapsed(time: number): number {
  if (roundStarted === undefined) beginRound(time);
  return time - (roundStarted as number);
}

/** Whether the current round still has budget for another turn's slice. */
const roundHasBudget = (time: number) =>
  roundStarted !== undefined && time - roundStarted < roundBudget();

export interface Slicer {
  /**
   * Counts one unit of work just done; returns a promise (a yield) when the
   * slice or the round is spent, else undefined so the caller need not await.
   */
  tick(): Promise<void> | undefined;
  /** Joins the end of the run queue; resolves when it is this turn's slice again. */
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
        // A new round since our last tick (say the responder awaited real I/O):
        // a fresh slice, no forced yield.
        sliceRound = round;
        count = 0;
        started = time;
      }
      count++;
      if (count < SLICE_OUTPUTS && time - started < SLICE_MS && elapsed < roundBudget()) {
        return undefined;
      }
      return slicer.yield();
    },
    yield() {
      const resumed = new Promise<void>((resolve) => waiting.push({ slicer, resume: resolve }));
      if (holder === slicer) holder = undefined;
      if (!holder && roundHasBudget(now())) {
        // Hand the round on to the oldest waiting turn (maybe this one). While another
        // turn holds it, this one just queues: the holder hands on when it yields.
        resumeNext();
      } else if (!pumpQueued) {
        pumpQueued = true;
        schedule(pump);
      }
      return resumed.then(() => {
        count = 0;
        started = now();
        sliceRound = round;
      });
    },
  };
  return slicer;
}
