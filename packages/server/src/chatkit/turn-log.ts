// The per-turn event log behind resumable replies: every event of a streamed
// turn is kept under a sequence number until the turn has been finished for
// `retainMs`, so a reader that lost its connection can ask for what came after
// the last number it saw. One process: createMemoryTurnLog (here). Several
// processes: createPostgresTurnLog (postgres-turn-log.ts), which adds leases,
// LISTEN/NOTIFY and a table on top of the same in-memory core.

/** One event of a turn: its sequence number (1-based) and its JSON text. */
export interface LoggedEvent {
  seq: number;
  /** The event as compact JSON, exactly as sent after `data: `. */
  data: string;
}

/** running → one of the three ends. `interrupted`: its process died mid-turn. */
export type TurnStatus = 'running' | 'done' | 'stopped' | 'interrupted';

export interface TurnRecord {
  /** `turn_…`, no colon (SSE ids are `<turn id>:<seq>`). */
  id: string;
  threadId: string;
  userId: string;
  status: TurnStatus;
  /** Epoch ms of the end; absent while running. */
  endedAt?: number;
  /** Running, but its owner stopped renewing the lease (shared logs only). */
  leaseExpired?: boolean;
}

/** What the running side learns at each lease renewal. */
export interface RenewResult {
  /** False when the turn is no longer ours (another instance declared it interrupted). */
  running: boolean;
  /** A `threads.stop` reached another instance. */
  stopRequested: boolean;
  /** Milliseconds since a reader on another instance last read the turn (shared logs). */
  readerIdleMs?: number;
}

/**
 * Storage for turn events. Write side (one instance, the lease holder):
 * begin → append… → end, with renew every `leaseMs / 3`. Read side (any
 * instance): get/latest, read, subscribe. All methods except `subscribe` and
 * `onStop` may throw on storage failures.
 */
export interface TurnLog {
  /** A lease not renewed for this long lets another instance end the turn as interrupted. */
  readonly leaseMs: number;
  /** How long a finished turn stays readable. */
  readonly retainMs: number;
  /** True when other processes share the log: the handler then renews leases and sweeps. */
  readonly shared: boolean;
  /** Records a new running turn owned by this instance. */
  begin(turn: { id: string; threadId: string; userId: string }): Promise<void>;
  /** Appends events (consecutive seqs); readers on every instance see them. */
  append(turnId: string, events: LoggedEvent[]): Promise<void>;
  /** Marks the turn ended (only if this instance still owns it). */
  end(turnId: string, status: Exclude<TurnStatus, 'running'>): Promise<void>;
  /** Extends the lease. */
  renew(turnId: string): Promise<RenewResult>;
  /** A reader on this instance follows a turn owned elsewhere: keeps it from its grace timeout. */
  touch(turnId: string): Promise<void>;
  /** Asks the owner (wherever it runs) to stop the turn; `onStop` fires there. */
  requestStop(turnId: string): Promise<void>;
  /** Listens for stop requests meant for this instance's turns. Returns an unsubscribe function. */
  onStop(listener: (turnId: string) => void): () => void;
  /** A retained turn, or undefined (unknown or expired). */
  get(turnId: string): Promise<TurnRecord | undefined>;
  /** The thread's running turn, else its newest retained one. */
  latest(threadId: string): Promise<TurnRecord | undefined>;
  /** Events with seq > `afterSeq`, in order (at most `limit`). */
  read(turnId: string, afterSeq: number, limit?: number): Promise<LoggedEvent[]>;
  /** Calls `listener` whenever the turn may have changed (new events, end). */
  subscribe(turnId: string, listener: () => void): () => void;
  /**
   * Takes over the running turns whose lease expired (their process died):
   * each returned turn is now owned by this instance, which must append the
   * interruption and `end` it.
   */
  claimExpired(): Promise<TurnRecord[]>;
  /** Deletes turns finished more than `retainMs` ago. */
  purge(): Promise<void>;
  /** Releases the log's connections and timers. */
  close(): Promise<void>;
}

export interface MemoryTurnLogOptions {
  /** How long a finished turn stays readable, in ms (default 5 minutes). */
  retainMs?: number;
}

interface MemoryTurn {
  record: TurnRecord;
  events: LoggedEvent[];
  listeners: Set<() => void>;
}

/** The in-memory part shared by both logs: turns, events and listeners of this process. */
export class TurnCache {
  readonly turns = new Map<string, MemoryTurn>();
  /** Newest turn id per thread. */
  private readonly byThread = new Map<string, string>();
  private readonly stopListeners = new Set<(turnId: string) => void>();
  /**
   * Ended turns in the order they ended (a queue: `ended[endedHead]` is the oldest), so a
   * purge looks only at the turns it drops instead of scanning every turn on each call.
   */
  private ended: Array<{ id: string; turn: MemoryTurn }> = [];
  private endedHead = 0;
  constructor(readonly retainMs: number) {}

  begin(turn: { id: string; threadId: string; userId: string }): void {
    this.purge();
    this.turns.set(turn.id, {
      record: { ...turn, status: 'running' },
      events: [],
      listeners: new Set(),
    });
    this.byThread.set(turn.threadId, turn.id);
  }
  has(turnId: string): boolean {
    return this.turns.has(turnId);
  }
  /** Drops a turn at once (another instance took it over); its listeners are woken. */
  forget(turnId: string): void {
    const turn = this.turns.get(turnId);
    if (!turn) return;
    this.turns.delete(turnId);
    if (this.byThread.get(turn.record.threadId) === turnId)
      this.byThread.delete(turn.record.threadId);
    this.changed(turn);
  }
  append(turnId: string, events: LoggedEvent[]): void {
    const turn = this.turns.get(turnId);
    if (turn?.record.status !== 'running') return;
    const last = turn.events.at(-1)?.seq ?? 0;
    for (const event of events) if (event.seq > last) turn.events.push(event);
    this.changed(turn);
  }
  end(turnId: string, status: Exclude<TurnStatus, 'running'>, endedAt = Date.now()): void {
    const turn = this.turns.get(turnId);
    if (turn?.record.status !== 'running') return;
    turn.record.status = status;
    turn.record.endedAt = endedAt;
    this.ended.push({ id: turnId, turn });
    this.changed(turn);
  }
  get(turnId: string): TurnRecord | undefined {
    this.purge();
    const turn = this.turns.get(turnId);
    return turn ? { ...turn.record } : undefined;
  }
  latest(threadId: string): TurnRecord | undefined {
    const id = this.byThread.get(threadId);
    return id === undefined ? undefined : this.get(id);
  }
  read(turnId: string, afterSeq: number, limit = 1000): LoggedEvent[] {
    const events = this.turns.get(turnId)?.events ?? [];
    // seqs are 1-based and dense: event n sits at index n - 1.
    const start = Math.max(0, Math.min(afterSeq, events.length));
    return events.slice(start, start + limit);
  }
  subscribe(turnId: string, listener: () => void): () => void {
    const turn = this.turns.get(turnId);
    if (!turn) return () => {};
    turn.listeners.add(listener);
    return () => turn.listeners.delete(listener);
  }
  onStop(listener: (turnId: string) => void): () => void {
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }
  stop(turnId: string): void {
    for (const listener of this.stopListeners) listener(turnId);
  }
  /** Wakes the readers of a turn (also used when another instance reports a change). */
  notify(turnId: string): void {
    const turn = this.turns.get(turnId);
    if (turn) this.changed(turn);
  }
  /**
   * Drops turns finished more than `retainMs` ago. O(dropped): ends are queued in the
   * order they happen, so the oldest is always at the head (an end stamped out of order
   * by another instance's clock is dropped when it reaches the head).
   */
  purge(now = Date.now()): void {
    const { ended } = this;
    while (this.endedHead < ended.length) {
      const { id, turn } = ended[this.endedHead]!;
      const endedAt = turn.record.endedAt;
      if (endedAt !== undefined && now - endedAt <= this.retainMs) break;
      this.endedHead++;
      // Forgotten (or replaced) since it ended: nothing left to drop.
      if (this.turns.get(id) !== turn) continue;
      this.turns.delete(id);
      if (this.byThread.get(turn.record.threadId) === id)
        this.byThread.delete(turn.record.threadId);
    }
    // Compact the queue once its consumed head dominates it.
    if (this.endedHead > 1024 && this.endedHead * 2 > ended.length) {
      this.ended = ended.slice(this.endedHead);
      this.endedHead = 0;
    }
  }
  private changed(turn: MemoryTurn): void {
    for (const listener of [...turn.listeners]) listener();
  }
}

/** Default retention of finished turns: 5 minutes. */
export const DEFAULT_RETAIN_MS = 5 * 60_000;
/** Default lease: 6 s (renewed every 2 s). */
export const DEFAULT_LEASE_MS = 6_000;

/**
 * A turn log in this process's memory: enough for one server process (memory
 * or SQLite store). Finished turns are dropped `retainMs` after their end.
 */
export function createMemoryTurnLog(options: MemoryTurnLogOptions = {}): TurnLog {
  const cache = new TurnCache(options.retainMs ?? DEFAULT_RETAIN_MS);
  return {
    leaseMs: DEFAULT_LEASE_MS,
    retainMs: cache.retainMs,
    shared: false,
    async begin(turn) {
      cache.begin(turn);
    },
    async append(turnId, events) {
      cache.append(turnId, events);
    },
    async end(turnId, status) {
      cache.end(turnId, status);
    },
    async renew(turnId) {
      return { running: cache.get(turnId)?.status === 'running', stopRequested: false };
    },
    async touch() {},
    async requestStop(turnId) {
      cache.stop(turnId);
    },
    onStop: (listener) => cache.onStop(listener),
    async get(turnId) {
      return cache.get(turnId);
    },
    async latest(threadId) {
      return cache.latest(threadId);
    },
    async read(turnId, afterSeq, limit) {
      return cache.read(turnId, afterSeq, limit);
    },
    subscribe: (turnId, listener) => cache.subscribe(turnId, listener),
    async claimExpired() {
      return [];
    },
    async purge() {
      cache.purge();
    },
    async close() {},
  };
}
