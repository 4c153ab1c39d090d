import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach, test } from 'node:test';
import {
  backoffDelay,
  createTokenManager,
  type TokenError,
  type TokenManagerOptions,
  type TokenState,
} from '../src/index.ts';
import { clockSeams, useAuthServer } from './helpers/auth-server.ts';
import { CountingTarget } from './helpers/env.ts';
import { type FakeClock, fakeClock, until } from './helpers/fake-clock.ts';

// Failure injection on the real server: 'ok' passes through to Better Auth.
let mode: 'ok' | '503' | 'drop' | 'hang' = 'ok';
let hits = 0; // requests that reached /token, failing or not
const hung: ServerResponse[] = [];

const auth = useAuthServer(
  {
    jwtExpiresIn: 60,
    intercept: (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.startsWith('/api/auth/token')) return false;
      hits++;
      if (mode === '503') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        return true;
      }
      if (mode === 'drop') {
        req.socket.destroy(); // connection reset: what a dead network looks like to fetch
        return true;
      }
      if (mode === 'hang') {
        hung.push(res);
        return true;
      }
      return false;
    },
  },
  {
    beforeClose: () => {
      for (const res of hung) res.destroy();
    },
  },
);
beforeEach(() => {
  mode = 'ok';
});

const managerWith = (clock: FakeClock, extra: Partial<TokenManagerOptions> = {}) =>
  auth.cookieManager({ clock, random: () => 0.5, ...extra });

test('token endpoint 401 → signed-out state and event, no retry loop, no timers', async () => {
  const clock = fakeClock();
  const manager = createTokenManager({
    authUrl: auth.server.authUrl, // no cookie: Better Auth answers 401
    crossTab: false,
    ...clockSeams(clock),
  });
  const seen: TokenState[] = [];
  manager.subscribe((state) => seen.push(state));
  const start = hits;
  const errors = await Promise.all(
    Array.from({ length: 100 }, () => manager.getToken().catch((e: TokenError) => e)),
  );
  assert.equal(hits - start, 1);
  assert.ok(errors.every((e) => (e as TokenError).code === 'ERR_SIGNED_OUT'));
  assert.deepEqual(
    seen.map((s) => s.status),
    ['idle', 'refreshing', 'signed-out'],
  );
  assert.equal(manager.state.error?.code, 'ERR_SIGNED_OUT');
  assert.equal(manager.state.error?.status, 401);
  assert.equal(clock.pending(), 0, 'no retry timer');
  await clock.advance(3600_000);
  await Promise.all(Array.from({ length: 100 }, () => manager.getToken().catch(() => {})));
  assert.equal(hits - start, 1, 'later calls fail fast without requests');
  manager.dispose();
});

test('503s → ERR_SERVER, bounded exponential backoff with jitter, cooldown for callers, self-recovery', async () => {
  const clock = fakeClock();
  const manager = managerWith(clock, { retry: { baseMs: 1000, maxMs: 8000 } });
  mode = '503';
  const start = hits;
  const errors = await Promise.all(
    Array.from({ length: 100 }, () => manager.getToken().catch((e: TokenError) => e)),
  );
  assert.equal(hits - start, 1, '100 callers, 1 request');
  assert.ok(errors.every((e) => (e as TokenError).code === 'ERR_SERVER'));
  assert.equal((errors[0] as TokenError).status, 503);
  assert.equal(manager.state.status, 'error');
  assert.equal(manager.state.error?.code, 'ERR_SERVER');

  // Cooldown: 100 more callers during the outage make no request.
  await Promise.all(Array.from({ length: 100 }, () => manager.getToken().catch(() => {})));
  assert.equal(hits - start, 1);

  // The retry timer fires on its own with growing, capped delays: 1 s, 2 s, 4 s, 8 s, 8 s.
  const delays: number[] = [];
  for (let attempt = 2; attempt <= 6; attempt++) {
    const wait = manager.state.retryAt! - clock.now();
    delays.push(wait);
    await clock.advance(wait);
    await until(() => hits - start === attempt, 5000, `attempt ${attempt}`);
    await until(() => manager.state.status === 'error', 5000, 'error again');
  }
  // equal jitter with random 0.5: 0.75 × min(max, base·2^(n−1))
  assert.deepEqual(delays, [750, 1500, 3000, 6000, 6000]);

  mode = 'ok';
  await clock.advance(manager.state.retryAt! - clock.now());
  await until(() => manager.state.status === 'signed-in', 5000, 'recovery');
  assert.equal(manager.state.error, undefined);
  assert.ok(await manager.getToken());
  manager.dispose();
});

test('network failure → ERR_NETWORK (distinct from ERR_SERVER); the online event recovers at once', async () => {
  const clock = fakeClock();
  const win = new CountingTarget();
  const manager = managerWith(clock, { window: win, document: null });
  mode = 'drop';
  const error = (await manager.getToken().catch((e) => e)) as TokenError;
  assert.equal(error.code, 'ERR_NETWORK');
  assert.equal(manager.state.status, 'error');
  assert.ok(manager.state.retryAt! > clock.now(), 'in cooldown');
  mode = 'ok';
  const before = hits;
  win.dispatchEvent(new Event('online'));
  await until(() => manager.state.status === 'signed-in', 5000, 'recovery on online');
  assert.equal(hits - before, 1);
  manager.dispose();
});

test('a hung token endpoint times out as ERR_NETWORK (lock holders never hang forever)', async () => {
  const clock = fakeClock();
  const manager = managerWith(clock, { requestTimeoutMs: 10_000 });
  mode = 'hang';
  const pending = manager.getToken().catch((e: TokenError) => e);
  await until(() => hung.length > 0, 5000, 'request to arrive');
  await clock.advance(10_000);
  const error = (await pending) as TokenError;
  assert.equal(error.code, 'ERR_NETWORK');
  assert.match(error.message, /timed out/);
  manager.dispose();
});

test('a failed proactive refresh keeps serving the still-valid token, then shows the error at expiry', async () => {
  const clock = fakeClock();
  const manager = managerWith(clock, { retry: { baseMs: 30_000, maxMs: 30_000 } });
  const jwt = await manager.getToken();
  mode = '503';
  const start = hits;
  await clock.advance(50_000); // 10 s before expiry (− jitter): proactive refresh → 503
  await until(() => hits > start && manager.state.error !== undefined, 5000, 'failed refresh');
  assert.equal(manager.state.status, 'signed-in', 'token still valid');
  assert.equal(manager.state.error?.code, 'ERR_SERVER');
  assert.equal(await manager.getToken(), jwt);
  await clock.advance(6000); // now inside the last 5 s: the token is no longer served
  assert.equal(manager.state.status, 'error');
  await assert.rejects(manager.getToken(), { code: 'ERR_SERVER' });
  manager.dispose();
});

test('backoffDelay is exponential, capped and jittered', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };
  assert.equal(
    backoffDelay(1, () => 0, opts),
    500,
  );
  assert.equal(
    backoffDelay(1, () => 1, opts),
    1000,
  );
  assert.equal(
    backoffDelay(4, () => 1, opts),
    8000,
  );
  assert.equal(
    backoffDelay(30, () => 1, opts),
    60_000,
  );
  assert.equal(
    backoffDelay(30, () => 0, opts),
    30_000,
  );
});
