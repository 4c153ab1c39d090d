// Typed errors with a stable `code`, so callers branch on `err.code` rather than on messages.
// The package's one convention (as jose's): every error is a ChatKitError with a
// `code` from ChatKitErrorCode, `name` spelled out per class (minifiers rename
// classes, so `new.target.name` would read "e" in the script-tag build), and the
// underlying error as `cause`.
import type { ChatKitErrorBody } from './requests.js';

/** Every code a ChatKitError can carry. Compare `error.code`, never the message. */
export type ChatKitErrorCode =
  | 'ERR_HTTP'
  | 'ERR_MALFORMED_EVENT'
  | 'ERR_MALFORMED_RESPONSE'
  | 'ERR_CONNECTION'
  | 'ERR_CONTENT_TYPE';

/** Base class of every error @chat-widget/protocol throws. */
export class ChatKitError extends Error {
  override name = 'ChatKitError';
  readonly code: ChatKitErrorCode;
  constructor(code: ChatKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The server answered a non-2xx status. */
export class ChatKitHttpError extends ChatKitError {
  override name = 'ChatKitHttpError';
  declare readonly code: 'ERR_HTTP';
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
  override name = 'ChatKitMalformedEventError';
  declare readonly code: 'ERR_MALFORMED_EVENT';
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
  override name = 'ChatKitMalformedResponseError';
  declare readonly code: 'ERR_MALFORMED_RESPONSE';
  constructor(cause?: unknown) {
    super('ERR_MALFORMED_RESPONSE', 'ChatKit response body is not valid JSON', { cause });
  }
}

/**
 * The network failed: before a response (`stage: 'request'`: the request may not have
 * reached the server), or the stream dropped or ended mid-event and could not be
 * resumed (`stage: 'stream'`).
 */
export class ChatKitConnectionError extends ChatKitError {
  override name = 'ChatKitConnectionError';
  declare readonly code: 'ERR_CONNECTION';
  readonly stage: 'request' | 'stream';
  constructor(message: string, cause?: unknown, stage: 'request' | 'stream' = 'stream') {
    super('ERR_CONNECTION', message, { cause });
    this.stage = stage;
  }
}

/** The response has the wrong Content-Type for the request (SSE expected, or JSON expected). */
export class ChatKitContentTypeError extends ChatKitError {
  override name = 'ChatKitContentTypeError';
  declare readonly code: 'ERR_CONTENT_TYPE';
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
