/**
 * What the fetch wrapper needs from the manager: the current token, and a
 * newer one after the API rejected `rejected` (single-flight: if another
 * caller already replaced it, no new request is made).
 */
export interface TokenProvider {
  getToken(): Promise<string>;
  renewAfterRejection(rejected: string): Promise<string>;
}

/** Bodies fetch can send twice. A ReadableStream is consumed by the first send. */
export function isReplayableBody(body: unknown): boolean {
  if (body === null || body === undefined || typeof body === 'string') return true;
  const g = globalThis as Partial<typeof globalThis>;
  if (ArrayBuffer.isView(body)) return true;
  // Constructors a runtime may lack are skipped.
  return [g.URLSearchParams, g.Blob, g.FormData, ArrayBuffer].some(
    (type) => type !== undefined && body instanceof type,
  );
}

const isRequest = (input: unknown): input is Request =>
  typeof Request !== 'undefined' && input instanceof Request;

function withBearer(input: RequestInfo | URL, init: RequestInit | undefined, token: string) {
  // fetch(request, { headers }) replaces the request's headers, so start from them.
  const headers = new Headers(init?.headers ?? (isRequest(input) ? input.headers : undefined));
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/**
 * `fetch` with `Authorization: Bearer <jwt>`. On a 401 it gets a new token
 * once and retries once, if the body can be sent again; a second 401 is
 * returned as is (no loops). Token failures reject with the TokenError.
 */
export function createAuthFetch(tokens: TokenProvider, transport: () => typeof fetch) {
  return async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const token = await tokens.getToken();
    let replayInput: RequestInfo | URL | null = input;
    if (init?.body !== undefined && init.body !== null) {
      if (!isReplayableBody(init.body)) replayInput = null;
    } else if (isRequest(input) && input.body !== null) {
      // Keep a copy of the body for the retry (clone tees the stream).
      replayInput = input.bodyUsed ? null : input.clone();
    }
    const first = await transport()(input, withBearer(input, init, token));
    if (first.status !== 401 || replayInput === null || init?.signal?.aborted) return first;
    let fresh: string;
    try {
      fresh = await tokens.renewAfterRejection(token);
    } catch (error) {
      await first.body?.cancel().catch(() => {});
      throw error;
    }
    if (fresh === token) return first;
    await first.body?.cancel().catch(() => {});
    return transport()(replayInput, withBearer(replayInput, init, fresh));
  };
}
