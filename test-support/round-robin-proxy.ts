// A plain round-robin HTTP proxy for tests with several server instances behind one
// origin: each request goes to the next upstream in turn (one that refuses the
// connection is skipped, as nginx's `proxy_next_upstream error` does); responses
// stream through unbuffered (SSE), and an upstream that dies mid-response drops the
// client's connection too, so the client sees a broken stream, never a clean end.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** `http://localhost:<port>` */
  origin: string;
  port: number;
  /** Upstream origins (`http://host:port`), in turn order; replace at any time. */
  upstreams: string[];
  /**
   * The upstream that answered each request, in order, with its method, path, the
   * response's Content-Type and, for a JSON body with a string `type` (a ChatKit
   * request), that type.
   */
  log: { upstream: string; method: string; path: string; type: string; op?: string }[];
  close(): Promise<void>;
}

/** Nothing listens there: ECONNREFUSED, or (localhost → ::1 and 127.0.0.1) one for each address. */
const refused = (error: NodeJS.ErrnoException): boolean =>
  error.code === 'ECONNREFUSED' ||
  (error instanceof AggregateError &&
    error.errors.every((e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED'));

function operation(body: Buffer): { op?: string } {
  try {
    const type = (JSON.parse(body.toString('utf8')) as { type?: unknown }).type;
    return typeof type === 'string' ? { op: type } : {};
  } catch {
    return {};
  }
}

export async function startRoundRobinProxy(upstreams: string[] = []): Promise<RoundRobinProxy> {
  let next = 0;
  const proxy: Omit<RoundRobinProxy, 'origin' | 'port' | 'close'> = { upstreams, log: [] };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    tries: number,
    index = next++,
  ): void => {
    const list = proxy.upstreams;
    if (list.length === 0 || tries >= list.length) {
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end('no upstream answered');
      return;
    }
    const upstream = list[index % list.length]!;
    const target = new URL(upstream);
    const upstreamReq = httpRequest({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      // A fresh connection per request: a dead instance then refuses it (and is skipped)
      // instead of resetting a pooled socket under a request it may have received.
      agent: false,
      // Host stays the public one (the instances build URLs from BETTER_AUTH_URL anyway).
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
    });
    upstreamReq.on('response', (upstreamRes) => {
      proxy.log.push({
        upstream,
        method: req.method ?? '',
        path: req.url ?? '',
        type: String(upstreamRes.headers['content-type'] ?? ''),
        ...operation(body),
      });
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      res.flushHeaders();
      upstreamRes.on('data', (chunk: Buffer) => res.write(chunk));
      upstreamRes.on('end', () => res.end());
      // Died mid-response: break the client's connection as well.
      upstreamRes.on('close', () => {
        if (!upstreamRes.complete) res.destroy();
      });
    });
    upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // Nothing reached that instance: try the next one.
      if (refused(error)) forward(req, res, body, tries + 1, index + 1);
      else res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(error.code));
    });
    // The client went away: so does the upstream request.
    res.on('close', () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
    upstreamReq.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy as RoundRobinProxy, {
    origin: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
