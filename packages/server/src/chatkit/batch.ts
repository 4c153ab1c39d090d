// Fewer, bigger writes: a turn's events of one slice go out together. A responder
// that never waits produces a whole slice in microtasks (fair.ts); one flush after
// them turns its events into one turn-log append (one reader wake-up) and one
// socket write, instead of one of each per delta.

type Defer = (run: () => void) => void;

const nextTick = (globalThis as { process?: { nextTick?: (run: () => void) => void } }).process
  ?.nextTick;

/**
 * Runs `run` once the current task and its microtasks are over: Node's (and Bun's,
 * Deno's) `process.nextTick`, queued from a microtask, runs after the microtask queue
 * drained, that is after the slice. Elsewhere a microtask (a flush per step: correct,
 * only less batched).
 */
const afterMicrotasks: Defer =
  typeof nextTick === 'function' ? (run) => nextTick(run) : (run) => queueMicrotask(run);

/**
 * Collects items and hands them to `flush` together, once per burst of work
 * (afterMicrotasks) or at once on `flush()`.
 */
export function createBatcher<T>(deliver: (items: T[]) => void, defer: Defer = afterMicrotasks) {
  let items: T[] = [];
  let queued = false;
  const flush = () => {
    queued = false;
    if (items.length === 0) return;
    const batch = items;
    items = [];
    deliver(batch);
  };
  return {
    push(item: T) {
      items.push(item);
      if (!queued) {
        queued = true;
        defer(flush);
      }
    },
    /** Delivers what is collected now (before an end, or when the caller needs it out). */
    flush,
  };
}
