/**
 * What went wrong, as data: a stable `code` and a `kind` the element turns into
 * text from `strings` (no user-visible English here). Codes come from the error
 * classes of @chat-widget/auth and @chat-widget/protocol (checked with
 * `instanceof`, never guessed from an object's shape), from in-stream `error`
 * events, or from the widget itself.
 */
import { TokenError, type TokenErrorCode } from '@chat-widget/auth';
import {
  ChatKitError,
  type ChatKitErrorCode,
  ChatKitHttpError,
  type StreamErrorCode,
} from '@chat-widget/protocol';

/** Codes the widget adds itself. */
export type WidgetErrorCode =
  /** The stream closed without a single event (the server ended the reply without answering). */
  | 'ERR_EMPTY_STREAM'
  /** The host's `onClientTool` threw or rejected, or no handler was set. */
  | 'ERR_CLIENT_TOOL'
  /** The panel's code could not be loaded (network, CSP, or its chunk files are not beside the script). */
  | 'ERR_PANEL_LOAD'
  /** Anything else (not an error class of ours). */
  | 'ERR_UNKNOWN';

/** Every `code` a `chat-error` event can carry. In-stream codes are open (`stream.error`, `custom`, …). */
export type ChatErrorCode = TokenErrorCode | ChatKitErrorCode | WidgetErrorCode | StreamErrorCode;

/** Which text of `strings` describes a failure. */
export type FailureKind =
  | 'signedOut'
  | 'connection'
  | 'session'
  | 'rateLimited'
  | 'server'
  | 'request'
  | 'notFound'
  | 'network'
  | 'streamError'
  | 'incomplete'
  | 'custom'
  | 'emptyStream'
  | 'unknown';

/** What the Retry button does. */
export type RetryAction =
  | { kind: 'resend'; text: string }
  | { kind: 'retry'; threadId: string; itemId: string }
  | { kind: 'load'; threadId: string }
  /** The thread is gone (404): start a new one, sending `text` again when there is one. */
  | { kind: 'new'; text: string | null };

/** What the user was doing. */
export type FailureContext =
  | 'reply'
  | 'load'
  | 'history'
  | 'rename'
  | 'delete'
  | 'action'
  | 'feedback';

export interface ChatFailure {
  code: ChatErrorCode;
  kind: FailureKind;
  context: FailureContext;
  /** HTTP status, when the server answered one. */
  status?: number;
  /** The server's own user-facing text (`custom` in-stream errors). */
  detail?: string;
  retry: RetryAction | null;
}

export type FailureInfo = Pick<ChatFailure, 'code' | 'kind' | 'status'>;

/** Classifies a thrown error. */
export function classify(error: unknown): FailureInfo {
  if (error instanceof TokenError) {
    if (error.code === 'ERR_SIGNED_OUT') return { code: error.code, kind: 'signedOut' };
    if (error.code === 'ERR_NETWORK') return { code: error.code, kind: 'network' };
    return { code: error.code as TokenErrorCode, kind: 'unknown' };
  }
  if (error instanceof ChatKitHttpError) {
    const status = error.status;
    const kind: FailureKind =
      status === 401 || status === 403
        ? 'session'
        : status === 404
          ? 'notFound'
          : status === 429
            ? 'rateLimited'
            : status >= 500
              ? 'server'
              : 'request';
    return { code: error.code, kind, status };
  }
  if (error instanceof ChatKitError) {
    return { code: error.code, kind: error.code === 'ERR_CONNECTION' ? 'connection' : 'unknown' };
  }
  // fetch() rejects with a TypeError when the network fails.
  if (error instanceof TypeError) return { code: 'ERR_UNKNOWN', kind: 'connection' };
  return { code: 'ERR_UNKNOWN', kind: 'unknown' };
}

export const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';
