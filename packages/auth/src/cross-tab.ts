/**
 * Messages tabs exchange on the BroadcastChannel (same origin only).
 * Session news carries `scope`, a one-way digest of the sender's session
 * (see session-scope.ts): a tab acts only on news from its own session, so
 * tabs signed in as different users (bearer mode, account switching) never
 * take each other's tokens, failures or sign-outs.
 */
export type CrossTabMessage =
  /** A fresh JWT; `obtainedAt` is the sender's local request time (same machine, same clock). */
  | { type: 'token'; scope: string; jwt: string; obtainedAt: number }
  /** `signOut()` ran in some tab: every tab of that session drops its token. */
  | { type: 'signed-out'; scope: string }
  /** The refresh the sender did failed; tabs of that session waiting on the lock adopt the failure. */
  | { type: 'failed'; scope: string; code: string; message: string; status?: number }
  /** Fallback lock (no Web Locks): the sender is refreshing until `until`. */
  | { type: 'claim'; until: number }
  /** Fallback lock: the sender is done. */
  | { type: 'release' };

export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export type BroadcastChannelConstructor = new (name: string) => BroadcastChannelLike;

/** The subset of the Web Locks API (`navigator.locks`) the manager uses. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: () => Promise<unknown>,
  ): Promise<unknown>;
}

export interface CrossTabOptions {
  BroadcastChannel: BroadcastChannelConstructor | null;
  locks: LockManagerLike | null;
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** How long a claim holds at most (the token request timeout). */
  leaseMs: number;
  /** With Web Locks: how long a new holder waits for the previous holder's outcome message. */
  settleMs: number;
  onMessage: (message: CrossTabMessage) => void;
}

/**
 * Tab coordination: one BroadcastChannel for news (tokens, sign-out, failures)
 * and one exclusive lock so only one tab asks the token endpoint at a time.
 * Web Locks waiters get no timeout: a slow refresh delays them, it never fails
 * them. A holder announces itself (claim) and always posts its outcome before
 * it lets go, so the next holder knows news is coming even when the lock
 * grant overtakes the message. Without Web Locks, the claim alone stands in
 * for the lock; when two tabs claim at once both refresh, which costs one extra
 * request and nothing else (Better Auth mints JWTs from the session, there is
 * no refresh token to burn).
 */
export class CrossTab {
  readonly #channel: BroadcastChannelLike | null;
  readonly #options: CrossTabOptions;
  readonly #lockName: string;
  #peerClaimUntil = 0;
  #wakeWaiters: (() => void)[] = [];
  readonly #listener = (event: MessageEvent) => this.#receive(event.data);

  constructor(name: string, options: CrossTabOptions) {
    this.#options = options;
    this.#lockName = `${name}:refresh`;
    this.#channel = options.BroadcastChannel ? new options.BroadcastChannel(name) : null;
    this.#channel?.addEventListener('message', this.#listener);
    // Node's BroadcastChannel keeps the process alive; a token manager should not.
    (this.#channel as { unref?: () => void } | null)?.unref?.();
  }

  post(message: CrossTabMessage) {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (tab being torn down) is not worth an error.
    }
  }

  /** Runs `task` while no other tab runs its refresh. */
  async withLock<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { locks, now } = this.#options;
    if (locks) {
      let result: T | undefined;
      await locks.request(this.#lockName, signal ? { signal } : {}, async () => {
        // The previous holder posted a claim, then its outcome, then let go of
        // the lock. The lock can reach us before the outcome message does:
        // wait for it (briefly) so we use that token instead of asking again.
        if (this.#peerClaimUntil > now()) {
          await this.#waitForPeer(Math.min(this.#peerClaimUntil - now(), this.#options.settleMs));
          this.#peerClaimUntil = 0;
        }
        result = await this.#claimed(task);
      });
      return result as T;
    }
    if (!this.#channel) return task();
    while (this.#peerClaimUntil > now() && !signal?.aborted) {
      await this.#waitForPeer(this.#peerClaimUntil - now());
    }
    // Given up while waiting (a peer's token settled it, or dispose): never ask then.
    signal?.throwIfAborted();
    return this.#claimed(task);
  }

  async #claimed<T>(task: () => Promise<T>): Promise<T> {
    this.post({ type: 'claim', until: this.#options.now() + this.#options.leaseMs });
    try {
      return await task();
    } finally {
      this.post({ type: 'release' });
    }
  }

  close() {
    this.#channel?.removeEventListener('message', this.#listener);
    this.#channel?.close();
    this.#peerClaimUntil = 0;
    this.#wake();
  }

  #waitForPeer(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = this.#options.setTimeout(resolve, ms);
      this.#wakeWaiters.push(() => {
        this.#options.clearTimeout(timer);
        resolve();
      });
    });
  }

  #wake() {
    const waiters = this.#wakeWaiters;
    this.#wakeWaiters = [];
    for (const wake of waiters) wake();
  }

  #receive(data: unknown) {
    if (!isMessage(data)) return;
    if (data.type === 'claim') {
      this.#peerClaimUntil = Math.max(this.#peerClaimUntil, data.until);
      return;
    }
    if (data.type === 'release' || data.type === 'token' || data.type === 'failed') {
      this.#peerClaimUntil = 0;
      // Deliver the news first, so a woken waiter sees the token or failure.
      if (data.type !== 'release') this.#options.onMessage(data);
      this.#wake();
      return;
    }
    this.#options.onMessage(data);
  }
}

function isMessage(data: unknown): data is CrossTabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as {
    type?: unknown;
    scope?: unknown;
    jwt?: unknown;
    obtainedAt?: unknown;
    until?: unknown;
  };
  switch (message.type) {
    case 'token':
      return (
        typeof message.scope === 'string' &&
        typeof message.jwt === 'string' &&
        typeof message.obtainedAt === 'number'
      );
    case 'signed-out':
    case 'failed':
      return typeof message.scope === 'string';
    case 'claim':
      return typeof message.until === 'number';
    case 'release':
      return true;
    default:
      return false;
  }
}
