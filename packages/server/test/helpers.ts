// Shared test helpers: a JWKS server we can break on purpose, jose-made attack
// tokens, and small ChatKit request/SSE utilities.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ThreadStreamEvent } from '@chat-widget/protocol';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export const ISSUER = 'http://issuer.test';
export const AUDIENCE = 'http://issuer.test';

export interface TestKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(kid: string, alg = 'EdDSA'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg };
  return { kid, alg, privateKey, publicJwk };
}

export interface SignOptions {
  sub?: string | null;
  iss?: string | null;
  aud?: string | string[] | null;
  exp?: number | null; // seconds from now
  nbf?: number; // seconds from now
  kid?: string | null;
  alg?: string;
  extraHeader?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

/** A token signed with `key` (claims default to a valid one). null drops a claim. */
export async function sign(key: TestKey, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...options.claims };
  if (options.sub !== null) payload.sub = options.sub ?? 'user-1';
  if (options.iss !== null) payload.iss = options.iss ?? ISSUER;
  if (options.aud !== null) payload.aud = options.aud ?? AUDIENCE;
  if (options.exp !== null) payload.exp = now + (options.exp ?? 600);
  if (options.nbf !== undefined) payload.nbf = now + options.nbf;
  payload.iat = now;
  const header: Record<string, unknown> = { alg: options.alg ?? key.alg, ...options.extraHeader };
  if (options.kid !== null) header.kid = options.kid ?? key.kid;
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
}

export type JwksMode = 'ok' | 'down' | 'garbage' | 'slow' | 'empty' | 'html';

/** A JWKS endpoint we can rotate, break and count. */
export interface JwksServer {
  url: string;
  keys: JWK[];
  mode: JwksMode;
  /** Delay for 'slow' (ms). */
  slowMs: number;
  fetches: () => number;
  close: () => Promise<void>;
}

export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  let count = 0;
  const state = { keys, mode: 'ok' as JwksMode, slowMs: 10_000 };
  const server: Server = createServer(async (_req: IncomingMessage, res: ServerResponse) => {
    count++;
    switch (state.mode) {
      case 'down':
        res.writeHead(503).end('unavailable');
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys": [tru');
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
        return;
      case 'empty':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}');
        return;
      case 'slow': {
        const timer = setTimeout(() => res.end(JSON.stringify({ keys: state.keys })), state.slowMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      default:
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ keys: state.keys }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks`,
    get keys() {
      return state.keys;
    },
    set keys(value) {
      state.keys = value;
    },
    get mode() {
      return state.mode;
    },
    set mode(value) {
      state.mode = value;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(value) {
      state.slowMs = value;
    },
    fetches: () => count,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Parses a complete SSE body of `data: <json>\n\n` frames, asserting the framing. */
export function parseSse(text: string): ThreadStreamEvent[] {
  if (text === '') return [];
  if (!text.endsWith('\n\n'))
    throw new Error(`SSE body does not end with a blank line: ${text.slice(-80)}`);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      if (!frame.startsWith('data: ') || frame.includes('\n'))
        throw new Error(`bad SSE frame: ${frame}`);
      const payload = frame.slice(6);
      const event = JSON.parse(payload) as ThreadStreamEvent;
      if (JSON.stringify(event) !== payload) throw new Error(`SSE JSON is not compact: ${payload}`);
      return event;
    });
}

/** The shape of a JSON value: keys (sorted) and value types, ids/timestamps ignored. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

export const userInput = (text: string, attachments: string[] = []) => ({
  content: [{ type: 'input_text', text }],
  attachments,
  quoted_text: '',
  inference_options: {},
});

/** Posts ChatKit requests to a handler as one user. */
export function chatkitClient(
  handler: { fetch(request: Request, context: { userId: string }): Promise<Response> },
  userId: string,
  url = 'http://app.test/api/chatkit',
) {
  const post = (body: unknown, init: RequestInit = {}) =>
    handler.fetch(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
      }),
      { userId },
    );
  return {
    post,
    /** A non-streaming op: status + parsed JSON. */
    async json<T = Record<string, unknown>>(
      type: string,
      params: unknown,
    ): Promise<{ status: number; body: T }> {
      const response = await post({ type, params });
      return { status: response.status, body: (await response.json()) as T };
    },
    /** A streaming op: asserts 200 text/event-stream, returns the events. */
    async stream(type: string, params: unknown): Promise<ThreadStreamEvent[]> {
      const response = await post({ type, params });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${type} → ${response.status}: ${text}`);
      if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
        throw new Error(`${type} → ${response.headers.get('content-type')}`);
      }
      return parseSse(text);
    },
  };
}
