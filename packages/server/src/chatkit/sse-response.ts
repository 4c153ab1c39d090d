// The streaming response: a prepared turn run into a `text/event-stream` body.
// Backpressure: the responder is pulled only while fewer than
// STREAM_BUFFER_EVENTS events wait for the client, so a slow reader slows the
// responder instead of the server buffering the whole answer.

import type { ChatKitRequestContext, HandlerConfig } from './options.js';
import { type Emit, runTurn } from './run.js';
import type { PreparedTurn } from './turns.js';

/** Events buffered for a slow client before the responder is paused. */
const STREAM_BUFFER_EVENTS = 64;

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

// Stateless between non-streaming encode calls, so one serves every stream.
const utf8Encoder = new TextEncoder();

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

export function streamResponse(
  config: HandlerConfig,
  registry: TurnRegistry,
  prepared: PreparedTurn,
  ctx: ChatKitRequestContext,
  requestSignal: AbortSignal | undefined,
): Response {
  const { store, respond, title, onError } = config;
  const abort = new AbortController();
  const turn: RunningTurn = { abort, done: Promise.resolve() };
  let closed = false;
  // `pull` fires when the reader drains the queue, waking a paused writer.
  let streamController: ReadableStreamDefaultController<Uint8Array> | undefined;
  let wakeWriter: (() => void) | undefined;
  const ready = (): Promise<void> | undefined => {
    if (closed || (streamController?.desiredSize ?? 1) > 0) return undefined;
    return new Promise<void>((resolve) => {
      wakeWriter = resolve;
    });
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        streamController = controller;
        const emit: Emit = (event) => {
          if (closed) return;
          try {
            controller.enqueue(utf8Encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
          } catch {
            closed = true;
          }
        };
        const stop = () => abort.abort(requestSignal?.reason);
        if (requestSignal?.aborted) stop();
        else requestSignal?.addEventListener('abort', stop, { once: true });
        const run = async () => {
          for (const event of prepared.prelude) emit(event);
          if (prepared.only) return;
          await runTurn(
            {
              store,
              respond: prepared.responder ?? respond,
              userId: ctx.userId,
              thread: prepared.thread,
              context: prepared.context,
              title,
              onError,
              ready,
            },
            emit,
            abort.signal,
          );
        };
        turn.done = run()
          .catch((error: unknown) => {
            // A store failure mid-stream: report it in-stream, the status is already 200.
            onError(error);
            emit({ type: 'error', code: 'stream.error', allow_retry: true });
          })
          .finally(() => {
            requestSignal?.removeEventListener('abort', stop);
            registry.turns.delete(turn);
            if (closed) return;
            closed = true;
            try {
              controller.close();
            } catch {
              /* already cancelled */
            }
          });
      },
      pull() {
        const wake = wakeWriter;
        wakeWriter = undefined;
        wake?.();
      },
      cancel(reason) {
        closed = true;
        abort.abort(reason);
        const wake = wakeWriter;
        wakeWriter = undefined;
        wake?.();
      },
    },
    new CountQueuingStrategy({ highWaterMark: STREAM_BUFFER_EVENTS }),
  );
  registry.turns.add(turn);
  if (registry.closing) abort.abort(new Error('server shutting down'));
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
