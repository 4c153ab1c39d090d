// Why this file is over ~450 lines: it is one state machine (token, refresh
// in flight, epoch/generation, cooldown, timers, cross-tab waiters) whose
// private fields every transition reads and writes; split across modules,
// those fields would have to become shared mutable state. What does not need
// them lives beside it: types.ts (the contract), schedule.ts (when to renew),
// sources.ts (where tokens come from), cross-tab.ts, decode.ts, errors.ts.
import { createAuthFetch } from './auth-fetch.js';
import { backoffDelay } from './backoff.js';
import {
  type BroadcastChannelConstructor,
  CrossTab,
  type CrossTabMessage,
  type LockManagerLike,
} from './cross-tab.js';
import { type HeldToken, readToken } from './decode.js';
import {
  disposedError,
  isAbortError,
  isTokenErrorCode,
  signedOutError,
  TokenError,
  toTokenError,
} from './errors.js';
import { refreshTime, usableUntil } from './schedule.js';
import { SHARED_SCOPE, sessionScope } from './session-scope.js';
import {
  type AuthMode,
  authClientSource,
  bearerHeader,
  customSource,
  httpSource,
  type TokenSource,
} from './sources.js';
import type { TokenManager, TokenManagerOptions, TokenState } from './types.js';

export type { AuthStatus, TokenManager, TokenManagerOptions, TokenState } from './types.js';

/** Key Better Auth's own client writes to announce session changes to other tabs. */
export const BETTER_AUTH_STORAGE_KEY = 'better-auth.message';
const MAX_TIMER_MS = 2_147_483_647;

interface Globals {
  location?: { origin?: string };
  navigator?: { locks?: unknown };
  window?: EventTarget;
  document?: EventTarget & { visibilityState?: string };
  BroadcastChannel?: BroadcastChannelConstructor;
}

export function createTokenManager(options: TokenManagerOptions = {}): TokenManager {
  return new BrowserTokenManager(options);
}

class BrowserTokenManager implements TokenManager {
  readonly mode: AuthMode;
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  readonly #options: TokenManagerOptions;
  readonly #authUrl: string | undefined;
  readonly #source: TokenSource;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #setTimeout: (callback: () => void, ms: number) => unknown;
  readonly #clearTimeout: (handle: unknown) => void;
  readonly #crossTab: CrossTab | null;
  readonly #life = new AbortController();
  readonly #cleanup: (() => void)[] = [];
  readonly #listeners = new Set<(state: TokenState) => void>();

  #state: TokenState = { status: 'idle', refreshCount: 0 };
  #token: HeldToken | undefined;
  #refreshAt = 0;
  #inflight: Promise<string> | undefined;
  #request: AbortController | undefined;
  /** Bumped whenever the token changes (own refresh, another tab, sign-out). */
  #generation = 0;
  /** Bumped on sign-out and dispose: results of refreshes begun before are dropped. */
  #epoch = 0;
  #attempts = 0;
  #cooldownUntil = 0;
  #lastError: TokenError | undefined;
  #peerFailure: { at: number; error: TokenError } | undefined;
  #lastRecheck = Number.NEGATIVE_INFINITY;
  /** Refreshes waiting for the lock, settled early by a token from another tab. */
  readonly #peerTokenWaiters = new Set<(jwt: string) => void>();
  /** Local time of the last sign-out: tokens requested before it are not taken from other tabs. */
  #signedOutAt = Number.NEGATIVE_INFINITY;
  /**
   * The session this tab acts for (see session-scope.ts); other tabs' news is
   * used only when it carries the same scope. Bearer mode: a digest of the
   * session token, undefined until known. Other modes share the browser's session.
   */
  #scope: string | undefined;
  /** `sub` of the last token this tab fetched itself: the user it acts for. Cleared on sign-out. */
  #subject: string | undefined;
  #timer: unknown;
  #disposed = false;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
    const g = globalThis as Globals;
    /** An option, else the global of that name; `null` in the options means none. */
    const orGlobal = <K extends 'window' | 'document' | 'BroadcastChannel'>(key: K) =>
      options[key] === undefined ? g[key] : options[key];
    const fetchOf = this.#fetchOf;
    const pageAuthUrl = g.location?.origin ? `${g.location.origin}/api/auth` : undefined;
    this.#authUrl = (options.authUrl ?? pageAuthUrl)?.replace(/\/+$/, '');
    const chosen = [options.getToken, options.authClient, options.sessionToken].filter(
      (value) => value !== undefined,
    );
    if (chosen.length > 1) {
      throw new TypeError('Pass only one of getToken, authClient and sessionToken');
    }
    if (options.getToken) {
      this.mode = 'custom';
      this.#source = customSource(options.getToken);
    } else if (options.authClient) {
      this.mode = 'auth-client';
      this.#source = authClientSource(options.authClient);
    } else {
      this.mode = options.sessionToken !== undefined ? 'bearer' : 'cookie';
      if (!this.#authUrl) {
        throw new TypeError('authUrl is required outside a browser page (e.g. …/api/auth)');
      }
      this.#source = httpSource(this.#authUrl, fetchOf, options.sessionToken);
    }
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#setTimeout =
      options.setTimeout ??
      ((callback, ms) => {
        const handle = globalThis.setTimeout(callback, ms);
        // In Node, a refresh timer alone should not keep the process running.
        (handle as { unref?: () => void }).unref?.();
        return handle;
      });
    this.#clearTimeout =
      options.clearTimeout ??
      ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

    this.#scope = this.mode === 'bearer' ? undefined : SHARED_SCOPE;
    const channelCtor = orGlobal('BroadcastChannel');
    const locks =
      options.locks === undefined
        ? ((g.navigator?.locks as LockManagerLike | undefined) ?? null)
        : options.locks;
    const crossTab = options.crossTab ?? true;
    this.#crossTab =
      crossTab !== false && (channelCtor || locks)
        ? new CrossTab(
            typeof crossTab === 'string'
              ? crossTab
              : `chat-widget-auth:${this.#authUrl ?? this.mode}`,
            {
              BroadcastChannel: channelCtor ?? null,
              locks,
              now: this.#now,
              setTimeout: this.#setTimeout,
              clearTimeout: this.#clearTimeout,
              leaseMs: this.#requestTimeout,
              settleMs: 1000,
              onMessage: (message) => this.#onPeerMessage(message),
            },
          )
        : null;
    if (this.#crossTab && this.mode === 'bearer') void this.#readScope().catch(() => {});

    this.fetch = createAuthFetch(
      {
        getToken: () => this.getToken(),
        renewAfterRejection: (rejected) => this.#renew(rejected),
      },
      fetchOf,
    );
    const win = orGlobal('window');
    // Focus without a visibility change: say a sign-in popup closed. The one place that
    // asks "is the session back?" (rate-limited with visibility, so both together ask once).
    for (const reason of ['pageshow', 'online', 'focus'] as const) {
      this.#listen(win, reason, () => this.#wake(reason));
    }
    this.#listen(win, 'storage', (event) => {
      if ((event as StorageEvent).key === BETTER_AUTH_STORAGE_KEY) void this.refresh();
    });
    const doc = orGlobal('document');
    this.#listen(doc, 'visibilitychange', () => {
      if (doc?.visibilityState === undefined || doc.visibilityState === 'visible') {
        this.#wake('visible');
      }
    });
  }

  get state(): TokenState {
    return this.#state;
  }

  get #requestTimeout() {
    return this.#options.requestTimeoutMs ?? 30_000;
  }

  /** The transport: the `fetch` option, else the global one (looked up at each request). */
  readonly #fetchOf = () => this.#options.fetch ?? globalThis.fetch;

  /** `held` is there and may still be handed out. */
  #usable(held: HeldToken | undefined): held is HeldToken {
    return held !== undefined && this.#now() < usableUntil(held, this.#options);
  }

  async getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    if (this.#disposed) throw disposedError();
    const held = this.#token;
    if (!options.forceRefresh && this.#usable(held)) {
      if (this.#now() >= this.#refreshAt) this.#refreshInBackground();
      return held.jwt;
    }
    return this.#renew(held?.jwt);
  }

  subscribe(listener: (state: TokenState) => void): () => void {
    this.#listeners.add(listener);
    this.#call(listener, this.#state);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async refresh(): Promise<void> {
    // A request already in flight began before whatever the caller just did
    // (signed in, switched user): let it land, then ask again.
    await this.#inflight?.catch(() => {});
    if (this.#disposed) return;
    this.#cooldownUntil = 0;
    this.#lastRecheck = this.#now();
    await this.#refresh(this.#token?.jwt).catch(() => {});
  }

  async signOut(): Promise<void> {
    if (this.#disposed) return;
    const authorization =
      this.mode === 'bearer'
        ? await bearerHeader(this.#options.sessionToken ?? null).catch(() => null)
        : null;
    const scope =
      this.mode !== 'bearer'
        ? SHARED_SCOPE
        : authorization
          ? await sessionScope(authorization).catch(() => undefined)
          : undefined;
    this.#dropEverything(signedOutError('Signed out'));
    // Only tabs of this session sign out with it (bearer tabs of other sessions keep theirs).
    if (scope !== undefined) this.#crossTab?.post({ type: 'signed-out', scope });
    if ((this.mode !== 'cookie' && this.mode !== 'bearer') || !this.#authUrl) return;
    if (this.mode === 'bearer' && !authorization) return;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    const controller = new AbortController();
    const timer = this.#setTimeout(() => controller.abort(), this.#requestTimeout);
    try {
      const response = await this.#fetchOf()(`${this.#authUrl}/sign-out`, {
        method: 'POST',
        headers,
        body: '{}',
        credentials: this.mode === 'bearer' ? 'omit' : 'include',
        cache: 'no-store',
        signal: controller.signal,
      });
      await response.body?.cancel().catch(() => {});
    } catch {
      // Best effort: the local and cross-tab sign-out already happened.
    } finally {
      this.#clearTimeout(timer);
    }
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#epoch++;
    this.#life.abort();
    this.#request?.abort();
    this.#cancelTimer();
    for (const remove of this.#cleanup.splice(0)) remove();
    this.#crossTab?.close();
    this.#listeners.clear();
  }

  // ---- refreshing -------------------------------------------------------------------------

  /** A new token unless one other than `rejected` is already held; respects sign-out and cooldown. */
  async #renew(rejected: string | undefined): Promise<string> {
    if (this.#disposed) throw disposedError();
    const held = this.#token;
    if (this.#inflight) return this.#inflight;
    if (held?.jwt !== rejected && this.#usable(held)) return held.jwt;
    if (this.#state.status === 'signed-out') throw this.#lastError ?? signedOutError();
    // Failure cooldown: during an outage callers fail fast instead of each making a request.
    if (this.#lastError && this.#now() < this.#cooldownUntil) throw this.#lastError;
    return this.#refresh(rejected);
  }

  #refreshInBackground() {
    if (this.#inflight || this.#disposed || this.#now() < this.#cooldownUntil) return;
    this.#refresh(this.#token?.jwt).catch(() => {});
  }

  /** Single-flight: every caller shares one refresh. */
  #refresh(rejected: string | undefined): Promise<string> {
    if (this.#disposed) return Promise.reject(disposedError());
    if (this.#inflight) return this.#inflight;
    const held = this.#token;
    if (rejected !== undefined && held?.jwt !== rejected && this.#usable(held)) {
      return Promise.resolve(held.jwt);
    }
    const run = this.#runRefresh().finally(() => {
      if (this.#inflight === run) this.#inflight = undefined;
    });
    this.#inflight = run;
    return run;
  }

  async #runRefresh(): Promise<string> {
    const epoch = this.#epoch;
    const generation = this.#generation;
    const waitStart = this.#now();
    this.#setState({ ...this.#tokenFields(), status: 'refreshing' });
    const inLock = async () => {
      if (epoch !== this.#epoch) throw this.#droppedError();
      // Another tab got a token while we waited for the lock: use it, no request.
      const held = this.#token;
      if (this.#generation !== generation && this.#usable(held)) return held.jwt;
      const peerFailure = this.#peerFailure;
      if (peerFailure && peerFailure.at >= waitStart) throw peerFailure.error;
      return this.#requestToken(epoch);
    };
    try {
      return this.#crossTab ? await this.#lockedOrFromPeer(inLock) : await inLock();
    } catch (caught) {
      const error =
        epoch !== this.#epoch
          ? this.#droppedError()
          : isAbortError(caught) && this.#disposed
            ? disposedError()
            : toTokenError(caught);
      if (epoch === this.#epoch) this.#fail(error);
      throw error;
    }
  }

  /**
   * Waits for the refresh lock, but a token broadcast by the tab holding it
   * settles the wait at once: waiters pay one message hop, not a lock hand-off
   * per tab. Leaving the queue then is safe (the lock task re-checks anyway).
   */
  async #lockedOrFromPeer(inLock: () => Promise<string>): Promise<string> {
    const crossTab = this.#crossTab!;
    const leave = new AbortController();
    const onLifeEnd = () => leave.abort();
    this.#life.signal.addEventListener('abort', onLifeEnd, { once: true });
    let fromPeer: ((jwt: string) => void) | undefined;
    const peerToken = new Promise<string>((resolve) => {
      fromPeer = resolve;
    });
    this.#peerTokenWaiters.add(fromPeer!);
    const locked = crossTab.withLock(inLock, leave.signal);
    try {
      return await Promise.race([locked, peerToken]);
    } finally {
      this.#peerTokenWaiters.delete(fromPeer!);
      this.#life.signal.removeEventListener('abort', onLifeEnd);
      // Our lock request, if still queued, is no longer needed.
      locked.catch(() => {});
      leave.abort();
    }
  }

  async #requestToken(epoch: number): Promise<string> {
    const controller = new AbortController();
    this.#request = controller;
    const timedOut = new Promise<never>((_, reject) => {
      const timer = this.#setTimeout(() => {
        const error = new TokenError(
          'ERR_NETWORK',
          `Token request timed out after ${this.#requestTimeout} ms`,
        );
        controller.abort(error);
        reject(error);
      }, this.#requestTimeout);
      controller.signal.addEventListener('abort', () => this.#clearTimeout(timer), { once: true });
    });
    timedOut.catch(() => {});
    const startedAt = this.#now();
    let scope: string | undefined;
    try {
      // The session this request is made for: what it brings is shared only with that session's tabs.
      if (this.#crossTab) scope = await this.#readScope().catch(() => undefined);
      // The race also covers sources that ignore the signal (authClient, getToken).
      const jwt = await Promise.race([this.#source(controller.signal), timedOut]);
      if (epoch !== this.#epoch) throw this.#droppedError();
      const held = readToken(jwt, startedAt, this.#now());
      this.#subject = held.sub;
      this.#adopt(held);
      if (scope !== undefined)
        this.#crossTab?.post({ type: 'token', scope, jwt, obtainedAt: startedAt });
      return jwt;
    } catch (caught) {
      if (epoch !== this.#epoch) throw this.#droppedError();
      const error = toTokenError(caught);
      if (scope !== undefined) {
        // `status` may be undefined: the receiving tab's TokenError then has none either.
        const { code, message, status } = error;
        this.#crossTab?.post({ type: 'failed', scope, code, message, status });
      }
      throw error;
    } finally {
      if (!controller.signal.aborted) controller.abort();
      if (this.#request === controller) this.#request = undefined;
    }
  }

  /** Bearer mode: digests the current session token into `#scope` (undefined without one). */
  async #readScope(): Promise<string | undefined> {
    if (this.mode !== 'bearer') return this.#scope;
    const authorization = await bearerHeader(this.#options.sessionToken ?? null);
    this.#scope = authorization ? await sessionScope(authorization) : undefined;
    return this.#scope;
  }

  #droppedError() {
    return this.#disposed ? disposedError() : (this.#lastError ?? signedOutError());
  }

  // ---- state transitions --------------------------------------------------------------------

  #adopt(held: HeldToken) {
    const now = this.#now();
    this.#token = held;
    this.#generation++;
    this.#attempts = 0;
    this.#cooldownUntil = 0;
    this.#lastError = undefined;
    this.#peerFailure = undefined;
    this.#refreshAt = refreshTime(held, this.#random, this.#options);
    this.#schedule(this.#refreshAt);
    this.#setState({
      ...this.#tokenFields(),
      status: 'signed-in',
      refreshCount: this.#state.refreshCount + 1,
      lastRefreshAt: now,
    });
  }

  #fail(error: TokenError) {
    this.#lastError = error;
    if (error.code === 'ERR_SIGNED_OUT') {
      this.#clearSession(error);
      return;
    }
    if (error.code === 'ERR_DISPOSED') return;
    const now = this.#now();
    this.#attempts++;
    const retryAt = now + backoffDelay(this.#attempts, this.#random, this.#options.retry);
    this.#cooldownUntil = retryAt;
    const held = this.#token;
    const stillValid = this.#usable(held);
    if (!stillValid) this.#token = undefined;
    this.#schedule(stillValid ? Math.min(retryAt, usableUntil(held, this.#options)) : retryAt);
    this.#setState({
      ...this.#tokenFields(),
      status: stillValid ? 'signed-in' : 'error',
      error,
      retryAt,
    });
  }

  /** Session gone: no token, no timers, no retries until something asks again. */
  #clearSession(error: TokenError) {
    this.#token = undefined;
    this.#generation++;
    this.#attempts = 0;
    this.#cooldownUntil = 0;
    this.#lastError = error;
    this.#lastRecheck = this.#now();
    this.#cancelTimer();
    this.#setState({ status: 'signed-out', refreshCount: this.#state.refreshCount, error });
  }

  /** Sign-out (here or in another tab): also abandon a refresh in flight. */
  #dropEverything(error: TokenError) {
    this.#epoch++;
    this.#subject = undefined;
    this.#signedOutAt = this.#now();
    this.#request?.abort();
    this.#inflight = undefined;
    this.#clearSession(error);
  }

  #onPeerMessage(message: CrossTabMessage) {
    if (this.#disposed) return;
    // News from a tab of another session (another user, or this user's other sign-in) is not ours.
    if ('scope' in message && (this.#scope === undefined || message.scope !== this.#scope)) return;
    if (message.type === 'token') {
      let held: HeldToken;
      try {
        held = readToken(message.jwt, message.obtainedAt, this.#now());
      } catch {
        return;
      }
      // Never act for another user: a peer token must name the user this tab's own tokens name.
      const subject = this.#subject ?? this.#token?.sub;
      if (subject !== undefined && held.sub !== subject) return;
      if (this.#token && held.expiresAt <= this.#token.expiresAt) return;
      // Minted from the session that was just signed out (a refresh that crossed the sign-out).
      if (held.obtainedAt < this.#signedOutAt) return;
      if (!this.#usable(held)) return;
      this.#adopt(held);
      for (const settle of this.#peerTokenWaiters) settle(held.jwt);
    } else if (message.type === 'signed-out') {
      this.#dropEverything(signedOutError('Signed out in another tab'));
    } else if (message.type === 'failed') {
      this.#peerFailure = {
        at: this.#now(),
        // Another tab's code is only trusted if it is one of ours.
        error: new TokenError(
          isTokenErrorCode(message.code) ? message.code : 'ERR_SERVER',
          message.message,
          { status: message.status },
        ),
      };
    }
  }

  /** Page came back (visible, focused, restored from bfcache, online): check the token now. */
  #wake(reason: 'visible' | 'focus' | 'pageshow' | 'online') {
    if (this.#disposed) return;
    const now = this.#now();
    const status = this.#state.status;
    if (status === 'idle') return;
    if (status === 'signed-out') {
      // The user may have signed in elsewhere; ask, but not on every focus.
      if (
        reason === 'online' ||
        now - this.#lastRecheck < (this.#options.recheckIntervalMs ?? 5000)
      )
        return;
      this.#lastRecheck = now;
      this.#refresh(undefined).catch(() => {});
      return;
    }
    if (reason === 'online' && this.#lastError) this.#cooldownUntil = 0;
    if (!this.#token || now >= this.#refreshAt || this.#lastError) this.#refreshInBackground();
    this.#expire();
  }

  #onTimer() {
    this.#timer = undefined;
    if (this.#disposed) return;
    const now = this.#now();
    const status = this.#state.status;
    if (status === 'signed-out' || status === 'idle') return;
    this.#expire();
    if (now < this.#cooldownUntil) {
      this.#schedule(this.#cooldownUntil);
      return;
    }
    if (!this.#token || this.#lastError || now >= this.#refreshAt) this.#refreshInBackground();
    else this.#schedule(this.#refreshAt);
  }

  /** The held token ran out (no refresh in flight): drop it; with a failure pending, show the error. */
  #expire() {
    if (!this.#token || this.#inflight || this.#usable(this.#token)) return;
    this.#token = undefined;
    if (this.#lastError) {
      this.#setState({
        status: 'error',
        refreshCount: this.#state.refreshCount,
        error: this.#lastError,
        ...(this.#state.retryAt === undefined ? {} : { retryAt: this.#state.retryAt }),
      });
    }
  }

  #schedule(at: number) {
    this.#cancelTimer();
    if (this.#disposed) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - this.#now()));
    this.#timer = this.#setTimeout(() => this.#onTimer(), delay);
  }

  #cancelTimer() {
    if (this.#timer !== undefined) this.#clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  // ---- state & listeners --------------------------------------------------------------------

  #tokenFields(): TokenState {
    const state: TokenState = {
      status: this.#state.status,
      refreshCount: this.#state.refreshCount,
    };
    const held = this.#token;
    if (held) {
      if (held.kid !== undefined) state.kid = held.kid;
      state.expiresAt = held.expiresAt;
      state.issuedAt = held.obtainedAt;
    }
    if (this.#state.lastRefreshAt !== undefined) state.lastRefreshAt = this.#state.lastRefreshAt;
    if (this.#lastError) state.error = this.#lastError;
    return state;
  }

  #setState(next: TokenState) {
    this.#state = Object.freeze(next);
    for (const listener of [...this.#listeners]) this.#call(listener, this.#state);
  }

  #call(listener: (state: TokenState) => void, state: TokenState) {
    try {
      listener(state);
    } catch (error) {
      // A broken subscriber must not break token handling; surface it like an event handler would.
      const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
      if (report) report(error);
      else
        queueMicrotask(() => {
          throw error;
        });
    }
  }

  #listen(target: EventTarget | null | undefined, type: string, handler: (event: Event) => void) {
    if (!target || typeof target.addEventListener !== 'function') return;
    target.addEventListener(type, handler);
    this.#cleanup.push(() => target.removeEventListener(type, handler));
  }
}
