// Streaming responses: `text/event-stream` bodies, the one SSE framing of the
// handler. A streamed reply is an SseReply: a producer that writes frames into a
// sink. On the Fetch path the sink is a ReadableStream's controller (toResponse);
// the Node adapter gives it a sink that writes straight to the ServerResponse, so
// the hot path builds no Response, ReadableStream or chunk queue at all.
// Backpressure: the producer writes only while the sink has room (a stream's
// queue below STREAM_BUFFER_EVENTS chunks, a socket below its high-water mark),
// so a slow reader slows the responder instead of the server buffering the whole answer.

import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import { type Emit, runTurn } from './run.js';
import type { PreparedTurn } from './turns.js';

/** Chunks buffered for a slow client (Fetch path) before the producer is paused. */
const STREAM_BUFFER_EVENTS = 64;

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** A plain event frame. */
export const sseFrame = (data: string) => `data: ${data}\n\n`;
/** An event frame with an SSE id (resumable replies: `<turn id>:<seq>`). */
export const sseIdFrame = (id: string, data: string) => `id: ${id}\ndata: ${data}\n\n`;
/** A comment frame: ignored by clients, keeps proxies from closing an idle stream. */
export const SSE_KEEP_ALIVE = ': keep-alive\n\n';

/** Where a producer writes its frames. */
export interface SseSink {
  /** Queues frames; returns false when the client has no room for more (await `ready`). */
  write(text: string): boolean;
  /** Resolves once there is room again, or the client left. */
  ready(): Promise<void>;
  /** Sends the status and headers now, even before any frame (a reader about to wait). */
  flush(): void;
  /** Ends the response. */
  close(): void;
  /** Ends the response after a failure (the client sees a broken stream). */
  error(error: unknown): void;
}

/** A streamed reply: status 200, SSE headers, frames from `start`. */
export class SseReply {
  readonly status = 200;
  readonly headers = SSE_HEADERS;
  constructor(
    /** Starts producing into the sink; called once. */
    readonly start: (sink: SseSink) => void,
    /** The client left (or the sink failed): stop producing. */
    readonly cancel: (reason?: unknown) => void,
  ) {}
}

/** What the handler's core answers: a complete Fetch Response or a stream to pipe. */
export type Reply = Response | SseReply;

const utf8Encoder = new TextEncoder();

/** The reply as a Fetch Response (its stream pulls through the sink). */
export function toResponse(reply: Reply): Response {
  if (reply instanceof Response) return reply;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  let ended = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        reply.start({
          write(text) {
            if (ended) return false;
            try {
              controller.enqueue(utf8Encoder.encode(text));
            } catch {
              ended = true;
              return false;
            }
            return (controller.desiredSize ?? 1) > 0;
          },
          ready() {
            if (ended || (controller.desiredSize ?? 1) > 0) return Promise.resolve();
            return new Promise<void>((resolve) => {
              wake = resolve;
            });
          },
          flush() {},
          close() {
            if (ended) return;
            ended = true;
            try {
              controller.close();
            } catch {
              /* already cancelled */
            }
          },
          error(error) {
            if (ended) return;
            ended = true;
            controller.error(error);
          },
        });
      },
      pull: wakeUp,
      cancel(reason) {
        ended = true;
        reply.cancel(reason);
        wakeUp();
      },
    },
    new CountQueuingStrategy({ highWaterMark: STREAM_BUFFER_EVENTS }),
  );
  return new Response(stream, { status: reply.status, headers: reply.headers });
}

/** An SSE reply that ends at once with no events. */
export const emptyStream = () =>
  new SseReply(
    (sink) => sink.close(),
    () => {},
  );

/** A streaming turn in progress, as the handler tracks it for shutdown. */
export interface RunningTurn {
  readonly abort: AbortController;
  /** Settles once the turn has finished and saved its state. */
  done: Promise<void>;
}

/** Where running turns are registered; `closing` turns are stopped as soon as they start. */
export interface TurnRegistry {
  readonly turns: Set<RunningTurn>;
  readonly closing: boolean;
}

/**
 * Runs a prepared turn: its prelude, then the responder (unless `only`), every event
 * through `emit`. A failure (say, the store mid-stream) is reported to `onError` and
 * in-stream as an `error` event: the status is already 200. Never rejects.
 */
export function runPrepared(
  config: HandlerConfig,
  prepared: PreparedTurn,
  ctx: ChatKitRequestContext,
  emit: Emit,
  signal: AbortSignal,
  ready?: () => Promise<void> | undefined,
): Promise<void> {
  const run = async () => {
    for (const event of prepared.prelude) emit(event);
    if (prepared.only) return;
    await runTurn(
      {
        store: config.store,
        respond: prepared.responder ?? config.respond,
        userId: ctx.userId,
        thread: prepared.thread,
        context: prepared.context,
        title: config.title,
        onError: config.onError,
        ...(ready ? { ready } : {}),
      },
      emit,
      signal,
    );
  };
  return run().catch((error: unknown) => {
    config.onError(error);
    emit({ type: 'error', code: 'stream.error', allow_retry: true });
  });
}

/** A turn streamed straight to its one client (no turn log). */
export function streamResponse(
  config: HandlerConfig,
  registry: TurnRegistry,
  prepared: PreparedTurn,
  ctx: ChatKitRequestContext,
  requestSignal: AbortSignal | undefined,
): SseReply {
  const abort = new AbortController();
  const turn: RunningTurn = { abort, done: Promise.resolve() };
  let closed = false;
  let out: SseSink | undefined;
  let full = false;
  const ready = (): Promise<void> | undefined => {
    if (closed || !full || !out) return undefined;
    return out.ready().then(() => {
      full = false;
    });
  };
  const emit: Emit = (event) => {
    if (closed || !out) return;
    if (!out.write(sseFrame(JSON.stringify(event)))) full = true;
  };
  const start = (sink: SseSink) => {
    out = sink;
    const stop = () => abort.abort(requestSignal?.reason);
    if (requestSignal?.aborted) stop();
    else requestSignal?.addEventListener('abort', stop, { once: true });
    turn.done = runPrepared(config, prepared, ctx, emit, abort.signal, ready).finally(() => {
      requestSignal?.removeEventListener('abort', stop);
      registry.turns.delete(turn);
      if (closed) return;
      closed = true;
      sink.close();
    });
  };
  const cancel = (reason?: unknown) => {
    closed = true;
    abort.abort(reason);
    // Never started (the client left before the reply was piped): nothing will run.
    if (!out) registry.turns.delete(turn);
  };
  registry.turns.add(turn);
  if (registry.closing) abort.abort(new Error('server shutting down'));
  return new SseReply(start, cancel);
}
