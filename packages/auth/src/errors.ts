/** Stable error codes. Compare `error.code`, never the message. */
export type TokenErrorCode =
  /** No session (token endpoint answered 401/403, the source returned null, or `signOut()` ran). */
  | 'ERR_SIGNED_OUT'
  /** The token endpoint could not be reached (offline, DNS, connection refused, timeout). */
  | 'ERR_NETWORK'
  /** The token endpoint answered with an unexpected status (5xx, 429, other 4xx). */
  | 'ERR_SERVER'
  /** The endpoint answered 200 but the body held no decodable JWT with an `exp`. */
  | 'ERR_INVALID_TOKEN'
  /** The manager was disposed while the call was pending, or after. */
  | 'ERR_DISPOSED';

export interface TokenErrorOptions {
  cause?: unknown;
  /** HTTP status of the token endpoint response, when there was one. */
  status?: number;
}

const CODES: readonly string[] = [
  'ERR_SIGNED_OUT',
  'ERR_NETWORK',
  'ERR_SERVER',
  'ERR_INVALID_TOKEN',
  'ERR_DISPOSED',
] satisfies TokenErrorCode[];

/** Whether `value` is one of the stable codes (e.g. for a code received from another tab). */
export const isTokenErrorCode = (value: unknown): value is TokenErrorCode =>
  typeof value === 'string' && CODES.includes(value);

/**
 * The one error class @chat-widget/auth rejects with (the package's convention, as
 * jose's): `code` is stable, `name` is the class's (spelled out, so minifiers cannot
 * rename it), `cause` keeps the underlying error (a fetch `TypeError`, …).
 */
export class TokenError extends Error {
  override name = 'TokenError';
  readonly code: TokenErrorCode;
  readonly status?: number;

  constructor(code: TokenErrorCode, message: string, options: TokenErrorOptions = {}) {
    // Error takes `cause` when the options have one (none: no `cause` property).
    super(message, options);
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

export const signedOutError = (message = 'Not signed in', options?: TokenErrorOptions) =>
  new TokenError('ERR_SIGNED_OUT', message, options);

export const disposedError = () => new TokenError('ERR_DISPOSED', 'The token manager was disposed');

/** Maps anything a token source threw to a TokenError. */
export function toTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  // fetch rejects with a TypeError on network failure in every runtime (browsers, undici).
  if (error instanceof TypeError) {
    return new TokenError('ERR_NETWORK', `Token request failed: ${error.message}`, {
      cause: error,
    });
  }
  if (isAbortError(error)) {
    return new TokenError('ERR_NETWORK', 'Token request timed out or was aborted', {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TokenError('ERR_SERVER', `Token source failed: ${message}`, { cause: error });
}

export const isAbortError = (error: unknown) => {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
};
