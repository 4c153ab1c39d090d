// Resumable replies: a protocol extension (not in OpenAI's ChatKit). A server that
// supports it tags every SSE event of a turn with `id: <turn_id>:<seq>` and answers
// `threads.resume`; the client reconnects with the last id it saw when a stream
// breaks. Servers that send no ids (the Python SDK) are never asked.

/** The turn a thread is running, in `threads.get_by_id` (absent when none runs). */
export interface ActiveTurn {
  id: string;
}

export interface ResumeThreadParams {
  thread_id: string;
  /** `<turn_id>:<seq>` of the last event seen; omit to replay the running turn from its start. */
  last_event_id?: string;
}
/** Replays the events of a thread's turn after `last_event_id`, then follows it live (SSE). */
export interface ResumeThreadRequest {
  type: 'threads.resume';
  params: ResumeThreadParams;
  metadata?: Record<string, unknown>;
}
/** Cancels the thread's running turn at once (JSON `{}`). */
export interface StopThreadRequest {
  type: 'threads.stop';
  params: { thread_id: string };
  metadata?: Record<string, unknown>;
}

/** How the client reconnects a broken stream (`createChatKitClient({ resume })`). */
export interface ResumeOptions {
  /** Give up this long after the stream broke (waiting to be back online included). Default 60 000 ms. */
  timeoutMs?: number;
  /** First backoff step; each failed attempt doubles it, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest wait between two attempts. Default 5 000 ms. */
  maxDelayMs?: number;
}

export interface EventId {
  turn: string;
  seq: number;
}

/** Parses `<turn_id>:<seq>`; null for anything else (ids we do not understand are not resumable). */
export function parseEventId(id: string | undefined): EventId | null {
  const m = /^(.+):([1-9]\d{0,14})$/.exec(id ?? '');
  return m ? { turn: m[1]!, seq: Number(m[2]) } : null;
}

/** Per endpoint URL: true once its events carried ids, false once it refused `threads.resume`. */
export const resumeSupport = new Map<string, boolean>();

const win = globalThis as {
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
  navigator?: { onLine?: boolean };
};

/** The browser says it has no network (`navigator.onLine === false`); false where unknown (Node). */
export const isOffline = (): boolean => win.navigator?.onLine === false;

/**
 * Calls `listener` on the window's `type` event (`online`/`offline`); returns the
 * unsubscribe function. Does nothing outside browsers.
 */
export function onNetwork(type: 'online' | 'offline', listener: () => void): () => void {
  win.addEventListener?.(type, listener);
  return () => win.removeEventListener?.(type, listener);
}

/**
 * Waits `ms` (or until the browser comes back online, whichever is first); while
 * offline, waits for `online` however long, up to `until` (epoch ms). Rejects with
 * the signal's reason on abort.
 */
export function pause(ms: number, until: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const wait = isOffline() ? until - Date.now() : Math.min(ms, until - Date.now());
    const done = (error?: unknown) => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => done(signal?.reason);
    const timer = setTimeout(done, Math.max(0, wait));
    const off = onNetwork('online', () => done());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The wait before attempt `n` (0-based): exponential, capped, with 50 % jitter. */
export function backoff(n: number, base: number, max: number): number {
  const step = Math.min(max, base * 2 ** n);
  return step / 2 + Math.random() * (step / 2);
}
