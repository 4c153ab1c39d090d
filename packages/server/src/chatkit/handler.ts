// createChatKitHandler: one endpoint speaking the ChatKit protocol for the
// verified user. `fetch` serves Fetch API runtimes (Hono, Next, Workers);
// `node` adapts Node's http module (and Connect/Express) onto the same code.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  Attachment,
  ChatKitRequest,
  StreamingRequest,
  StructuredInputItem,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
} from '@chat-widget/protocol';
import { isStreamingRequest } from '@chat-widget/protocol';
import { badRequest, ChatKitRequestError, notFound } from './errors.js';
import { newId, timestamp } from './ids.js';
import type { RespondContext, Responder } from './responder.js';
import { allItems, type Emit, runTurn } from './run.js';
import {
  type ChatKitStore,
  createThreadWithItems,
  InvalidCursorError,
  type StoredAttachment,
} from './store.js';
import { parseChatKitRequest } from './validate.js';
import { isHidden, wireAttachment, wireItems, wireThread } from './wire.js';

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
}

export interface ChatKitHandler {
  /** Fetch API entry point; never throws. */
  fetch(request: Request, context: ChatKitRequestContext): Promise<Response>;
  /** Node http/Connect/Express entry point; the body must not have been consumed. */
  node(req: IncomingMessage, res: ServerResponse, context: ChatKitRequestContext): Promise<void>;
  /**
   * Graceful shutdown: new requests get 503, running turns get `graceMs` (default 0)
   * to finish, the rest are stopped like a client disconnect; resolves once every
   * turn has saved its state — close your database after this.
   */
  close(options?: { graceMs?: number }): Promise<void>;
  /** Requests and streaming turns in progress. */
  readonly active: number;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};
/** Events buffered for a slow client before the responder is paused. */
const STREAM_BUFFER_EVENTS = 64;
// Stateless between non-streaming decode/encode calls, so one of each serves every request.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

export function defaultTitle(text: string): string | undefined {
  const flat = text
    .replace(/\[\[[a-z-]+\]\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!flat) return undefined;
  return flat.length <= 60 ? flat : `${flat.slice(0, 59).trimEnd()}…`;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });

const errorResponse = (error: ChatKitRequestError) =>
  json(
    { error: { code: error.code, message: error.message } },
    error.status,
    error.status === 413 ? { connection: 'close' } : {},
  );

async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () =>
    new ChatKitRequestError(413, 'ERR_PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`);
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

interface PreparedTurn {
  thread: ThreadMetadata;
  /** Events that precede the responder run (thread.created, the user message). */
  prelude: ThreadStreamEvent[];
  context: Omit<RespondContext, 'signal' | 'thread' | 'items' | 'userId'>;
  /** Use this responder instead of `respond` (custom actions). */
  responder?: Responder;
  /** Skip the responder: just send the prelude (e.g. a refused custom action). */
  only?: boolean;
}

export function createChatKitHandler(options: ChatKitHandlerOptions): ChatKitHandler {
  const { store, respond } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const maxUploadBytes = options.maxUploadBytes ?? 10 << 20;
  const pageSize = options.pageSize ?? 20;
  const maxPageSize = options.maxPageSize ?? 100;
  const title = options.title ?? defaultTitle;
  const onError = options.onError ?? ((error: unknown) => console.error('[chatkit]', error));

  const pageLimit = (limit: number | null | undefined) =>
    Math.min(limit && limit > 0 ? limit : pageSize, maxPageSize);

  const endpointUrl = (request: Request) => {
    if (typeof options.publicUrl === 'function') return options.publicUrl(request);
    if (options.publicUrl) return options.publicUrl;
    const url = new URL(request.url);
    url.search = '';
    url.hash = '';
    return url.toString();
  };
  const withQuery = (base: string, key: string, value: string) => {
    const url = new URL(base);
    url.searchParams.set(key, value);
    return url.toString();
  };

  const ownedThread = async (userId: string, threadId: string) => {
    const thread = await store.loadThread(userId, threadId);
    // Someone else's thread and a missing one look the same: 404, never 403.
    if (!thread) throw notFound('Thread');
    return thread;
  };

  const buildUserMessage = async (
    userId: string,
    thread: ThreadMetadata,
    input: UserMessageInput,
  ): Promise<UserMessageItem> => {
    const attachments: Attachment[] = [];
    const records: StoredAttachment[] = [];
    for (const attachmentId of input.attachments) {
      const record = await store.loadAttachment(userId, attachmentId);
      if (!record) throw notFound(`Attachment ${JSON.stringify(attachmentId)}`);
      if (!record.uploaded)
        throw badRequest(`Attachment ${attachmentId} has not been uploaded yet`);
      if (record.attachment.thread_id && record.attachment.thread_id !== thread.id) {
        throw badRequest(`Attachment ${attachmentId} belongs to another thread`);
      }
      records.push(record);
    }
    for (const record of records) {
      record.attachment = { ...wireAttachment(record.attachment), thread_id: thread.id };
      await store.saveAttachment(userId, record);
      attachments.push(record.attachment);
    }
    const item: UserMessageItem = {
      id: newId('msg'),
      thread_id: thread.id,
      created_at: timestamp(),
      type: 'user_message',
      content: input.content,
      attachments,
      ...(typeof input.quoted_text === 'string' ? { quoted_text: input.quoted_text } : {}),
      inference_options: input.inference_options,
    };
    return item;
  };

  /** Validates and persists everything a streaming request needs before the 200 is committed. */
  const prepareTurn = async (
    request: StreamingRequest,
    ctx: ChatKitRequestContext,
  ): Promise<PreparedTurn> => {
    const { userId } = ctx;
    const claims = ctx.claims;
    switch (request.type) {
      case 'threads.create': {
        const thread: ThreadMetadata = {
          id: newId('thr'),
          created_at: timestamp(),
          status: { type: 'active' },
          metadata: {},
        };
        const message = await buildUserMessage(userId, thread, request.params.input);
        await createThreadWithItems(store, userId, thread, [message]);
        return {
          thread,
          prelude: [
            { type: 'thread.created', thread: wireThread(thread) },
            { type: 'thread.item.done', item: message },
          ],
          context: { claims, userMessage: message, trigger: 'message' },
        };
      }
      case 'threads.add_user_message': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const message = await buildUserMessage(userId, thread, request.params.input);
        await store.addItem(userId, thread.id, message);
        return {
          thread,
          prelude: [{ type: 'thread.item.done', item: message }],
          context: { claims, userMessage: message, trigger: 'message' },
        };
      }
      case 'threads.retry_after_item': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const items = await allItems(store, userId, thread.id);
        const index = items.findIndex((item) => item.id === request.params.item_id);
        if (index < 0) throw notFound('Item');
        const message = items[index]!;
        if (message.type !== 'user_message')
          throw badRequest('params.item_id must name a user message');
        // Newer items go silently: the client drops them itself.
        for (const item of items.slice(index + 1).reverse())
          await store.deleteItem(userId, thread.id, item.id);
        return { thread, prelude: [], context: { claims, userMessage: message, trigger: 'retry' } };
      }
      case 'threads.add_client_tool_output': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const recent = await store.listItems(userId, thread.id, { limit: 20, order: 'desc' });
        const newest = recent.data.find((item) => !isHidden(item));
        if (newest?.type !== 'client_tool_call' || newest.status !== 'pending') {
          throw new ChatKitRequestError(
            409,
            'ERR_CONFLICT',
            'The thread has no pending client tool call',
          );
        }
        newest.status = 'completed';
        newest.output = request.params.result;
        await store.saveItem(userId, thread.id, newest);
        for (const item of recent.data) {
          if (item !== newest && item.type === 'client_tool_call' && item.status === 'pending') {
            await store.deleteItem(userId, thread.id, item.id);
          }
        }
        return {
          thread,
          prelude: [],
          context: { claims, userMessage: null, trigger: 'client_tool_output', toolCall: newest },
        };
      }
      case 'threads.add_structured_input': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const item = await store.loadItem(userId, thread.id, request.params.item_id);
        if (!item) throw notFound('Item');
        if (item.type !== 'structured_input' || item.status !== 'pending') {
          throw new ChatKitRequestError(
            409,
            'ERR_CONFLICT',
            'params.item_id is not a pending structured input',
          );
        }
        const answered = answerStructuredInput(item, request.params.input);
        await store.saveItem(userId, thread.id, answered);
        return {
          thread,
          prelude: [{ type: 'thread.item.replaced', item: answered }],
          context: { claims, userMessage: null, trigger: 'message' },
        };
      }
      case 'threads.custom_action': {
        const thread = await ownedThread(userId, request.params.thread_id);
        let actionItem: ThreadItem | undefined;
        if (request.params.item_id) {
          actionItem = await store.loadItem(userId, thread.id, request.params.item_id);
          if (!actionItem) throw notFound('Item');
          if (actionItem.type !== 'widget') {
            // What the SDK does: a lone error event, no responder run.
            return {
              thread,
              prelude: [{ type: 'error', code: 'stream.error', allow_retry: false }],
              context: { claims, userMessage: null, trigger: 'custom_action' },
              only: true,
            };
          }
        }
        return {
          thread,
          prelude: [],
          context: {
            claims,
            userMessage: null,
            trigger: 'custom_action',
            action: request.params.action,
            ...(actionItem ? { actionItem } : {}),
          },
          ...(options.action ? { responder: options.action } : {}),
        };
      }
    }
  };

  /** Streaming turns still running (their persistence included). */
  const turns = new Set<{ abort: AbortController; done: Promise<void> }>();
  /** Requests still being prepared (before a Response exists). */
  const requests = new Set<Promise<Response>>();
  let shuttingDown = false;

  const streamResponse = (
    prepared: PreparedTurn,
    ctx: ChatKitRequestContext,
    requestSignal: AbortSignal | undefined,
  ) => {
    const abort = new AbortController();
    const turn = { abort, done: Promise.resolve() };
    let closed = false;
    // Backpressure: the responder is pulled only while fewer than STREAM_BUFFER_EVENTS events
    // wait for the client; `pull` fires when the reader drains the queue.
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
              turns.delete(turn);
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
    turns.add(turn);
    if (shuttingDown) abort.abort(new Error('server shutting down'));
    return new Response(stream, { status: 200, headers: SSE_HEADERS });
  };

  const handleRequest = async (
    request: ChatKitRequest,
    ctx: ChatKitRequestContext,
    http: Request,
  ): Promise<Response> => {
    const { userId } = ctx;
    if (isStreamingRequest(request)) {
      const prepared = await prepareTurn(request, ctx);
      return streamResponse(prepared, ctx, http.signal);
    }
    switch (request.type) {
      case 'threads.get_by_id': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const page = await store.listItems(userId, thread.id, { limit: pageSize, order: 'asc' });
        return json(wireThread(thread, wireItems(page)));
      }
      case 'threads.list': {
        const page = await store.listThreads(userId, {
          limit: pageLimit(request.params.limit),
          order: request.params.order ?? 'desc',
          after: request.params.after ?? undefined,
        });
        const body: Record<string, unknown> = {
          data: page.data.map((t) => wireThread(t)),
          has_more: page.has_more,
        };
        if (page.after !== undefined) body.after = page.after;
        return json(body);
      }
      case 'threads.update': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const newTitle = request.params.title.trim();
        if (newTitle) thread.title = newTitle;
        else delete thread.title;
        await store.updateThread(userId, thread);
        return json(wireThread(thread));
      }
      case 'threads.delete': {
        await ownedThread(userId, request.params.thread_id);
        await store.deleteThread(userId, request.params.thread_id);
        return json({});
      }
      case 'items.list': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const page = await store.listItems(userId, thread.id, {
          limit: pageLimit(request.params.limit),
          order: request.params.order ?? 'desc',
          after: request.params.after ?? undefined,
        });
        return json(wireItems(page));
      }
      case 'items.feedback': {
        const thread = await ownedThread(userId, request.params.thread_id);
        for (const itemId of request.params.item_ids) {
          const item = await store.loadItem(userId, thread.id, itemId);
          if (!item || isHidden(item)) throw notFound(`Item ${JSON.stringify(itemId)}`);
        }
        await store.saveFeedback(userId, thread.id, request.params.item_ids, request.params.kind);
        return json({});
      }
      case 'attachments.create': {
        const { name, size, mime_type } = request.params;
        if (size > maxUploadBytes) {
          throw new ChatKitRequestError(
            413,
            'ERR_PAYLOAD_TOO_LARGE',
            `Attachments are limited to ${maxUploadBytes} bytes`,
          );
        }
        const id = newId('atc');
        const base = endpointUrl(http);
        const upload_descriptor = {
          url: withQuery(base, 'upload', id),
          method: 'POST' as const,
          headers: {},
        };
        const attachment: Attachment = mime_type.startsWith('image/')
          ? {
              id,
              name,
              mime_type,
              upload_descriptor,
              type: 'image',
              preview_url: withQuery(base, 'attachment', id),
            }
          : { id, name, mime_type, upload_descriptor, type: 'file' };
        await store.saveAttachment(userId, {
          attachment,
          size,
          uploaded: false,
          created_at: timestamp(),
        });
        return json(attachment);
      }
      case 'attachments.delete': {
        if (!(await store.deleteAttachment(userId, request.params.attachment_id)))
          throw notFound('Attachment');
        return json({});
      }
      case 'input.transcribe': {
        if (!options.transcribe) {
          throw new ChatKitRequestError(
            400,
            'ERR_UNSUPPORTED_OPERATION',
            'input.transcribe is not enabled on this server',
          );
        }
        const base64 = request.params.audio_base64.replace(/\s+/g, '');
        if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
          throw badRequest('params.audio_base64 is not base64');
        }
        const audio = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        return json({ text: await options.transcribe(audio, request.params.mime_type, ctx) });
      }
      case 'threads.sync_custom_action': {
        const thread = await ownedThread(userId, request.params.thread_id);
        const item = request.params.item_id
          ? await store.loadItem(userId, thread.id, request.params.item_id)
          : undefined;
        if (request.params.item_id && !item) throw notFound('Item');
        const updated = options.syncAction
          ? await options.syncAction({ userId, thread, action: request.params.action, item })
          : undefined;
        if (updated) await store.saveItem(userId, thread.id, updated);
        return json(updated ? { updated_item: updated } : {});
      }
    }
  };

  /** Second phase of a two-phase upload: the bytes, as multipart (`file`) or raw. */
  const handleUpload = async (http: Request, attachmentId: string, ctx: ChatKitRequestContext) => {
    if (http.method !== 'POST' && http.method !== 'PUT') {
      throw new ChatKitRequestError(405, 'ERR_METHOD_NOT_ALLOWED', 'Upload with POST or PUT');
    }
    const record = await store.loadAttachment(ctx.userId, attachmentId);
    if (!record) throw notFound('Attachment');
    const body = await readBody(http, maxUploadBytes + 64 * 1024);
    let data = body;
    const type = http.headers.get('content-type') ?? '';
    if (type.startsWith('multipart/form-data')) {
      let form: FormData;
      try {
        form = await new Request('http://upload.invalid/', {
          method: 'POST',
          headers: { 'content-type': type },
          body: body as Uint8Array<ArrayBuffer>,
        }).formData();
      } catch {
        throw badRequest('Malformed multipart body');
      }
      const file = form.get('file');
      if (!file || typeof file === 'string') throw badRequest('Multipart body has no "file" field');
      data = new Uint8Array(await file.arrayBuffer());
    }
    if (data.byteLength > maxUploadBytes) {
      throw new ChatKitRequestError(
        413,
        'ERR_PAYLOAD_TOO_LARGE',
        `Attachments are limited to ${maxUploadBytes} bytes`,
      );
    }
    await store.saveAttachmentData(ctx.userId, attachmentId, data);
    record.uploaded = true;
    record.size = data.byteLength;
    record.attachment = wireAttachment(record.attachment);
    await store.saveAttachment(ctx.userId, record);
    return json(record.attachment);
  };

  const handleDownload = async (attachmentId: string, ctx: ChatKitRequestContext) => {
    const record = await store.loadAttachment(ctx.userId, attachmentId);
    const data = record && (await store.loadAttachmentData(ctx.userId, attachmentId));
    if (!record || !data) throw notFound('Attachment');
    const inline = record.attachment.type === 'image';
    return new Response(data as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': inline ? record.attachment.mime_type : 'application/octet-stream',
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.attachment.name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=300',
      },
    });
  };

  const fetchHandler = async (http: Request, ctx: ChatKitRequestContext): Promise<Response> => {
    try {
      if (!ctx || typeof ctx.userId !== 'string' || ctx.userId === '') {
        throw new TypeError('createChatKitHandler: context.userId (the verified user) is required');
      }
      const url = new URL(http.url);
      const upload = url.searchParams.get('upload');
      if (upload) return await handleUpload(http, upload, ctx);
      const download = url.searchParams.get('attachment');
      if (download && (http.method === 'GET' || http.method === 'HEAD'))
        return await handleDownload(download, ctx);
      if (http.method !== 'POST') {
        const error = new ChatKitRequestError(
          405,
          'ERR_METHOD_NOT_ALLOWED',
          'Use POST with a JSON body',
        );
        const response = errorResponse(error);
        response.headers.set('allow', 'POST');
        return response;
      }
      const bytes = await readBody(http, maxBodyBytes);
      let body: unknown;
      try {
        body = JSON.parse(utf8Decoder.decode(bytes));
      } catch {
        throw new ChatKitRequestError(
          400,
          'ERR_INVALID_JSON',
          'Request body is not valid UTF-8 JSON',
        );
      }
      return await handleRequest(parseChatKitRequest(body), ctx, http);
    } catch (error) {
      if (error instanceof ChatKitRequestError) return errorResponse(error);
      if (error instanceof InvalidCursorError)
        return errorResponse(new ChatKitRequestError(400, 'ERR_INVALID_CURSOR', error.message));
      onError(error);
      return errorResponse(new ChatKitRequestError(500, 'ERR_INTERNAL', 'Internal server error'));
    }
  };

  const nodeHandler = async (
    req: IncomingMessage,
    res: ServerResponse,
    ctx: ChatKitRequestContext,
  ) => {
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort(new Error('client disconnected'));
    };
    res.on('close', onClose);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(key, v);
      else headers.set(key, value);
    }
    const host = req.headers.host ?? 'localhost';
    const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    // Imported lazily so the Fetch-API path also loads on runtimes without node:stream.
    const { Readable } = await import('node:stream');
    // A body parser that ran first (express.json()) leaves `req.body` and an empty stream.
    const parsed = (req as { body?: unknown }).body;
    let body: BodyInit | undefined;
    if (hasBody && req.readableEnded && parsed !== undefined) {
      body =
        typeof parsed === 'string' || parsed instanceof Uint8Array
          ? (parsed as BodyInit)
          : JSON.stringify(parsed);
      headers.delete('content-length');
    } else if (hasBody) {
      body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    }
    const request = new Request(`${protocol}://${host}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      signal: abort.signal,
      ...(body !== undefined ? { body, duplex: 'half' } : {}),
    } as RequestInit);
    const response = await trackedFetch(request, ctx);
    if (res.headersSent || res.destroyed) {
      await response.body?.cancel().catch(() => {});
      return;
    }
    const outHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      outHeaders[key] = value;
    });
    res.writeHead(response.status, outHeaders);
    if (typeof res.flushHeaders === 'function') res.flushHeaders();
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    const cancel = () => reader.cancel(new Error('client disconnected')).catch(() => {});
    res.on('close', cancel);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (res.destroyed) break;
        if (!res.write(value)) {
          await new Promise<void>((resolve) => {
            const resume = () => {
              res.off('drain', resume);
              res.off('close', resume);
              resolve();
            };
            res.on('drain', resume);
            res.on('close', resume);
          });
        }
      }
    } catch {
      /* the stream was cancelled because the client left */
    } finally {
      res.off('close', cancel);
      if (!res.destroyed) res.end();
    }
    // Unread request bytes (e.g. after a 413) must not keep the socket busy.
    if (!req.complete) req.resume();
  };

  const trackedFetch = (http: Request, ctx: ChatKitRequestContext): Promise<Response> => {
    if (shuttingDown) {
      return Promise.resolve(
        errorResponse(
          new ChatKitRequestError(503, 'ERR_SHUTTING_DOWN', 'The server is shutting down'),
        ),
      );
    }
    const pending = fetchHandler(http, ctx);
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
  };

  return {
    fetch: trackedFetch,
    node: nodeHandler,
    close,
    get active() {
      return requests.size + turns.size;
    },
  };
}

function answerStructuredInput(
  item: StructuredInputItem,
  submission: {
    status?: 'answered' | 'skipped';
    answers?: Record<string, { values?: string[]; skipped?: boolean }>;
  },
): StructuredInputItem {
  const skippedAll = submission.status === 'skipped';
  return {
    ...item,
    status: skippedAll ? 'skipped' : 'answered',
    inputs: item.inputs.map((question) => {
      const answer = submission.answers?.[question.id];
      let values = Array.isArray(answer?.values)
        ? answer.values.filter((v) => typeof v === 'string')
        : [];
      const skipped = skippedAll || !answer || answer.skipped === true || values.length === 0;
      if (skipped) values = [];
      if (question.type === 'multiple_choice' && !question.multiple) values = values.slice(0, 1);
      return { ...question, answer: { values, skipped } };
    }),
  };
}
