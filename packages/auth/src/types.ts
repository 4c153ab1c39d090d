// The token manager's public contract: its options, its state, its methods.
import type { BackoffOptions } from './backoff.js';
import type { BroadcastChannelConstructor, LockManagerLike } from './cross-tab.js';
import type { TokenError } from './errors.js';
import type { ScheduleOptions } from './schedule.js';
import type { AuthMode, BetterAuthTokenClient, SessionTokenOption } from './sources.js';

export type AuthStatus = 'idle' | 'signed-out' | 'signed-in' | 'refreshing' | 'error';

export interface TokenState {
  status: AuthStatus;
  /** `kid` header of the current JWT. */
  kid?: string;
  /** Local epoch ms when the current JWT stops being valid (receive time + lifetime). */
  expiresAt?: number;
  /** Local epoch ms when the current JWT was requested. */
  issuedAt?: number;
  /** Tokens this manager has taken on: from the endpoint or from another tab. */
  refreshCount: number;
  /** Why the last attempt failed (set in `error` and `signed-out`, and while a still-valid token is kept). */
  error?: TokenError;
  /** Local epoch ms of the last new token. */
  lastRefreshAt?: number;
  /** Local epoch ms of the next automatic retry after a failure. */
  retryAt?: number;
}

export interface TokenManagerOptions extends ScheduleOptions {
  /** Better Auth base URL including basePath, e.g. `https://app.example/api/auth`. Default: `/api/auth` on the page's origin. */
  authUrl?: string;
  /** Bearer mode: Better Auth session token (bearer plugin), or a function returning it. `null` = signed out. */
  sessionToken?: SessionTokenOption;
  /** A Better Auth client with the jwt plugin; `authClient.token()` fetches JWTs. */
  authClient?: BetterAuthTokenClient;
  /** Any other issuer: return a JWT, or null when signed out. */
  getToken?: () => Promise<string | null>;
  /** Transport for token, sign-out and API requests. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Share tokens and sign-out between tabs (default true). A string sets the channel name. */
  crossTab?: boolean | string;
  /** Retry delays after network or server failures. */
  retry?: BackoffOptions;
  /** A token request that takes longer is aborted and counts as a network error (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** While signed out, page visibility or window focus re-checks the session at most this often (default 5000 ms). */
  recheckIntervalMs?: number;
  /** Clock (default `Date.now`). */
  now?: () => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Random source in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
  /** BroadcastChannel constructor (default the global one); null turns the channel off. */
  BroadcastChannel?: BroadcastChannelConstructor | null;
  /** Web Locks (default `navigator.locks`); null uses the channel-based fallback. */
  locks?: LockManagerLike | null;
  /** Receives `pageshow`, `online`, `focus` and `storage` (default `window`); null listens to nothing. */
  window?: EventTarget | null;
  /** Receives `visibilitychange` (default `document`); null listens to nothing. */
  document?: (EventTarget & { visibilityState?: string }) | null;
}

export interface TokenManager {
  /** A valid JWT. Rejects with a TokenError (`ERR_SIGNED_OUT`, `ERR_NETWORK`, `ERR_SERVER`, …). */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** `fetch` with `Authorization: Bearer <jwt>` and one refresh + retry on a 401. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  readonly state: TokenState;
  /** Calls `listener` at once with the current state, then on every change. Returns unsubscribe. */
  subscribe(listener: (state: TokenState) => void): () => void;
  /** Asks for a new token now, skipping any failure cooldown. Never throws. */
  refresh(): Promise<void>;
  /** Drops the token in every tab and ends the session (best effort). */
  signOut(): Promise<void>;
  /** Stops timers, listeners, the channel and pending requests. */
  dispose(): void;
  /** How tokens are obtained. */
  readonly mode: AuthMode;
}
