// The Node adapter: Node's http module (and Connect/Express) onto the handler's
// core. The only module of the handler that touches `node:` built-ins.
//
// Two ways in, one core: a ChatKit operation (a POST without a query string) is
// read straight from the IncomingMessage (body bytes → JSON) and its SSE reply is
// written straight to the ServerResponse: no Request, Response or ReadableStream
// per request. Anything else (uploads and downloads, other methods) becomes a
// Fetch Request as before. Both feed the same ChatKitCore, so routing,
// validation, status codes and messages are the same code either way.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBatcher } from './batch.js';
import type { ChatKitCore } from './fetch-handler.js';
import { type ChatKitCall, fetchCall, parseJson, payloadTooLarge } from './http.js';
import type { ChatKitRequestContext } from './options.js';
import { type Reply, SseReply, type SseSink } from './sse-response.js';

export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  context: ChatKitRequestContext,
) => Promise<void>;

type StreamModule = { Readable: typeof import('node:stream').Readable };
// Loaded once, on the first request that needs it (uploads, downloads), so the
// module also loads on runtimes without node:stream.
let streamModule: Promise<StreamModule> | undefined;

/** Wraps the core for Node: a client disconnect aborts the request, writes honour `drain`. */
export function nodeAdapter(core: ChatKitCore): NodeHandler {
  return async (req, res, ctx) => {
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort(new Error('client disconnected'));
    };
    res.on('close', onClose);
    // The client may have left while the host's middleware ran (a half-closed or reset
    // socket): its request stream is gone and there is nobody to answer. Never reject:
    // hosts call this with `void handler.node(…)`, and a rejection would end the process.
    if (clientGone(req, res)) return;
    let call: ChatKitCall;
    if (req.method === 'POST' && !req.url?.includes('?')) {
      call = nodeCall(req, abort.signal);
    } else {
      try {
        call = fetchCall(await toRequest(req, abort.signal));
      } catch (error) {
        if (clientGone(req, res)) return;
        throw error;
      }
    }
    const reply = await core.serve(call, ctx);
    if (res.headersSent || res.destroyed) {
      if (reply instanceof SseReply) reply.cancel(new Error('client disconnected'));
      else await reply.body?.cancel().catch(() => {});
      return;
    }
    await writeReply(reply, res);
    // Unread request bytes (e.g. after a 413) must not keep the socket busy.
    if (!req.complete) req.resume();
  };
}

function clientGone(req: IncomingMessage, res: ServerResponse): boolean {
  // Not `req.destroyed`: a body parser that read the whole stream destroys it too.
  return res.destroyed || req.socket.destroyed || !req.socket.writable;
}

function requestUrl(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return `${protocol}://${host}${req.url ?? '/'}`;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  return headers;
}

/** What a body parser that ran first (express.json()) left in `req.body`, as bytes. */
function parsedBody(req: IncomingMessage): Uint8Array | undefined {
  const parsed = (req as { body?: unknown }).body;
  if (!req.readableEnded || parsed === undefined) return undefined;
  if (parsed instanceof Uint8Array) return parsed;
  return Buffer.from(typeof parsed === 'string' ? parsed : JSON.stringify(parsed));
}

/** The body's bytes; 413 as soon as they are known to exceed `limit`. */
function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const ready = parsedBody(req);
  if (ready) {
    if (ready.byteLength > limit) return Promise.reject(payloadTooLarge(limit));
    return Promise.resolve(ready);
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.reject(payloadTooLarge(limit));
  if (req.readableEnded) return Promise.resolve(new Uint8Array());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        cleanup();
        req.pause();
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** A ChatKit operation read straight from the IncomingMessage. */
function nodeCall(req: IncomingMessage, signal: AbortSignal): ChatKitCall {
  let request: Request | undefined;
  return {
    method: req.method ?? 'GET',
    query: () => null, // only used for requests without a query string
    header(name) {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    signal,
    json: async (limit) => parseJson(await readBytes(req, limit)),
    // Asked for after the body was read (attachments.create's `publicUrl`): headers only.
    request() {
      request ??= new Request(requestUrl(req), {
        method: req.method ?? 'GET',
        headers: requestHeaders(req),
        signal,
      });
      return request;
    },
  };
}

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const headers = requestHeaders(req);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const parsed = parsedBody(req);
  let body: BodyInit | undefined;
  if (hasBody && parsed) {
    body = parsed as BodyInit;
    headers.delete('content-length');
  } else if (hasBody) {
    streamModule ??= import('node:stream');
    const { Readable } = await streamModule;
    body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  }
  return new Request(requestUrl(req), {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(body !== undefined ? { body, duplex: 'half' } : {}),
  } as RequestInit);
}

function writeReply(reply: Reply, res: ServerResponse): Promise<void> {
  return reply instanceof SseReply ? pipeSse(reply, res) : writeResponse(reply, res);
}

/**
 * An SSE reply written straight to the response. The status and headers go out with
 * the first frames, in one write (or alone on `flush`, when a reader is about to wait).
 */
function pipeSse(reply: SseReply, res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    let ended = false;
    let waiting: Array<() => void> = [];
    const wake = () => {
      const waiters = waiting;
      waiting = [];
      for (const resume of waiters) resume();
    };
    const head = () => {
      if (!res.headersSent) res.writeHead(reply.status, reply.headers);
    };
    const finish = () => {
      ended = true;
      res.off('close', onClose);
      res.off('drain', wake);
      wake();
      resolve();
    };
    const onClose = () => {
      if (ended) return;
      finish();
      reply.cancel(new Error('client disconnected'));
    };
    res.on('close', onClose);
    res.on('drain', wake);
    // Frames written in one burst of work (a slice, fair.ts) go out as one chunk: one
    // res.write per burst instead of one per event (each is a chunk header, the
    // data and a CRLF in the socket's queue).
    let bufferedLength = 0;
    const frames = createBatcher<string>((texts) => {
      bufferedLength = 0;
      if (ended || res.destroyed) return;
      head();
      res.write(texts.join(''));
    });
    const sink: SseSink = {
      write(text) {
        if (ended || res.destroyed) return false;
        frames.push(text);
        bufferedLength += text.length;
        return bufferedLength + res.writableLength < res.writableHighWaterMark;
      },
      ready() {
        frames.flush();
        if (ended || res.destroyed || !res.writableNeedDrain) return Promise.resolve();
        return new Promise<void>((resume) => waiting.push(resume));
      },
      flush() {
        frames.flush();
        if (ended || res.headersSent) return;
        head();
        res.flushHeaders();
      },
      close() {
        if (ended) return;
        // What is still buffered goes out with the end (http corks both into one write).
        frames.flush();
        finish();
        if (res.destroyed) return;
        head();
        res.end();
      },
      // The stream broke mid-way: end it (the status is already 200).
      error() {
        sink.close();
      },
    };
    if (res.destroyed) {
      onClose();
      return;
    }
    reply.start(sink);
  });
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    outHeaders[key] = value;
  });
  if (!response.body) {
    res.writeHead(response.status, outHeaders).end();
    return;
  }
  // A JSON answer is small and complete: headers and body in one write.
  if (outHeaders['content-type']?.startsWith('application/json')) {
    const body = Buffer.from(await response.arrayBuffer());
    if (!res.destroyed) res.writeHead(response.status, outHeaders).end(body);
    return;
  }
  res.writeHead(response.status, outHeaders);
  if (typeof res.flushHeaders === 'function') res.flushHeaders();
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
}
