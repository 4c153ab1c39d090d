// @chat-widget/server/auth: verify Better Auth JWTs against its JWKS.

export { ServerError, type ServerErrorCode } from '../errors.js';
export {
  type AuthAdapterOptions,
  type AuthErrorReply,
  authErrorReply,
  authErrorResponse,
  withAuth,
} from './adapters.js';
export {
  AuthError,
  type AuthErrorCode,
  InvalidTokenError,
  JwksFetchError,
  JwksUnavailableError,
  MissingTokenError,
  TokenExpiredError,
} from './errors.js';
export type { JwksStats } from './jwks-cache.js';
export { type AuthenticatedRequest, nodeAuthMiddleware, sendAuthError } from './node-adapters.js';
export {
  BETTER_AUTH_ALGORITHMS,
  bearerToken,
  createJwksVerifier,
  type JwksVerifier,
  type JwksVerifierOptions,
  type RequestLike,
  type VerifiedAuth,
} from './verifier.js';
