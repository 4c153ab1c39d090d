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

test('refresh time is ~80% of the lifetime minus jitter, and jitter spreads tabs apart', () => {
  const token = { jwt: 'x', obtainedAt: 1000, lifetimeMs: 900_000, expiresAt: 901_000 };
  assert.equal(
    refreshTime(token, () => 0, {}),
    1000 + 720_000,
  );
  assert.equal(
    refreshTime(token, () => 0.5, {}),
    1000 + 720_000 - 22_500,
  );
  const spread = new Set([0, 0.25, 0.5, 0.75].map((r) => refreshTime(token, () => r, {})));
  assert.equal(spread.size, 4);
  for (const at of spread) assert.ok(at >= 1000 + 675_000 && at <= 1000 + 720_000);
  // A token is not served in its last 10% (at most 5 s).
  assert.equal(usableUntil(token, {}), 901_000 - 5000);
  assert.equal(usableUntil({ ...token, lifetimeMs: 10_000, expiresAt: 11_000 }, {}), 10_000);
  // Ratio and margin are options.
  assert.equal(
    refreshTime(token, () => 0, { refreshRatio: 0.5, jitterRatio: 0 }),
    451_000,
  );
});

test('proactive refresh fires at ~80% of the lifetime (local receive time + exp − iat)', async () => {
  const clock = fakeClock();
  const manager = managerWith(clock);
  await manager.getToken();
  const start = auth.server.tokenRequests();
  const { issuedAt, expiresAt } = manager.state;
  assert.equal(expiresAt! - issuedAt!, 10_000, 'lifetime from exp − iat');
  // refreshAt = issuedAt + 8000 − 0.05·10000·0.5 = issuedAt + 7750
  assert.equal(clock.nextAt(), issuedAt! + 7750);
  await clock.advance(7700);
  assert.equal(auth.server.tokenRequests(), start, 'no refresh before the time');
  await clock.advance(100);
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
