// The Node adapter: Node's http module (and Connect/Express) onto the Fetch
// API handler. The only module of the handler that touches `node:` built-ins,
// and it loads `node:stream` lazily so the Fetch path runs without it.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatKitRequestContext } from './options.js';

export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  context: ChatKitRequestContext,
) => Promise<void>;

type FetchHandler = (request: Request, context: ChatKitRequestContext) => Promise<Response>;

/** Wraps a Fetch handler for Node: a client disconnect aborts the request, writes honour `drain`. */
export function nodeAdapter(fetch: FetchHandler): NodeHandler {
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
    let request: Request;
    try {
      request = await toRequest(req, abort.signal);
    } catch (error) {
      if (clientGone(req, res)) return;
      throw error;
    }
    const response = await fetch(request, ctx);
    if (res.headersSent || res.destroyed) {
      await response.body?.cancel().catch(() => {});
      return;
    }
    await writeResponse(response, res);
    // Unread request bytes (e.g. after a 413) must not keep the socket busy.
    if (!req.complete) req.resume();
  };
}

function clientGone(req: IncomingMessage, res: ServerResponse): boolean {
  // Not `req.destroyed`: a body parser that read the whole stream destroys it too.
  return res.destroyed || req.socket.destroyed || !req.socket.writable;
}

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
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
  return new Request(`${protocol}://${host}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(body !== undefined ? { body, duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
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
}
