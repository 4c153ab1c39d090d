export { createAuthFetch, isReplayableBody, type TokenProvider } from './auth-fetch.js';
export { type BackoffOptions, backoffDelay } from './backoff.js';
export type {
  BroadcastChannelConstructor,
  BroadcastChannelLike,
  CrossTabMessage,
  LockManagerLike,
} from './cross-tab.js';
export {
  isTokenErrorCode,
  TokenError,
  type TokenErrorCode,
  type TokenErrorOptions,
} from './errors.js';
export type { ScheduleOptions } from './schedule.js';
export type { AuthMode, BetterAuthTokenClient, SessionTokenOption } from './sources.js';
export {
  type AuthStatus,
  BETTER_AUTH_STORAGE_KEY,
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
  type TokenState,
} from './token-manager.js';

export { VERSION } from './version.js';
