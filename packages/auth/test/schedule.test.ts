import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTokenManager, type TokenManagerOptions } from '../src/index.ts';
import { refreshTime, usableUntil } from '../src/schedule.ts';
import { clockSeams, useAuthServer } from './helpers/auth-server.ts';
import { CountingTarget, cookieFetch } from './helpers/env.ts';
import { type FakeClock, fakeClock, until } from './helpers/fake-clock.ts';

const auth = useAuthServer({ jwtExpiresIn: 10 });

const managerWith = (clock: FakeClock, extra: Partial<TokenManagerOptions> = {}) =>
  auth.cookieManager({ clock, random: () => 0.5, ...extra });

test('renewal starts a fixed margin before expiry, scaled down for short tokens', () => {
  const minutes = (n: number) => ({
    jwt: 'x',
    obtainedAt: 1000,
    lifetimeMs: n * 60_000,
    expiresAt: 1000 + n * 60_000,
  });
  // max(2 × expiry margin, min(60 s, lifetime / 20)), no jitter.
  const margin = (token: ReturnType<typeof minutes>) =>
    token.expiresAt - refreshTime(token, () => 0, {});
  assert.equal(margin(minutes(60)), 60_000);
  assert.equal(margin(minutes(20)), 60_000);
  assert.equal(margin(minutes(15)), 45_000);
  assert.equal(margin(minutes(5)), 15_000);
  assert.equal(margin(minutes(1)), 10_000, 'twice the 5 s expiry margin');
  assert.equal(margin(minutes(10 / 60)), 2000, '10 s token: twice its 1 s expiry margin');
  // The renewal always starts while the token is still handed out.
  for (const n of [60, 15, 5, 1, 10 / 60, 1 / 60]) {
    const token = minutes(n);
    assert.ok(refreshTime(token, () => 0.99, {}) < usableUntil(token, {}), `${n} min`);
  }
});

test('jitter spreads tabs apart by up to 1% of the lifetime', () => {
  const token = { jwt: 'x', obtainedAt: 1000, lifetimeMs: 900_000, expiresAt: 901_000 };
  assert.equal(
    refreshTime(token, () => 0.5, {}),
    901_000 - 45_000 - 4500,
  );
  const spread = new Set([0, 0.25, 0.5, 0.75].map((r) => refreshTime(token, () => r, {})));
  assert.equal(spread.size, 4);
  for (const at of spread) assert.ok(at > 901_000 - 45_000 - 9000 && at <= 901_000 - 45_000);
  // A token is not served in its last 10% (at most 5 s).
  assert.equal(usableUntil(token, {}), 901_000 - 5000);
  assert.equal(usableUntil({ ...token, lifetimeMs: 10_000, expiresAt: 11_000 }, {}), 10_000);
  // Margin, ratio and jitter are options; a ratio replaces the margin.
  assert.equal(
    refreshTime(token, () => 0, { refreshMarginMs: 30_000 }),
    871_000,
  );
  assert.equal(
    refreshTime(token, () => 0, { refreshRatio: 0.5, jitterRatio: 0 }),
    451_000,
  );
});

test('proactive refresh fires a margin before expiry (local receive time + exp − iat)', async () => {
  const clock = fakeClock();
  const manager = managerWith(clock);
  await manager.getToken();
  const start = auth.server.tokenRequests();
  const { issuedAt, expiresAt } = manager.state;
  assert.equal(expiresAt! - issuedAt!, 10_000, 'lifetime from exp − iat');
  // refreshAt = expiresAt − 2000 (twice the 1 s expiry margin) − 0.01·10000·0.5
  assert.equal(clock.nextAt(), issuedAt! + 7950);
  await clock.advance(7900);
  assert.equal(auth.server.tokenRequests(), start, 'no refresh before the time');
  await clock.advance(50);
  await until(() => manager.state.refreshCount === 2, 5000, 'proactive refresh');
  assert.equal(auth.server.tokenRequests(), start + 1);
  assert.equal(manager.state.status, 'signed-in');
  assert.ok(manager.state.expiresAt! > expiresAt!);
  manager.dispose();
});

test('lazy refresh after sleep: timers frozen, getToken checks wall time and never serves an expired token', async () => {
  const clock = fakeClock();
  const apiSends: { token: string; msLeft: number }[] = [];
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    crossTab: false,
    ...clockSeams(clock),
    fetch: (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith('http://api.test/')) {
        const token = new Headers(init?.headers).get('authorization')!.slice(7);
        apiSends.push({ token, msLeft: manager.state.expiresAt! - clock.now() });
        return Promise.resolve(new Response('ok'));
      }
      return cookieFetch(auth.user.cookie)(input, init);
    },
  });
  // Sleep lengths around every boundary: fresh, refresh window, margin, expired, hours.
  for (const sleep of [0, 5000, 3000, 1500, 1000, 9000, 3 * 3600_000]) {
    clock.jump(sleep);
    await manager.fetch('http://api.test/echo');
  }
  assert.equal(apiSends.length, 7);
  for (const send of apiSends) assert.ok(send.msLeft > 0, `sent with ${send.msLeft} ms left`);
  manager.dispose();
});

test('visibilitychange→visible, pageshow and online check the token at once', async () => {
  for (const event of ['visibilitychange', 'pageshow', 'online'] as const) {
    const clock = fakeClock();
    const win = new CountingTarget();
    const doc = new CountingTarget();
    const manager = managerWith(clock, { window: win, document: doc });
    await manager.getToken();
    const start = auth.server.tokenRequests();
    clock.jump(8000); // past the refresh time, but the timer did not run (frozen tab)
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(auth.server.tokenRequests(), start, 'hidden: nothing happens');
    doc.visibilityState = 'visible';
    (event === 'visibilitychange' ? doc : win).dispatchEvent(new Event(event));
    await until(() => manager.state.refreshCount === 2, 5000, `refresh on ${event}`);
    assert.equal(auth.server.tokenRequests(), start + 1);
    manager.dispose();
    assert.equal(win.listeners + doc.listeners, 0);
  }
});

test('a fresh token is not refreshed by wake-up events', async () => {
  const clock = fakeClock();
  const win = new CountingTarget();
  const doc = new CountingTarget();
  const manager = managerWith(clock, { window: win, document: doc });
  await manager.getToken();
  const start = auth.server.tokenRequests();
  clock.jump(2000);
  doc.dispatchEvent(new Event('visibilitychange'));
  win.dispatchEvent(new Event('pageshow'));
  win.dispatchEvent(new Event('online'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(auth.server.tokenRequests(), start);
  manager.dispose();
});
