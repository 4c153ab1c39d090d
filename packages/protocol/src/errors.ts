// Typed errors with a stable `code`, so callers branch on `err.code` rather than on messages.
import type { ChatKitErrorBody } from './requests.js';

export type ChatKitErrorCode =
  | 'ERR_HTTP'
  | 'ERR_MALFORMED_EVENT'
  | 'ERR_MALFORMED_RESPONSE'
  | 'ERR_CONNECTION'
  | 'ERR_CONTENT_TYPE';

export class ChatKitError extends Error {
  readonly code: ChatKitErrorCode;
  constructor(code: ChatKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The server answered a non-2xx status. */
export class ChatKitHttpError extends ChatKitError {
  readonly status: number;
  /** The parsed JSON body, or the raw text when it is not JSON (empty string when none). */
  readonly body: unknown;
  /** `body.error` when the body has our server's `{"error":{"code","message"}}` shape. */
  readonly serverError: ChatKitErrorBody['error'] | undefined;
  constructor(status: number, body: unknown) {
    const serverError = isErrorBody(body) ? body.error : undefined;
    super(
      'ERR_HTTP',
      `ChatKit request failed with HTTP ${status}${serverError ? `: ${serverError.message || serverError.code}` : ''}`,
    );
    this.status = status;
    this.body = body;
    this.serverError = serverError;
  }
}

/** An SSE event whose data is not a JSON object with a string `type`. */
export class ChatKitMalformedEventError extends ChatKitError {
  /** The offending `data` text (truncated to 200 characters). */
  readonly data: string;
  constructor(data: string, cause?: unknown) {
    super(
      'ERR_MALFORMED_EVENT',
      'ChatKit stream sent an event that is not a JSON object with a type',
      {
        cause,
      },
    );
    this.data = data.length > 200 ? `${data.slice(0, 200)}…` : data;
  }
}

/** A 2xx JSON response whose body does not parse. */
export class ChatKitMalformedResponseError extends ChatKitError {
  constructor(cause?: unknown) {
    super('ERR_MALFORMED_RESPONSE', 'ChatKit response body is not valid JSON', { cause });
  }
}

/** The network failed: before a response, or the stream dropped (or ended mid-event). */
export class ChatKitConnectionError extends ChatKitError {
  constructor(message: string, cause?: unknown) {
    super('ERR_CONNECTION', message, { cause });
  }
}

/** The response has the wrong Content-Type for the request (SSE expected, or JSON expected). */
export class ChatKitContentTypeError extends ChatKitError {
  readonly expected: string;
  readonly received: string | null;
  constructor(expected: string, received: string | null) {
    super(
      'ERR_CONTENT_TYPE',
      `ChatKit response has Content-Type ${received ? `"${received}"` : '(none)'}; expected ${expected}`,
    );
    this.expected = expected;
    this.received = received;
  }
}

export function isErrorBody(body: unknown): body is ChatKitErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
