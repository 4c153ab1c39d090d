// Typed errors of the verifier. Every failure a client can cause is an
// AuthError with a stable `code` and an HTTP `status` (401, or 503 when the
// keys cannot be obtained), so adapters never have to answer 500.

import { ServerError } from '../errors.js';

/** Stable error codes; safe to branch on and to send to clients. */
export type AuthErrorCode =
  | 'ERR_MISSING_TOKEN'
  | 'ERR_TOKEN_MALFORMED'
  | 'ERR_TOKEN_TOO_LARGE'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_CLAIM_INVALID'
  | 'ERR_TOKEN_ALG_NOT_ALLOWED'
  /** The token uses a feature the verifier does not support (e.g. an unknown `crit` header). */
  | 'ERR_TOKEN_NOT_SUPPORTED'
  | 'ERR_TOKEN_KID_MISSING'
  | 'ERR_TOKEN_KEY_UNKNOWN'
  | 'ERR_TOKEN_SIGNATURE_INVALID'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_JWKS_UNAVAILABLE';

/** Base class of every verification failure. */
export class AuthError extends ServerError {
  override name = 'AuthError';
  declare readonly code: AuthErrorCode;
  /** HTTP status an API should answer with. */
  readonly status: number;
  /** RFC 6750 `error` parameter for `WWW-Authenticate`, absent when no credentials were sent. */
  readonly bearerError: 'invalid_token' | 'invalid_request' | undefined;

  constructor(
    code: AuthErrorCode,
    message: string,
    status: number,
    bearerError: AuthError['bearerError'],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.status = status;
    this.bearerError = bearerError;
  }
}

/** No `Authorization: Bearer …` header (RFC 6750 §3.1: challenge without an error code). */
export class MissingTokenError extends AuthError {
  override name = 'MissingTokenError';
  constructor(message = 'Missing bearer token') {
    super('ERR_MISSING_TOKEN', message, 401, undefined);
  }
}

/** The token is bad: malformed, expired, wrong claims, wrong algorithm, bad signature, unknown key. */
export class InvalidTokenError extends AuthError {
  override name = 'InvalidTokenError';
  constructor(
    code: Exclude<AuthErrorCode, 'ERR_MISSING_TOKEN' | 'ERR_JWKS_UNAVAILABLE'>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, 401, 'invalid_token', options);
  }
}

/** The token's `exp` (plus clock tolerance) has passed: the client should fetch a new one. */
export class TokenExpiredError extends InvalidTokenError {
  override name = 'TokenExpiredError';
  constructor(message = 'Token expired', options?: { cause?: unknown }) {
    super('ERR_TOKEN_EXPIRED', message, options);
  }
}

/**
 * The signing keys could not be obtained (JWKS endpoint down, slow or answering
 * garbage, and no usable last-good keys). Not the client's fault: 503.
 */
export class JwksUnavailableError extends AuthError {
  override name = 'JwksUnavailableError';
  /** Seconds after which a retry may succeed (for `Retry-After`). */
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number, options?: { cause?: unknown }) {
    super('ERR_JWKS_UNAVAILABLE', message, 503, undefined, options);
    this.retryAfter = retryAfter;
  }
}

/** Why a JWKS download failed (kept as `cause` of a JwksUnavailableError). */
export class JwksFetchError extends ServerError {
  override name = 'JwksFetchError';
  declare readonly code: 'ERR_JWKS_FETCH';
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_JWKS_FETCH', message, options);
  }
}
