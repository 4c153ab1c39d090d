// HTTP plumbing shared by the handler's parts: JSON and error responses, and
// reading a request body under a byte limit.

import { ChatKitRequestError } from './errors.js';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

// Stateless between non-streaming decode calls, so one serves every request.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });

/** `{"error":{"code","message"}}` with the error's status; a 413 also closes the connection. */
export const errorResponse = (error: ChatKitRequestError) =>
  json(
    { error: { code: error.code, message: error.message } },
    error.status,
    error.status === 413 ? { connection: 'close' } : {},
  );

/** One request as the handler's core sees it, whichever server API delivered it. */
export interface ChatKitCall {
  readonly method: string;
  /** A query parameter, or null. */
  query(name: string): string | null;
  /** A request header (lower-case name), or null. */
  header(name: string): string | null;
  /** Fires when the client leaves. */
  readonly signal: AbortSignal | undefined;
  /** The body parsed as JSON: 413 past `limit` bytes, 400 when it is not UTF-8 JSON. */
  json(limit: number): Promise<unknown>;
  /** The request as a Fetch Request (uploads, downloads, `publicUrl`). */
  request(): Request;
}

/** A Fetch Request as a ChatKitCall. */
export function fetchCall(http: Request): ChatKitCall {
  let url: URL | undefined;
  return {
    method: http.method,
    query(name) {
      url ??= new URL(http.url);
      return url.searchParams.get(name);
    },
    header: (name) => http.headers.get(name),
    signal: http.signal,
    json: (limit) => readJson(http, limit),
    request: () => http,
  };
}

export const payloadTooLarge = (limit: number) =>
  new ChatKitRequestError(413, 'ERR_PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`);

/** The whole body, or a 413 as soon as it is known to exceed `limit` bytes. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () => payloadTooLarge(limit);
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

/** The body parsed as UTF-8 JSON, or 400 ERR_INVALID_JSON. */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  return parseJson(await readBody(request, limit));
}

/** UTF-8 JSON bytes parsed, or 400 ERR_INVALID_JSON. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Decoder.decode(bytes));
  } catch {
    throw new ChatKitRequestError(400, 'ERR_INVALID_JSON', 'Request body is not valid UTF-8 JSON');
  }
}
