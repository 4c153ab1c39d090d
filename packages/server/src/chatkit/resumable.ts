// Resumable turns: with a turn log configured, a streamed turn runs in the
// background, independent of the HTTP response that started it. Its events go
// to the log under sequence numbers; every response (the first one, a
// `threads.resume`, an idempotent resend) is a reader of that log from some
// sequence number on, sent as SSE with `id: <turn id>:<seq>`. A turn without
// readers runs on for `graceMs`, then stops like a disconnect did before; a
// `threads.stop` stops it at once wherever it runs. With a shared log the
// instance running a turn renews a lease, and any instance ends a turn whose
// lease expired as interrupted (interrupt.ts).

import type { ThreadStreamEvent } from '@chat-widget/protocol';
import { createBatcher } from './batch.js';
import { interruptTurn } from './interrupt.js';
import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import {
  emptyStream,
  type RunningTurn,
  runPrepared,
  SSE_KEEP_ALIVE,
  SseReply,
  type SseSink,
  sseIdFrame,
  type TurnRegistry,
} from './sse-response.js';
import type { LoggedEvent, TurnLog } from './turn-log.js';
import type { PreparedTurn } from './turns.js';

/** Events read from the log per step of a reader. */
const READ_BATCH = 256;

/** A turn running on this instance. */
interface LiveTurn extends RunningTurn {
  readonly id: string;
  readers: number;
  graceTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface Resumable {
  readonly log: TurnLog;
  /** Starts the prepared turn in the background; the response reads it from its first event. */
  start(
    prepared: PreparedTurn,
    ctx: ChatKitRequestContext,
    turnId: string,
    signal?: AbortSignal,
  ): Promise<SseReply>;
  /** A reader of a retained turn from after `afterSeq` (0: from the start). */
  read(turnId: string, afterSeq: number, signal?: AbortSignal): SseReply;
  /** Stops the thread's running turn, wherever it runs; resolves once it ended (bounded wait). */
  stop(threadId: string): Promise<void>;
  /** Ends expired turns as interrupted and drops old ones. */
  sweep(): Promise<void>;
  /** Stops the sweep timer and stop listener. */
  close(): void;
}

export { emptyStream };

const unref = (timer: unknown) => (timer as { unref?: () => void } | undefined)?.unref?.();

export function createResumable(
  config: HandlerConfig,
  registry: TurnRegistry,
  log: TurnLog,
  graceMs: number,
): Resumable {
  const { store, onError, keepAliveMs } = config;
  const live = new Map<string, LiveTurn>();
  const tick = Math.max(50, Math.floor(log.leaseMs / 3));

  const stopListener = log.onStop((turnId) => live.get(turnId)?.abort.abort(new Error('stopped')));

  let sweeping: Promise<void> | undefined;
  const sweep = (): Promise<void> => {
    sweeping ??= (async () => {
      try {
        for (const turn of await log.claimExpired()) {
          await interruptTurn(store, log, turn).catch(onError);
        }
        await log.purge();
      } finally {
        sweeping = undefined;
      }
    })();
    return sweeping;
  };
  // Shared logs: a periodic sweep (and one now, for turns a killed process left running).
  const sweepTimer = log.shared
    ? setInterval(() => void sweep().catch(onError), Math.max(100, Math.floor(log.leaseMs / 2)))
    : undefined;
  unref(sweepTimer);
  if (log.shared) void sweep().catch(onError);

  const armGrace = (turn: LiveTurn, ms: number) => {
    clearTimeout(turn.graceTimer);
    turn.graceTimer = setTimeout(async () => {
      turn.graceTimer = undefined;
      if (turn.readers > 0 || turn.abort.signal.aborted) return;
      if (log.shared) {
        // A reader on another instance keeps the turn alive too.
        const renewed = await log.renew(turn.id).catch(() => undefined);
        const idle = renewed?.readerIdleMs;
        if (idle !== undefined && idle < graceMs) return armGrace(turn, graceMs - idle);
      }
      turn.abort.abort(new Error('client disconnected'));
    }, ms);
    unref(turn.graceTimer);
  };

  const attach = (turnId: string): (() => void) => {
    const turn = live.get(turnId);
    if (!turn) return () => {};
    turn.readers++;
    clearTimeout(turn.graceTimer);
    turn.graceTimer = undefined;
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      if (--turn.readers === 0 && live.has(turnId)) {
        if (graceMs <= 0) turn.abort.abort(new Error('client disconnected'));
        else armGrace(turn, graceMs);
      }
    };
  };

  const read = (turnId: string, afterSeq: number, signal?: AbortSignal): SseReply => {
    let seq = afterSeq;
    let closed = false;
    let dirty = true;
    let wake: (() => void) | undefined;
    let lastTouch = 0;
    const unsubscribe = log.subscribe(turnId, () => {
      dirty = true;
      wake?.();
    });
    const detach = attach(turnId);
    const finish = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      detach();
      signal?.removeEventListener('abort', finish);
      wake?.();
    };
    if (signal?.aborted) finish();
    else signal?.addEventListener('abort', finish, { once: true });
    const frames = (events: LoggedEvent[]) => {
      let text = '';
      for (const event of events) text += sseIdFrame(`${turnId}:${event.seq}`, event.data);
      seq = events[events.length - 1]!.seq;
      return text;
    };
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    const pump = async (sink: SseSink) => {
      let lastWrite = Date.now();
      let flushed = false;
      const send = async (text: string) => {
        lastWrite = Date.now();
        if (!sink.write(text)) await sink.ready();
      };
      try {
        while (!closed) {
          dirty = false;
          const events = await log.read(turnId, seq, READ_BATCH);
          if (closed) break;
          if (events.length > 0) {
            await send(frames(events));
            continue;
          }
          const turn = await log.get(turnId);
          if (turn?.status !== 'running') {
            // Events may have landed between the read and the end.
            const rest = turn ? await log.read(turnId, seq, READ_BATCH) : [];
            if (rest.length > 0 && !closed) {
              await send(frames(rest));
              continue;
            }
            break;
          }
          if (turn.leaseExpired) {
            await sweep();
            continue;
          }
          if (!live.has(turnId) && Date.now() - lastTouch >= tick) {
            lastTouch = Date.now();
            await log.touch(turnId).catch(onError);
          }
          if (dirty || closed) continue;
          // About to wait: the headers go out now, not with the first event.
          if (!flushed) {
            flushed = true;
            sink.flush();
          }
          let wait = tick;
          if (keepAliveMs > 0) {
            const idle = Date.now() - lastWrite;
            if (idle >= keepAliveMs) {
              await send(SSE_KEEP_ALIVE);
              continue;
            }
            wait = Math.min(wait, keepAliveMs - idle);
          }
          await pause(wait);
        }
        finish();
        sink.close();
      } catch (error) {
        onError(error);
        finish();
        sink.error(error);
      }
    };
    return new SseReply((sink) => void pump(sink), finish);
  };

  const start = async (
    prepared: PreparedTurn,
    ctx: ChatKitRequestContext,
    turnId: string,
    signal?: AbortSignal,
  ): Promise<SseReply> => {
    const threadId = prepared.thread.id;
    await log.begin({ id: turnId, threadId, userId: ctx.userId });
    const abort = new AbortController();
    const turn: LiveTurn = {
      id: turnId,
      abort,
      done: Promise.resolve(),
      readers: 0,
      graceTimer: undefined,
    };
    let seq = 0;
    let lastWrite: Promise<void> = Promise.resolve();
    let lost = false;
    // One append (one wake-up of the readers) per slice of events, not one per event.
    const pending = createBatcher<LoggedEvent>((events) => {
      const write = log.append(turnId, events);
      write.catch(() => {}); // reported once, when awaited at the end
      lastWrite = write;
    });
    const emit = (event: ThreadStreamEvent) => {
      pending.push({ seq: ++seq, data: JSON.stringify(event) });
    };
    const heartbeat = log.shared
      ? setInterval(async () => {
          const renewed = await log.renew(turnId).catch((error: unknown) => {
            onError(error);
            return undefined;
          });
          if (renewed && !renewed.running) {
            lost = true; // another instance ended it as interrupted
            abort.abort(new Error('lease lost'));
          } else if (renewed?.stopRequested) abort.abort(new Error('stopped'));
        }, tick)
      : undefined;
    unref(heartbeat);
    live.set(turnId, turn);
    registry.turns.add(turn);
    const running = runPrepared(config, prepared, ctx, emit, abort.signal);
    // The prelude and the turn's first events are out now: the first read finds them,
    // and the response's headers go out with them in one write.
    pending.flush();
    turn.done = running
      .then(async () => {
        clearInterval(heartbeat);
        clearTimeout(turn.graceTimer);
        // Cut short by a shutdown, not by the user: readers (say, on another instance)
        // get the same interruption as when a process dies, with a retry.
        const interrupted = abort.signal.aborted && registry.closing && !lost;
        if (interrupted) emit({ type: 'error', code: 'stream.interrupted', allow_retry: true });
        pending.flush();
        try {
          await lastWrite;
          if (!lost)
            await log.end(
              turnId,
              interrupted ? 'interrupted' : abort.signal.aborted ? 'stopped' : 'done',
            );
        } catch (error) {
          onError(error);
        }
      })
      .finally(() => {
        live.delete(turnId);
        registry.turns.delete(turn);
      });
    const response = read(turnId, 0, signal);
    if (registry.closing) abort.abort(new Error('server shutting down'));
    return response;
  };

  const stop = async (threadId: string): Promise<void> => {
    const turn = await log.latest(threadId);
    if (turn?.status !== 'running') return;
    const local = live.get(turn.id);
    if (local) {
      local.abort.abort(new Error('stopped'));
      await local.done;
      return;
    }
    await log.requestStop(turn.id);
    // Wait (bounded) for the owner to end it, so a reload right after shows the stored reply.
    const deadline = Date.now() + log.leaseMs;
    while (Date.now() < deadline) {
      const current = await log.get(turn.id);
      if (current?.status !== 'running') return;
      if (current.leaseExpired) return void (await sweep());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, tick);
        const unsubscribe = log.subscribe(turn.id, done);
        function done() {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      });
    }
  };

  return {
    log,
    start,
    read,
    stop,
    sweep,
    close() {
      clearInterval(sweepTimer);
      stopListener();
    },
  };
}
