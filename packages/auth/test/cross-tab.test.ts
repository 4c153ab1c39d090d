// Tabs in one process: several managers sharing a real BroadcastChannel name
// and one Web Locks stand-in (FIFO, no timeout), on one shared clock.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, test } from 'node:test';
import {
  createTokenManager,
  type LockManagerLike,
  type TokenError,
  type TokenManager,
} from '../src/index.ts';
import { clockSeams, useAuthServer } from './helpers/auth-server.ts';
import { cookieFetch, fifoLocks } from './helpers/env.ts';
import { type FakeClock, fakeClock, until } from './helpers/fake-clock.ts';

let mode: 'ok' | 'slow' | '503' | '401' = 'ok';
let channelCount = 0;
let hits = 0; // every request reaching /token, including injected failures
const created: TokenManager[] = [];

const auth = useAuthServer({
  jwtExpiresIn: 60,
  intercept: async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/api/auth/token')) return false;
    hits++;
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 6000));
    if (mode === '503') {
      res.writeHead(503).end();
      return true;
    }
    if (mode === '401') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"UNAUTHORIZED"}');
      return true;
    }
    return false;
  },
});
beforeEach(() => {
  mode = 'ok';
});
afterEach(() => {
  for (const m of created.splice(0)) m.dispose(); // also when a test failed midway
});

function tabs(count: number, clock: FakeClock, locks: LockManagerLike | null) {
  const channel = `tabs-${++channelCount}`;
  const managers = Array.from({ length: count }, () =>
    createTokenManager({
      authUrl: auth.server.authUrl,
      fetch: cookieFetch(auth.user.cookie, undefined, auth.server.origin),
      crossTab: channel,
      locks,
      ...clockSeams(clock),
      window: null,
      document: null,
    }),
  );
  created.push(...managers);
  return managers;
}
const disposeAll = (managers: TokenManager[]) => {
  for (const m of managers) m.dispose();
};
const newSecond = () => new Promise((resolve) => setTimeout(resolve, 1050));

test('a token fetched in one tab reaches the others without requests', async () => {
  const clock = fakeClock();
  const [a, b, c] = tabs(3, clock, fifoLocks());
  const start = auth.server.tokenRequests();
  const jwt = await a!.getToken();
  await until(() => b!.state.status === 'signed-in' && c!.state.status === 'signed-in');
  assert.equal(await b!.getToken(), jwt);
  assert.equal(await c!.getToken(), jwt);
  assert.equal(auth.server.tokenRequests() - start, 1);
  disposeAll([a!, b!, c!]);
});

test('3 tabs × 10 callers at expiry → exactly 1 token request, everyone gets the new token', async () => {
  const clock = fakeClock();
  const locks = fifoLocks();
  const managers = tabs(3, clock, locks);
  const old = await managers[0]!.getToken();
  await until(() => managers.every((m) => m.state.status === 'signed-in'));
  clock.jump(61_000); // all three slept through expiry
  await newSecond();
  const start = auth.server.tokenRequests();
  const grants = locks.grants;
  const tokens = await Promise.all(
    managers.flatMap((m) => Array.from({ length: 10 }, () => m.getToken())),
  );
  assert.equal(auth.server.tokenRequests() - start, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.notEqual(tokens[0], old);
  assert.equal(locks.grants - grants, 3, 'each tab took the lock once; two found the token inside');
  disposeAll(managers);
});

test('proactive refresh timers in 3 tabs → 1 token request per lifetime', async () => {
  const clock = fakeClock();
  const managers = tabs(3, clock, fifoLocks());
  await managers[0]!.getToken();
  await until(() => managers.every((m) => m.state.status === 'signed-in'));
  await newSecond();
  const start = auth.server.tokenRequests();
  const firstExpiry = managers[0]!.state.expiresAt!;
  await clock.advance(50_000); // every tab's refresh time (45–48 s) has passed
  await until(() => managers.every((m) => m.state.expiresAt! > firstExpiry), 5000, 'all renewed');
  assert.equal(auth.server.tokenRequests() - start, 1);
  disposeAll(managers);
});

test('sign-out in one tab reaches every other tab in < 1 s', async () => {
  const clock = fakeClock();
  const managers = tabs(3, clock, fifoLocks());
  await managers[0]!.getToken();
  await until(() => managers.every((m) => m.state.status === 'signed-in'));
  const started = performance.now();
  const signOut = managers[1]!.signOut();
  await until(() => managers.every((m) => m.state.status === 'signed-out'), 1000, 'sign-out');
  const elapsed = performance.now() - started;
  await signOut;
  assert.ok(elapsed < 1000, `${elapsed} ms`);
  const errors = await Promise.all(managers.map((m) => m.getToken().catch((e: TokenError) => e)));
  assert.ok(errors.every((e) => (e as TokenError).code === 'ERR_SIGNED_OUT'));
  disposeAll(managers);
  auth.user = await auth.server.signUp(); // the session is gone for later tests
});

test('a token requested before a sign-out is not taken on by the tab that signed out', async () => {
  const clock = fakeClock();
  const [a] = tabs(1, clock, fifoLocks());
  const channel = new BroadcastChannel(`tabs-${channelCount}`); // "another tab"
  try {
    await a!.getToken();
    const signedOutAt = clock.now();
    await a!.signOut();
    auth.user = await auth.server.signUp();
    const jwt = await auth.server.token({ cookie: auth.user.cookie });
    // A refresh another tab started before the sign-out lands afterwards: ignored.
    channel.postMessage({ type: 'token', scope: 'shared', jwt, obtainedAt: signedOutAt - 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(a!.state.status, 'signed-out');
    // One requested after the sign-out (the user signed in again there): taken on.
    clock.jump(10);
    channel.postMessage({ type: 'token', scope: 'shared', jwt, obtainedAt: clock.now() });
    await until(() => a!.state.status === 'signed-in', 2000, 'adopt');
    assert.equal(await a!.getToken(), jwt);
  } finally {
    channel.close();
  }
});

test('slow (6 s) token endpoint: 3 tabs × 20 waiters all served by 1 request, none times out', async () => {
  const clock = fakeClock();
  const managers = tabs(3, clock, fifoLocks());
  await managers[0]!.getToken();
  await until(() => managers.every((m) => m.state.status === 'signed-in'));
  clock.jump(61_000);
  mode = 'slow';
  const start = hits;
  const t0 = performance.now();
  const settled = await Promise.allSettled(
    managers.flatMap((m) =>
      Array.from({ length: 20 }, async () => {
        const token = await m.getToken();
        return { token, at: performance.now() - t0 };
      }),
    ),
  );
  assert.equal(hits - start, 1);
  const ok = settled.filter((s) => s.status === 'fulfilled');
  assert.equal(ok.length, 60, 'all 60 waiters served');
  const times = ok.map((s) => s.value.at);
  assert.ok(Math.min(...times) >= 6000);
  // Waiters in other tabs finish within a few ms of the tab that fetched.
  assert.ok(
    Math.max(...times) - Math.min(...times) < 100,
    `spread ${Math.max(...times) - Math.min(...times)} ms`,
  );
  disposeAll(managers);
});

test('a failure inside the lock is shared: 3 tabs, 503 → 1 request, all tabs in error', async () => {
  const clock = fakeClock();
  const managers = tabs(3, clock, fifoLocks());
  await managers[0]!.getToken();
  await until(() => managers.every((m) => m.state.status === 'signed-in'));
  clock.jump(61_000);
  mode = '503';
  const start = hits;
  const errors = await Promise.all(managers.map((m) => m.getToken().catch((e: TokenError) => e)));
  assert.equal(hits - start, 1);
  assert.deepEqual(
    errors.map((e) => (e as TokenError).code),
    ['ERR_SERVER', 'ERR_SERVER', 'ERR_SERVER'],
  );
  assert.ok(managers.every((m) => m.state.status === 'error'));
  mode = '401';
  clock.jump(120_000); // past every cooldown
  const again = await Promise.all(managers.map((m) => m.getToken().catch((e: TokenError) => e)));
  assert.equal(hits - start, 2);
  assert.ok(again.every((e) => (e as TokenError).code === 'ERR_SIGNED_OUT'));
  disposeAll(managers);
});

test('without Web Locks (fallback): a claim on the channel makes later tabs wait instead of asking', async () => {
  const clock = fakeClock();
  const managers = tabs(3, clock, null);
  await managers[0]!.getToken();
  await until(() => managers.every((m) => m.state.status === 'signed-in'));
  clock.jump(61_000);
  mode = 'slow';
  const start = auth.server.tokenRequests();
  const first = managers[0]!.getToken();
  await new Promise((resolve) => setTimeout(resolve, 100)); // the claim reaches the other tabs
  const others = managers.slice(1).map((m) => m.getToken());
  const tokens = await Promise.all([first, ...others]);
  assert.equal(auth.server.tokenRequests() - start, 1);
  assert.equal(new Set(tokens).size, 1);

  // Simultaneous starts may both ask (2–3 requests), but everyone is served.
  clock.jump(61_000);
  mode = 'ok';
  await newSecond();
  const before = auth.server.tokenRequests();
  const all = await Promise.all(managers.map((m) => m.getToken()));
  assert.ok(all.every(Boolean));
  assert.ok(auth.server.tokenRequests() - before <= 3);
  disposeAll(managers);
});
