// Child process for the ChatKit load benchmark with several instances: a plain
// round-robin HTTP proxy (node:http, no buffering) in front of the loopback ports
// in BENCH_UPSTREAMS (comma-separated). Request n goes to upstream n mod count;
// response bytes are piped through as they arrive, so SSE streams stay streams.
// Prints {"port"} when ready.
import { Agent, createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstreams = (process.env.BENCH_UPSTREAMS ?? '')
  .split(',')
  .map(Number)
  .filter((port) => port > 0);
if (!upstreams.length) throw new Error('BENCH_UPSTREAMS: no upstream ports');

// Hop-by-hop headers belong to one connection and are not forwarded.
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);
const forwardable = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => !HOP.has(key)));

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
let next = 0;
const server = createServer((req, res) => {
  const port = upstreams[next++ % upstreams.length]!;
  const upstream = request(
    {
      host: '127.0.0.1',
      port,
      path: req.url,
      method: req.method,
      headers: forwardable(req.headers),
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
      res.flushHeaders();
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  // The client left: stop the upstream request too (the server sees a disconnect).
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
