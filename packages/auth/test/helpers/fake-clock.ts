// A manual clock for the token manager's `now`/`setTimeout` seams. Real I/O
// (the Better Auth server) keeps running on real time; only the manager's
// notion of time is controlled.
import { setImmediate as tick } from 'node:timers/promises';

interface Timer {
  at: number;
  callback: () => void;
}

export interface FakeClock {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Timers not yet fired or cleared. */
  pending: () => number;
  /** Due time of the next timer, if any. */
  nextAt: () => number | undefined;
  /** Moves time forward, firing due timers in order. */
  advance: (ms: number) => Promise<void>;
  /** Moves time forward WITHOUT firing timers: a laptop lid closed, a frozen tab. */
  jump: (ms: number) => void;
}

export function fakeClock(start = Date.now()): FakeClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, Timer>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    nextAt: () => {
      let min: number | undefined;
      for (const t of timers.values()) if (min === undefined || t.at < min) min = t.at;
      return min;
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        let dueId: number | undefined;
        let due: Timer | undefined;
        for (const [id, t] of timers) {
          if (t.at <= target && (!due || t.at < due.at)) {
            dueId = id;
            due = t;
          }
        }
        if (!due || dueId === undefined) break;
        timers.delete(dueId);
        now = Math.max(now, due.at);
        due.callback();
        await flush();
      }
      now = target;
      await flush();
    },
    jump(ms) {
      now += ms;
    },
  };
}

/** Lets promise chains and queued I/O callbacks run. */
export async function flush(rounds = 5) {
  for (let i = 0; i < rounds; i++) await tick();
}

/** Polls (real time) until `condition` holds. */
export async function until(condition: () => boolean, timeoutMs = 5000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
