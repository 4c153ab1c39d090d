// A fetch-based ChatKit client: JSON requests, SSE streams parsed incrementally.
import {
  ChatKitConnectionError,
  ChatKitContentTypeError,
  ChatKitHttpError,
  ChatKitMalformedEventError,
  ChatKitMalformedResponseError,
} from './errors.js';
import type { ThreadStreamEvent } from './events.js';
import type {
  Attachment,
  Page,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  UserMessageInput,
} from './items.js';
import {
  type Action,
  type CreateAttachmentParams,
  type EmptyResponse,
  type FeedbackKind,
  isStreamingRequest,
  type ListItemsParams,
  type ListThreadsParams,
  type NonStreamingRequest,
  type ResponseFor,
  type StreamingRequest,
  type SyncCustomActionResponse,
  type TranscribeParams,
  type TranscribeResponse,
} from './requests.js';
import {
  backoff,
  type EventId,
  isOffline,
  onNetwork,
  parseEventId,
  pause,
  type ResumeOptions,
  type ResumeThreadRequest,
  resumeSupport,
  type StopThreadRequest,
} from './resume.js';
import { SSEDecoder } from './sse.js';

export interface ChatKitClientOptions {
  /** The ChatKit endpoint; every operation is a POST to it. */
  url: string | URL;
  /** Transport, e.g. a token manager's authenticated fetch. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Extra headers for every request, or a function returning them (called per request). */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** Sent as `Accept-Language` on every request, like ChatKit's own client. */
  locale?: string;
  /**
   * Reconnect a stream that breaks mid-turn (`threads.resume`), when the server tags
   * its events with ids; `false` turns it off. See {@link ResumeOptions}.
   */
  resume?: ResumeOptions | false;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface StreamOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key` (threads.create / threads.add_user_message): a server
   * that keeps keys never adds the same message twice. Reuse it when resending.
   */
  idempotencyKey?: string;
}

export interface ChatKitClient {
  /** Sends a non-streaming request and resolves with its JSON body. */
  request<R extends NonStreamingRequest>(req: R, options?: RequestOptions): Promise<ResponseFor<R>>;
  /**
   * Sends a streaming request; iterate the result to receive its events as they
   * arrive. A stream whose events carry ids resumes by itself when it breaks.
   */
  stream(
    req: StreamingRequest | ResumeThreadRequest,
    options?: StreamOptions,
  ): AsyncIterable<ThreadStreamEvent>;

  createThread(input: UserMessageInput, options?: StreamOptions): AsyncIterable<ThreadStreamEvent>;
  addUserMessage(
    threadId: string,
    input: UserMessageInput,
    options?: StreamOptions,
  ): AsyncIterable<ThreadStreamEvent>;
  /** Cancels the thread's running turn on the server (`threads.stop`). */
  stopThread(threadId: string, options?: RequestOptions): Promise<EmptyResponse>;
  /** This endpoint's streams carried event ids and it has not refused `threads.resume`. */
  readonly resumable: boolean;
  addClientToolOutput(
    threadId: string,
    result: unknown,
    options?: RequestOptions,
  ): AsyncIterable<ThreadStreamEvent>;
  addStructuredInput(
    threadId: string,
    itemId: string,
    input: StructuredInputSubmission,
    options?: RequestOptions,
  ): AsyncIterable<ThreadStreamEvent>;
  retryAfterItem(
    threadId: string,
    itemId: string,
    options?: RequestOptions,
  ): AsyncIterable<ThreadStreamEvent>;
  customAction(
    threadId: string,
    action: Action,
    itemId?: string | null,
    options?: RequestOptions,
  ): AsyncIterable<ThreadStreamEvent>;

  getThread(threadId: string, options?: RequestOptions): Promise<Thread>;
  listThreads(params?: ListThreadsParams, options?: RequestOptions): Promise<Page<Thread>>;
  updateThread(threadId: string, title: string, options?: RequestOptions): Promise<Thread>;
  deleteThread(threadId: string, options?: RequestOptions): Promise<EmptyResponse>;
  listItems(
    threadId: string,
    params?: Omit<ListItemsParams, 'thread_id'>,
    options?: RequestOptions,
  ): Promise<Page<ThreadItem>>;
  feedback(
    threadId: string,
    itemIds: string[],
    kind: FeedbackKind,
    options?: RequestOptions,
  ): Promise<EmptyResponse>;
  syncCustomAction(
    threadId: string,
    action: Action,
    itemId?: string | null,
    options?: RequestOptions,
  ): Promise<SyncCustomActionResponse>;
  createAttachment(params: CreateAttachmentParams, options?: RequestOptions): Promise<Attachment>;
  deleteAttachment(attachmentId: string, options?: RequestOptions): Promise<EmptyResponse>;
  transcribe(params: TranscribeParams, options?: RequestOptions): Promise<TranscribeResponse>;
}

/**
 * The core of a client: `request`, `stream`, `stopThread` and `resumable`, without the
 * convenience methods (a bundle that only needs these leaves the rest out).
 */
export type ChatKitTransport = Pick<
  ChatKitClient,
  'request' | 'stream' | 'stopThread' | 'resumable'
>;

const SSE_TYPE = 'text/event-stream';
const JSON_TYPE = 'application/json';

/** A client: the transport's operations plus one convenience method per operation. */
export function createChatKitClient(options: ChatKitClientOptions): ChatKitClient {
  const transport = createChatKitTransport(options);
  const { request, stream } = transport;
  return {
    request,
    stream,
    get resumable() {
      return transport.resumable;
    },
    stopThread: transport.stopThread,
    createThread: (input, o) => stream({ type: 'threads.create', params: { input } }, o),
    addUserMessage: (thread_id, input, o) =>
      stream({ type: 'threads.add_user_message', params: { thread_id, input } }, o),
    addClientToolOutput: (thread_id, result, o) =>
      stream({ type: 'threads.add_client_tool_output', params: { thread_id, result } }, o),
    addStructuredInput: (thread_id, item_id, input, o) =>
      stream({ type: 'threads.add_structured_input', params: { thread_id, item_id, input } }, o),
    retryAfterItem: (thread_id, item_id, o) =>
      stream({ type: 'threads.retry_after_item', params: { thread_id, item_id } }, o),
    customAction: (thread_id, action, item_id, o) =>
      stream(
        { type: 'threads.custom_action', params: { thread_id, action, item_id: item_id ?? null } },
        o,
      ),
    getThread: (thread_id, o) => request({ type: 'threads.get_by_id', params: { thread_id } }, o),
    listThreads: (params = {}, o) => request({ type: 'threads.list', params }, o),
    updateThread: (thread_id, title, o) =>
      request({ type: 'threads.update', params: { thread_id, title } }, o),
    deleteThread: (thread_id, o) => request({ type: 'threads.delete', params: { thread_id } }, o),
    listItems: (thread_id, params = {}, o) =>
      request({ type: 'items.list', params: { ...params, thread_id } }, o),
    feedback: (thread_id, item_ids, kind, o) =>
      request({ type: 'items.feedback', params: { thread_id, item_ids, kind } }, o),
    syncCustomAction: (thread_id, action, item_id, o) =>
      request(
        {
          type: 'threads.sync_custom_action',
          params: { thread_id, action, item_id: item_id ?? null },
        },
        o,
      ),
    createAttachment: (params, o) => request({ type: 'attachments.create', params }, o),
    deleteAttachment: (attachment_id, o) =>
      request({ type: 'attachments.delete', params: { attachment_id } }, o),
    transcribe: (params, o) => request({ type: 'input.transcribe', params }, o),
  };
}

/** The core of a client (see {@link ChatKitTransport}). */
export function createChatKitTransport(options: ChatKitClientOptions): ChatKitTransport {
  const { url, locale } = options;
  const send = async (
    body: { type: string },
    accept: string,
    signal: AbortSignal | undefined,
    idempotencyKey?: string,
  ): Promise<Response> => {
    signal?.throwIfAborted();
    const headers = new Headers(
      typeof options.headers === 'function' ? await options.headers() : options.headers,
    );
    headers.set('Content-Type', JSON_TYPE);
    headers.set('Accept', accept);
    if (locale) headers.set('Accept-Language', locale);
    if (idempotencyKey) headers.set('Idempotency-Key', idempotencyKey);
    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // fetch rejects with TypeError on network failure; other errors (a token
      // manager's TokenError, say) are the caller's and pass through unchanged.
      if (error instanceof TypeError) {
        throw new ChatKitConnectionError(
          `ChatKit request failed: ${error.message}`,
          error,
          'request',
        );
      }
      throw error;
    }
    if (!response.ok) throw new ChatKitHttpError(response.status, await readErrorBody(response));
    return response;
  };

  const request = async <R extends NonStreamingRequest>(
    req: R,
    { signal }: RequestOptions = {},
  ): Promise<ResponseFor<R>> => {
    if (isStreamingRequest(req as { type: string })) {
      throw new TypeError(`"${req.type}" is a streaming request: use stream()`);
    }
    return json(req, signal) as Promise<ResponseFor<R>>;
  };

  const json = async (
    req: NonStreamingRequest | StopThreadRequest,
    signal: AbortSignal | undefined,
  ): Promise<unknown> => {
    const response = await send(req, JSON_TYPE, signal);
    const contentType = response.headers.get('content-type');
    if (!isMediaType(contentType, JSON_TYPE)) {
      await response.body?.cancel().catch(() => {});
      throw new ChatKitContentTypeError(JSON_TYPE, contentType);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new ChatKitConnectionError('ChatKit response body was cut off', error);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ChatKitMalformedResponseError(error);
    }
  };

  /** Reads a response's events with the SSE `id` each carries (undefined when none). */
  async function* read(
    response: Response,
    signal: AbortSignal | undefined,
    watchOffline: () => boolean,
  ): AsyncGenerator<{ event: ThreadStreamEvent; id: string | undefined }, void, undefined> {
    const contentType = response.headers.get('content-type');
    if (!isMediaType(contentType, SSE_TYPE)) {
      await response.body?.cancel().catch(() => {});
      throw new ChatKitContentTypeError(SSE_TYPE, contentType);
    }
    if (!response.body) throw new ChatKitConnectionError('ChatKit stream response has no body');
    const reader = response.body.getReader();
    const decoder = new SSEDecoder();
    let finished = false;
    let offline = false;
    // Some fetch implementations do not error the body when the signal fires;
    // cancelling the reader ourselves ends a pending read() in every case.
    const onAbort = () => {
      reader.cancel(signal?.reason).catch(() => {});
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // A resumable stream is dropped as soon as the browser goes offline: its
    // connection is likely dead, and waiting for TCP to say so takes minutes.
    const off = onNetwork('offline', () => {
      if (!watchOffline()) return;
      offline = true;
      reader.cancel().catch(() => {});
    });
    const interrupted = (cause?: unknown) =>
      new ChatKitConnectionError('ChatKit stream was interrupted', cause);
    try {
      while (true) {
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw interrupted(error);
        }
        if (signal?.aborted) throw signal.reason;
        if (offline) throw interrupted();
        if (result.done) break;
        for (const m of decoder.push(result.value)) yield { event: parseEvent(m.data), id: m.id };
      }
      finished = true;
      const tail = decoder.end();
      for (const m of tail.messages) yield { event: parseEvent(m.data), id: m.id };
      if (tail.incomplete) {
        throw new ChatKitConnectionError('ChatKit stream ended in the middle of an event');
      }
    } finally {
      off();
      signal?.removeEventListener('abort', onAbort);
      // Early exit (break, error, abort): release the connection.
      if (!finished) await reader.cancel().catch(() => {});
      else reader.releaseLock();
    }
  }

  const key = String(url);
  const resumeOptions = options.resume === false ? null : (options.resume ?? {});

  /**
   * Asks for the rest of a broken turn until an SSE answer comes or time runs out.
   * Throws the original break when the server refuses resume; HTTP 410 (the turn is
   * no longer kept: reload the thread), 401, 403 and 404 as ChatKitHttpError.
   */
  const reconnect = async (
    threadId: string,
    lastEventId: string,
    broken: ChatKitConnectionError,
    signal: AbortSignal | undefined,
  ): Promise<Response> => {
    const { timeoutMs = 60_000, baseDelayMs = 250, maxDelayMs = 5_000 } = resumeOptions ?? {};
    const until = Date.now() + timeoutMs;
    const req: ResumeThreadRequest = {
      type: 'threads.resume',
      params: { thread_id: threadId, last_event_id: lastEventId },
    };
    let last: unknown = broken;
    for (let attempt = 0; Date.now() < until; attempt++) {
      // Offline: wait for `online`, then go at once; online: back off with jitter.
      const wasOffline = isOffline();
      await pause(backoff(attempt, baseDelayMs, maxDelayMs), until, signal);
      if (wasOffline) attempt = 0;
      if (isOffline()) continue;
      let response: Response | undefined;
      try {
        response = await send(req, SSE_TYPE, signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        last = error;
        if (error instanceof ChatKitConnectionError) continue;
        if (!(error instanceof ChatKitHttpError)) throw error;
        const status = error.status;
        if ([401, 403, 404, 410].includes(status)) throw error;
        // An instance behind the proxy is down, or the server is busy: try again.
        if (status >= 500 || status === 408 || status === 429) continue;
      }
      if (response && isMediaType(response.headers.get('content-type'), SSE_TYPE)) return response;
      // Any other answer: the server does not know `threads.resume`.
      await response?.body?.cancel().catch(() => {});
      resumeSupport.set(key, false);
      throw broken;
    }
    throw new ChatKitConnectionError(
      `ChatKit stream could not be resumed within ${Math.round(timeoutMs / 1000)} s`,
      last,
    );
  };

  async function* stream(
    req: StreamingRequest | ResumeThreadRequest,
    { signal, idempotencyKey }: StreamOptions = {},
  ): AsyncGenerator<ThreadStreamEvent, void, undefined> {
    if (req.type !== 'threads.resume' && !isStreamingRequest(req)) {
      throw new TypeError(
        `"${(req as { type: string }).type}" is not a streaming request: use request()`,
      );
    }
    let threadId = 'thread_id' in req.params ? req.params.thread_id : null;
    let lastId: EventId | null = null;
    let resumed = false;
    const resumable = () =>
      resumeOptions !== null &&
      lastId !== null &&
      threadId !== null &&
      resumeSupport.get(key) !== false;
    let response = await send(req, SSE_TYPE, signal, idempotencyKey);
    while (true) {
      try {
        for await (const { event, id } of read(response, signal, resumable)) {
          const parsed = parseEventId(id);
          if (parsed) {
            // A replay never repeats what we have; guard anyway.
            if (resumed && lastId?.turn === parsed.turn && parsed.seq <= lastId.seq) continue;
            if (!resumeSupport.has(key)) resumeSupport.set(key, true);
            lastId = parsed;
          }
          if (event.type === 'thread.created') threadId = event.thread.id;
          yield event;
        }
        return;
      } catch (error) {
        if (!(error instanceof ChatKitConnectionError) || !resumable()) throw error;
        response = await reconnect(threadId!, `${lastId!.turn}:${lastId!.seq}`, error, signal);
        resumed = true;
      }
    }
  }

  return {
    request,
    stream,
    get resumable() {
      return resumeOptions !== null && resumeSupport.get(key) === true;
    },
    stopThread: (thread_id, o) =>
      json({ type: 'threads.stop', params: { thread_id } }, o?.signal) as Promise<EmptyResponse>,
  };
}

/** Parses one SSE `data` payload into an event (unknown `type`s pass through for forward compatibility). */
export function parseEvent(data: string): ThreadStreamEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw new ChatKitMalformedEventError(data, error);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    typeof (value as { type?: unknown }).type !== 'string'
  ) {
    throw new ChatKitMalformedEventError(data);
  }
  return value as ThreadStreamEvent;
}

function isMediaType(header: string | null, expected: string): boolean {
  if (!header) return false;
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase() === expected;
}

async function readErrorBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return '';
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
