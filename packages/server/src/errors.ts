// The package's one error convention (as jose's): every error it throws is a
// ServerError with a stable `code`, `name` set to its class's name (spelled
// out, so minifiers cannot rename it), and the underlying error as `cause`.

import type { AuthErrorCode } from './auth/errors.js';
import type { ChatKitRequestErrorCode } from './chatkit/errors.js';

/** Every code a `ServerError` can carry. Compare `error.code`, never the message. */
export type ServerErrorCode =
  | AuthErrorCode
  | ChatKitRequestErrorCode
  /** A JWKS download failed (kept as `cause` of an `ERR_JWKS_UNAVAILABLE` error). */
  | 'ERR_JWKS_FETCH'
  /** A responder's message for the user (`ChatKitStreamError`), sent as an in-stream error. */
  | 'ERR_STREAM_MESSAGE'
  /** The model API behind `openAIResponder` failed (unreachable, non-2xx, or an error chunk). */
  | 'ERR_UPSTREAM'
  /** `createSqliteStore` / `createPostgresStore` found a database schema newer than this package. */
  | 'ERR_STORE_SCHEMA';

/** Base class of every error @chat-widget/server throws. */
export class ServerError extends Error {
  override name = 'ServerError';
  readonly code: ServerErrorCode;
  constructor(code: ServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
