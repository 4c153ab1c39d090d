// The setup most unit test files share: one real Better Auth server per file
// (started before its tests, closed after them), a user signed up on it, and
// single-tab cookie-mode token managers, optionally on a fake clock.
import { after, before } from 'node:test';
import {
  type AuthServer,
  type AuthServerOptions,
  startAuthServer,
  type TestUser,
} from '../../../../test-support/better-auth.ts';
import {
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
} from '../../src/index.ts';
import { cookieFetch } from './env.ts';
import type { FakeClock } from './fake-clock.ts';

export interface AuthFixture {
  /** The server; only valid inside tests and hooks (it starts in `before`). */
  readonly server: AuthServer;
  /** The user signed up at start. A test that ends its session everywhere signs up a new one here. */
  user: TestUser;
  /**
   * A manager for `user` (default: the fixture's) with its session cookie, `crossTab: false`,
   * and the clock seams of `clock` when given; `options` override any of it.
   */
  cookieManager(
    options?: Partial<TokenManagerOptions> & { clock?: FakeClock; user?: TestUser },
  ): TokenManager;
}

/** The token manager's time seams (`now`, `setTimeout`, `clearTimeout`), driven by a fake clock. */
export const clockSeams = (clock: FakeClock) => ({
  now: clock.now,
  setTimeout: clock.setTimeout,
  clearTimeout: clock.clearTimeout,
});

export interface AuthFixtureOptions {
  /** Sign up the shared `user` (default true); false when every test signs up its own. */
  signUp?: boolean;
  /** More set-up in the same `before` hook, once the server runs (Node 20 runs file-level hooks at once, not in turn). */
  afterStart?: () => Promise<void>;
  /** More tear-down in the same `after` hook, before the server closes. */
  beforeClose?: () => void;
}

/** Registers this file's `before`/`after` hooks for a real Better Auth server. */
export function useAuthServer(
  options: AuthServerOptions,
  { signUp = true, afterStart, beforeClose }: AuthFixtureOptions = {},
): AuthFixture {
  let server: AuthServer | undefined;
  let user: TestUser | undefined;
  before(async () => {
    server = await startAuthServer(options);
    if (signUp) user = await server.signUp();
    await afterStart?.();
  });
  after(async () => {
    beforeClose?.();
    await server?.close();
  });
  const fixture: AuthFixture = {
    get server() {
      if (!server) throw new Error('the auth server starts in the before hook');
      return server;
    },
    get user() {
      if (!user) throw new Error('no user signed up (useAuthServer with signUp: false)');
      return user;
    },
    set user(next) {
      user = next;
    },
    cookieManager({ clock, user = fixture.user, ...overrides } = {}) {
      return createTokenManager({
        authUrl: fixture.server.authUrl,
        fetch: cookieFetch(user.cookie),
        crossTab: false,
        ...(clock ? clockSeams(clock) : {}),
        ...overrides,
      });
    },
  };
  return fixture;
}
