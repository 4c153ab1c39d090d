// createChatKitFetchHandler: one endpoint speaking the ChatKit protocol for
// the verified user, on the Fetch API alone. It imports no `node:` built-in,
// so it runs on Workers, Deno, Bun and Vercel Edge as well as on Node
// (handler.ts adds the Node adapter on top).
//
// This module routes a request to its part and owns shutdown; the parts are
// turns.ts (preparing a streaming turn), sse-response.ts (streaming it with
// backpressure), operations.ts (the non-streaming operations), attachments.ts
// (uploads and downloads) and http.ts (bodies and JSON responses).

import { isStreamingRequest } from '@chat-widget/protocol';
import { handleDownload, handleUpload } from './attachments.js';
import { ChatKitRequestError } from './errors.js';
import { noteArrival } from './fair.js';
import { type ChatKitCall, errorResponse, fetchCall } from './http.js';
import { runOperation } from './operations.js';
import {
  type ChatKitHandlerOptions,
  type ChatKitRequestContext,
  type HandlerConfig,
  resolveConfig,
} from './options.js';
import { createResumable, type Resumable } from './resumable.js';
import { resumeOperation, startStreaming } from './resume-ops.js';
import { type Reply, type RunningTurn, type TurnRegistry, toResponse } from './sse-response.js';
import { parseChatKitRequest } from './validate.js';

export {
  type ChatKitHandlerOptions,
  type ChatKitRequestContext,
  defaultTitle,
} from './options.js';

export interface ChatKitFetchHandler {
  /** Fetch API entry point; never throws. */
  fetch(request: Request, context: ChatKitRequestContext): Promise<Response>;
  /**
   * Graceful shutdown: new requests get 503, running turns get `graceMs` (default 0)
   * to finish, the rest are stopped like a client disconnect; resolves once every
   * turn has saved its state — close your database after this.
   */
  close(options?: { graceMs?: number }): Promise<void>;
  /** Requests and streaming turns in progress. */
  readonly active: number;
}

/** Routes one request: upload, download, or a ChatKit operation (streaming or not). */
async function route(
  config: HandlerConfig,
  registry: TurnRegistry,
  resumable: Resumable | undefined,
  http: ChatKitCall,
  ctx: ChatKitRequestContext,
): Promise<Reply> {
  if (!ctx || typeof ctx.userId !== 'string' || ctx.userId === '') {
    throw new TypeError('createChatKitHandler: context.userId (the verified user) is required');
  }
  const upload = http.query('upload');
  if (upload) return await handleUpload(config, http.request(), upload, ctx);
  const download = http.query('attachment');
  if (download && (http.method === 'GET' || http.method === 'HEAD'))
    return await handleDownload(config, download, ctx);
  if (http.method !== 'POST') {
    const response = errorResponse(
      new ChatKitRequestError(405, 'ERR_METHOD_NOT_ALLOWED', 'Use POST with a JSON body'),
    );
    response.headers.set('allow', 'POST');
    return response;
  }
  const body = await http.json(config.maxBodyBytes);
  const extension = resumable && (await resumeOperation(config, resumable, body, ctx, http));
  if (extension) return extension;
  const request = parseChatKitRequest(body);
  if (isStreamingRequest(request)) {
    return await startStreaming(config, registry, resumable, request, ctx, http);
  }
  return await runOperation(config, request, ctx, http);
}

/**
 * The handler's core, whichever server API feeds it: the Fetch handler wraps it
 * (fetchCall in, toResponse out), the Node adapter feeds it IncomingMessages and
 * pipes its SSE replies straight to the ServerResponse. Everything else (routing,
 * validation, auth context checks, errors, shutdown) is this one code.
 */
export interface ChatKitCore {
  /** Answers one call; never throws (errors become JSON error replies). */
  serve(call: ChatKitCall, context: ChatKitRequestContext): Promise<Reply>;
  close(options?: { graceMs?: number }): Promise<void>;
  readonly active: number;
}

export function createChatKitFetchHandler(options: ChatKitHandlerOptions): ChatKitFetchHandler {
  const core = createChatKitCore(options);
  return {
    fetch: async (request, ctx) => toResponse(await core.serve(fetchCall(request), ctx)),
    close: core.close,
    get active() {
      return core.active;
    },
  };
}

export function createChatKitCore(options: ChatKitHandlerOptions): ChatKitCore {
  const config = resolveConfig(options);
  /** Streaming turns still running (their persistence included). */
  const turns = new Set<RunningTurn>();
  /** Requests still being prepared (before a reply exists). */
  const requests = new Set<Promise<Reply>>();
  let shuttingDown = false;
  const registry: TurnRegistry = {
    turns,
    get closing() {
      return shuttingDown;
    },
  };
  const resumable = config.turnLog
    ? createResumable(config, registry, config.turnLog, config.resumeGraceMs)
    : undefined;

  const handle = async (http: ChatKitCall, ctx: ChatKitRequestContext): Promise<Reply> => {
    try {
      return await route(config, registry, resumable, http, ctx);
    } catch (error) {
      // Stores' InvalidCursorError is one of these (400).
      if (error instanceof ChatKitRequestError) return errorResponse(error);
      config.onError(error);
      return errorResponse(new ChatKitRequestError(500, 'ERR_INTERNAL', 'Internal server error'));
    }
  };

  const serve = (http: ChatKitCall, ctx: ChatKitRequestContext): Promise<Reply> => {
    if (shuttingDown) {
      return Promise.resolve<Reply>(
        errorResponse(
          new ChatKitRequestError(503, 'ERR_SHUTTING_DOWN', 'The server is shutting down'),
        ),
      );
    }
    // Running streams take shorter turns while requests arrive (fair.ts).
    noteArrival();
    const pending = handle(http, ctx);
    requests.add(pending);
    void pending.finally(() => requests.delete(pending));
    return pending;
  };

  const close = async ({ graceMs = 0 }: { graceMs?: number } = {}) => {
    shuttingDown = true;
    await Promise.allSettled([...requests]);
    const running = () => Promise.allSettled([...turns].map((turn) => turn.done));
    if (graceMs > 0 && turns.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        running(),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    }
    for (const turn of turns) turn.abort.abort(new Error('server shutting down'));
    await running();
    resumable?.close();
  };

  return {
    serve,
    close,
    get active() {
      return requests.size + turns.size;
    },
  };
}
