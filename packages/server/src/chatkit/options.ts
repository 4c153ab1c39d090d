// The handler's public options and per-request context, and the resolved
// configuration every part of the handler shares (defaults filled in once).

import type { ThreadItem, ThreadMetadata } from '@chat-widget/protocol';
import { notFound } from './errors.js';
import type { Responder } from './responder.js';
import type { ChatKitStore } from './store.js';
import type { TurnLog } from './turn-log.js';

/** Who is asking: the host passes the verified user (e.g. `auth.sub` from the verifier). */
export interface ChatKitRequestContext {
  userId: string;
  claims?: Record<string, unknown>;
}

export interface ChatKitHandlerOptions {
  store: ChatKitStore;
  /** Produces the assistant's output for each turn. */
  respond: Responder;
  /** Handles `threads.custom_action` (streaming widget actions); defaults to `respond`. */
  action?: Responder;
  /** Handles `threads.sync_custom_action`; returns the replacement widget item, if any. */
  syncAction?: (context: {
    userId: string;
    thread: ThreadMetadata;
    action: { type: string; payload?: unknown };
    item: ThreadItem | undefined;
  }) => Promise<ThreadItem | undefined>;
  /** Dictation for `input.transcribe`; without it that operation answers 400. */
  transcribe?: (
    audio: Uint8Array,
    mimeType: string,
    context: ChatKitRequestContext,
  ) => Promise<string>;
  /** Largest JSON request body in bytes (default 1 MiB); larger → 413. */
  maxBodyBytes?: number;
  /** Largest attachment in bytes (default 10 MiB); larger → 413. */
  maxUploadBytes?: number;
  /**
   * MIME types an attachment may have, e.g. `['image/*', 'application/pdf']` (default: any);
   * others → 415. PNG, JPEG, GIF, WebP and PDF uploads must also start with that type's bytes.
   */
  attachmentTypes?: readonly string[];
  /** Default page size of lists (default 20, the SDK's). */
  pageSize?: number;
  /** Largest page size a client may ask for (default 100). */
  maxPageSize?: number;
  /**
   * Public URL of this endpoint, used to build upload and preview URLs
   * (default: the request URL without its query). Set it behind a proxy.
   */
  publicUrl?: string | ((request: Request) => string);
  /** Thread title from the first message's text (default: its first 60 characters). */
  title?: (text: string) => string | undefined;
  /** Called with unexpected errors (store failures, responder exceptions). Default: console.error. */
  onError?: (error: unknown) => void;
  /**
   * Turns on resumable replies: every streamed event gets an SSE `id:` and is kept in
   * this log, turns run on when their client disconnects, and `threads.resume`,
   * `threads.stop` and `active_turn` work. `createMemoryTurnLog()` for one process,
   * `createPostgresTurnLog(pool)` for several. Off by default (plain ChatKit streams).
   */
  turnLog?: TurnLog;
  /**
   * With a turn log: how long a turn with no reader left runs on before it is
   * stopped like a disconnect (default 30 000 ms; 0 stops it at once).
   */
  resumeGraceMs?: number;
  /**
   * With a turn log: a reader (a resumed reply) that has had nothing to send for this long
   * sends an SSE comment (`: keep-alive`), so proxies and load balancers do not close an
   * idle stream while the turn waits on a slow model or tool (default 15 000 ms; 0 = off).
   */
  keepAliveMs?: number;
  /** How long the store remembers an `Idempotency-Key` (default 24 hours). */
  idempotencyTtlMs?: number;
}

/** The options with defaults applied, plus the helpers derived from them. */
export interface HandlerConfig {
  readonly options: ChatKitHandlerOptions;
  readonly store: ChatKitStore;
  readonly respond: Responder;
  readonly maxBodyBytes: number;
  readonly maxUploadBytes: number;
  readonly pageSize: number;
  readonly title: (text: string) => string | undefined;
  readonly onError: (error: unknown) => void;
  readonly turnLog: TurnLog | undefined;
  readonly resumeGraceMs: number;
  readonly keepAliveMs: number;
  readonly idempotencyTtlMs: number;
  /** A client's requested page size, defaulted and capped. */
  pageLimit(limit: number | null | undefined): number;
  /** The endpoint's public URL for this request (no query, no hash). */
  endpointUrl(request: Request): string;
  /** The user's thread, or 404 (someone else's thread and a missing one look the same). */
  ownedThread(userId: string, threadId: string): Promise<ThreadMetadata>;
}

export function defaultTitle(text: string): string | undefined {
  const flat = text
    .replace(/\[\[[a-z-]+\]\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!flat) return undefined;
  return flat.length <= 60 ? flat : `${flat.slice(0, 59).trimEnd()}…`;
}

export function resolveConfig(options: ChatKitHandlerOptions): HandlerConfig {
  const { store, respond } = options;
  const pageSize = options.pageSize ?? 20;
  const maxPageSize = options.maxPageSize ?? 100;
  return {
    options,
    store,
    respond,
    maxBodyBytes: options.maxBodyBytes ?? 1 << 20,
    maxUploadBytes: options.maxUploadBytes ?? 10 << 20,
    pageSize,
    title: options.title ?? defaultTitle,
    onError: options.onError ?? ((error: unknown) => console.error('[chatkit]', error)),
    turnLog: options.turnLog,
    resumeGraceMs: options.resumeGraceMs ?? 30_000,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * 60 * 60_000,
    pageLimit: (limit) => Math.min(limit && limit > 0 ? limit : pageSize, maxPageSize),
    endpointUrl(request) {
      if (typeof options.publicUrl === 'function') return options.publicUrl(request);
      if (options.publicUrl) return options.publicUrl;
      const url = new URL(request.url);
      url.search = '';
      url.hash = '';
      return url.toString();
    },
    async ownedThread(userId, threadId) {
      const thread = await store.loadThread(userId, threadId);
      if (!thread) throw notFound('Thread');
      return thread;
    },
  };
}
