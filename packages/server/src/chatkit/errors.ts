// HTTP-level failures of the ChatKit endpoint, answered as
// `{"error":{"code":"…","message":"…"}}` before any stream starts.

import { ServerError } from '../errors.js';

export type ChatKitRequestErrorCode =
  | 'ERR_BAD_REQUEST'
  | 'ERR_INVALID_JSON'
  | 'ERR_UNKNOWN_OPERATION'
  | 'ERR_UNSUPPORTED_OPERATION'
  | 'ERR_INVALID_CURSOR'
  | 'ERR_NOT_FOUND'
  | 'ERR_CONFLICT'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_SHUTTING_DOWN'
  | 'ERR_INTERNAL'
  /** 410 on `threads.resume`: the turn is no longer retained (the RESUME wire contract's code). */
  | 'turn_expired';

/** An HTTP-level failure: `status` and `code` are what the client receives. */
export class ChatKitRequestError extends ServerError {
  override name = 'ChatKitRequestError';
  declare readonly code: ChatKitRequestErrorCode;
  readonly status: number;
  constructor(
    status: number,
    code: ChatKitRequestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.status = status;
  }
}

export const badRequest = (message: string) =>
  new ChatKitRequestError(400, 'ERR_BAD_REQUEST', message);
export const notFound = (what: string) =>
  new ChatKitRequestError(404, 'ERR_NOT_FOUND', `${what} not found`);
