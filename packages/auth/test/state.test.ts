import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestUser } from '../../../test-support/better-auth.ts';
import {
  BETTER_AUTH_STORAGE_KEY,
  createTokenManager,
  type TokenManagerOptions,
  type TokenState,
} from '../src/index.ts';
import { clockSeams, useAuthServer } from './helpers/auth-server.ts';
import { CountingTarget, cookieFetch, fifoLocks } from './helpers/env.ts';
import { type FakeClock, fakeClock, until } from './helpers/fake-clock.ts';

// Every test signs up its own user: sign-outs here end sessions on the server.
const auth = useAuthServer({ jwtExpiresIn: 60 }, { signUp: false });

const managerWith = (clock: FakeClock, user: TestUser, extra: Partial<TokenManagerOptions> = {}) =>
  auth.cookieManager({ clock, user, ...extra });

test('subscribe: current state at once, then every change; unsubscribe stops it', async () => {
  const user = await auth.server.signUp();
  const clock = fakeClock();
  const manager = managerWith(clock, user);
  const seen: TokenState[] = [];
  const unsubscribe = manager.subscribe((state) => seen.push(state));
  assert.deepEqual(seen, [{ status: 'idle', refreshCount: 0 }]);
  const jwt = await manager.getToken();
  assert.deepEqual(
    seen.map((s) => s.status),
    ['idle', 'refreshing', 'signed-in'],
  );
  const signedIn = seen.at(-1)!;
  assert.equal(signedIn.refreshCount, 1);
  assert.equal(typeof signedIn.kid, 'string');
  assert.equal(signedIn.expiresAt! - signedIn.issuedAt!, 60_000);
  assert.equal(signedIn.lastRefreshAt, clock.now());
  assert.ok(Object.isFrozen(signedIn), 'snapshots are immutable');
  assert.ok(!JSON.stringify(signedIn).includes(jwt), 'the JWT itself is not in the state');
  unsubscribe();
  await manager.getToken({ forceRefresh: true });
  assert.equal(seen.length, 3);
  assert.equal(manager.state.refreshCount, 2);
  // A throwing listener does not break the manager.
  const original = globalThis.reportError;
  const reported: unknown[] = [];
  globalThis.reportError = (e: unknown) => reported.push(e);
  try {
    manager.subscribe(() => {
      throw new Error('listener bug');
    });
    await manager.getToken({ forceRefresh: true });
    assert.equal(manager.state.status, 'signed-in');
    assert.ok(reported.length >= 2);
  } finally {
    globalThis.reportError = original;
  }
  manager.dispose();
});

test('signOut: signed-out state, POST {authUrl}/sign-out with JSON {}, session gone on the server', async () => {
  const user = await auth.server.signUp();
  const clock = fakeClock();
  const seen: RequestInit[] = [];
  const manager = managerWith(clock, user, {
    fetch: cookieFetch(user.cookie, seen, auth.server.origin),
  });
  await manager.getToken();
  await manager.signOut();
  assert.equal(manager.state.status, 'signed-out');
  assert.equal(manager.state.error?.code, 'ERR_SIGNED_OUT');
  assert.equal(manager.state.expiresAt, undefined);
  assert.equal(clock.pending(), 0, 'refresh timer cancelled');
  const signOut = seen.at(-1)!;
  assert.equal(signOut.method, 'POST');
  assert.equal(signOut.body, '{}');
  assert.equal(new Headers(signOut.headers).get('content-type'), 'application/json');
  assert.ok(auth.server.requests.includes('POST /api/auth/sign-out'));
  await assert.rejects(auth.server.token({ cookie: user.cookie }), /401/, 'server session deleted');
  await assert.rejects(manager.getToken(), { code: 'ERR_SIGNED_OUT' });
  manager.dispose();
});

test('signOut in bearer mode sends the session token and ends that session', async () => {
  const user = await auth.server.signUp();
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    sessionToken: () => user.sessionToken,
    crossTab: false,
  });
  await manager.getToken();
  await manager.signOut();
  await assert.rejects(auth.server.token({ sessionToken: user.sessionToken }), /401/);
  manager.dispose();
});

test('signOut while a refresh is in flight: the late token is dropped', async () => {
  const user = await auth.server.signUp();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const manager = createTokenManager({
    getToken: async () => {
      await gate;
      return auth.server.token({ cookie: user.cookie });
    },
    crossTab: false,
  });
  const pending = manager.getToken().catch((e) => e);
  await manager.signOut();
  release();
  assert.equal((await pending).code, 'ERR_SIGNED_OUT');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(manager.state.status, 'signed-out');
  manager.dispose();
});

test('refresh(): after a host sign-in, signed-out → signed-in; never throws', async () => {
  let sessionToken: string | null = null;
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    sessionToken: () => sessionToken,
    crossTab: false,
  });
  await assert.rejects(manager.getToken(), { code: 'ERR_SIGNED_OUT' });
  await manager.refresh(); // still signed out: resolves, does not throw
  assert.equal(manager.state.status, 'signed-out');
  sessionToken = (await auth.server.signUp()).sessionToken; // host signs the user in
  await manager.refresh();
  assert.equal(manager.state.status, 'signed-in');
  assert.ok(await manager.getToken());
  manager.dispose();
});

test('refresh() during an older in-flight request asks again after it', async () => {
  const user = await auth.server.signUp();
  let signedIn = false;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let calls = 0;
  const manager = createTokenManager({
    getToken: async () => {
      calls++;
      const answer = signedIn; // what the session looked like when the request left
      if (calls === 1) await gate;
      return answer ? auth.server.token({ cookie: user.cookie }) : null;
    },
    crossTab: false,
  });
  const first = manager.getToken().catch((e) => e); // leaves while signed out
  signedIn = true; // the host signs the user in meanwhile
  const refreshed = manager.refresh();
  release();
  assert.equal((await first).code, 'ERR_SIGNED_OUT');
  await refreshed;
  assert.equal(manager.state.status, 'signed-in');
  assert.equal(calls, 2);
  manager.dispose();
});

test(`storage event on "${BETTER_AUTH_STORAGE_KEY}" (Better Auth client broadcast) re-checks the session`, async () => {
  const user = await auth.server.signUp();
  const clock = fakeClock();
  const win = new CountingTarget();
  const manager = managerWith(clock, user, { window: win, document: null });
  await manager.getToken();
  const start = auth.server.tokenRequests();
  const storage = (key: string) => {
    const event = new Event('storage') as Event & { key: string };
    event.key = key;
    win.dispatchEvent(event);
  };
  storage('unrelated-key');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(auth.server.tokenRequests(), start);
  // Another tab's Better Auth client signed out: the session is gone on the server.
  await fetch(`${auth.server.authUrl}/sign-out`, {
    method: 'POST',
    headers: {
      cookie: user.cookie,
      origin: auth.server.origin,
      'content-type': 'application/json',
    },
    body: '{}',
  });
  storage(BETTER_AUTH_STORAGE_KEY);
  await until(() => manager.state.status === 'signed-out', 5000, 'signed-out after storage event');
  assert.equal(auth.server.tokenRequests(), start + 1);
  manager.dispose();
});

test('signed out: visibility re-checks the session at most every recheckIntervalMs', async () => {
  const clock = fakeClock();
  const doc = new CountingTarget();
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    crossTab: false,
    ...clockSeams(clock),
    window: null,
    document: doc,
  });
  await manager.getToken().catch(() => {});
  const start = auth.server.tokenRequests();
  doc.dispatchEvent(new Event('visibilitychange')); // within 5 s of the last check
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(auth.server.tokenRequests(), start);
  clock.jump(5000);
  doc.dispatchEvent(new Event('visibilitychange'));
  doc.dispatchEvent(new Event('visibilitychange'));
  await until(() => auth.server.tokenRequests() === start + 1, 5000, 'one re-check');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(auth.server.tokenRequests(), start + 1);
  manager.dispose();
});

test('signed out: window focus re-checks too, and focus + visibility together ask once', async () => {
  const clock = fakeClock();
  const win = new CountingTarget();
  const doc = new CountingTarget();
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    crossTab: false,
    ...clockSeams(clock),
    window: win,
    document: doc,
  });
  await manager.getToken().catch(() => {});
  assert.equal(manager.state.status, 'signed-out');
  const start = auth.server.tokenRequests();
  // A sign-in pop-up closed: focus comes back without a visibility change.
  clock.jump(5000);
  win.dispatchEvent(new Event('focus'));
  await until(() => auth.server.tokenRequests() === start + 1, 5000, 'focus re-check');
  await until(() => manager.state.status === 'signed-out', 5000, 'the answer landed');
  // Switching back to the tab: visible, then focused — one request, not two.
  clock.jump(5000);
  doc.dispatchEvent(new Event('visibilitychange'));
  win.dispatchEvent(new Event('focus'));
  await until(() => auth.server.tokenRequests() === start + 2, 5000, 'one re-check');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(auth.server.tokenRequests(), start + 2);
  manager.dispose();
});

test('dispose leaves no timer, listener, channel or pending request behind', async () => {
  const user = await auth.server.signUp();
  const clock = fakeClock();
  const win = new CountingTarget();
  const doc = new CountingTarget();
  let channels = 0;
  class CountingChannel extends BroadcastChannel {
    constructor(name: string) {
      super(name);
      channels++;
    }
    override close() {
      channels--;
      super.close();
    }
  }
  const manager = managerWith(clock, user, {
    window: win,
    document: doc,
    crossTab: 'dispose-test',
    BroadcastChannel: CountingChannel,
    locks: fifoLocks(),
  });
  assert.equal(win.listeners, 4); // pageshow, online, focus, storage
  assert.equal(doc.listeners, 1); // visibilitychange
  assert.equal(channels, 1);
  await manager.getToken();
  assert.equal(clock.pending(), 1, 'the refresh timer');
  const pending = manager.getToken({ forceRefresh: true }).catch((e) => e);
  manager.dispose();
  assert.equal(clock.pending(), 0);
  assert.equal(win.listeners + doc.listeners, 0);
  assert.equal(channels, 0);
  assert.equal((await pending).code, 'ERR_DISPOSED');
  await assert.rejects(manager.getToken(), { code: 'ERR_DISPOSED' });
  await manager.refresh(); // no-op, no throw
  await manager.signOut();
  assert.equal(clock.pending(), 0);
  manager.dispose(); // idempotent
});
