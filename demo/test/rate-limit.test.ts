// Sign-in brute force against the assembled demo: the limiter is on without
// NODE_ENV=production, keys on the socket address (a new X-Forwarded-For per
// request changes nothing), believes forwarded addresses only from configured
// proxies, and keeps its counters in the database shared by every instance.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RunningDemo, startDemo } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

const quiet = { info: () => {}, warn: () => {} };
const SECRET = 'rate-limit-test-secret-0123456789abcdefghijkl';

async function start(env: Record<string, string>) {
  return startDemo(
    readConfig({ PORT: '0', DATABASE_PATH: ':memory:', BETTER_AUTH_SECRET: SECRET, ...env }),
    quiet,
  );
}

let counter = 0;
/**
 * One sign-in claiming to come from a new address each time: a wrong password (401), or
 * with `malformed`, an address that is no email (400). The limiter counts both, and the
 * malformed one skips Better Auth's password hashing, which costs a CPU-heavy scrypt run
 * per attempt even for an unknown user: only the first test pays for real guesses.
 */
async function attempt(demo: RunningDemo, malformed = false) {
  counter++;
  const res = await fetch(`${demo.mainOrigin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: demo.mainOrigin,
      'x-forwarded-for': `203.0.113.${counter % 250}`,
      'x-real-ip': `198.51.100.${counter % 250}`,
    },
    body: JSON.stringify({
      email: malformed ? 'victim-at-example.test' : 'victim@example.test',
      password: `guess-${counter}`,
    }),
  });
  await res.body?.cancel();
  return res.status;
}

test('rotating X-Forwarded-For: the 6th attempt in the window is refused with 429', async (t) => {
  const demo = await start({ AUTH_RATE_LIMIT_MAX: '5', AUTH_RATE_LIMIT_WINDOW: '60' });
  t.after(() => demo.close());
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push(await attempt(demo));
  assert.deepEqual(
    statuses.map((s) => (s === 429 ? 429 : 'tried')),
    ['tried', 'tried', 'tried', 'tried', 'tried', 429, 429, 429],
    statuses.join(','),
  );
  assert.ok(statuses.slice(0, 5).every((s) => s === 401));
});

test('the default limit applies without any setting (no NODE_ENV=production needed)', async (t) => {
  const demo = await start({});
  t.after(() => demo.close());
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push(await attempt(demo, true));
  assert.ok(statuses.includes(429), statuses.join(','));
});

test('behind a trusted proxy, each forwarded client has its own counter', async (t) => {
  const demo = await start({
    AUTH_RATE_LIMIT_MAX: '2',
    TRUSTED_PROXIES: '127.0.0.1, ::1',
  });
  t.after(() => demo.close());
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push(await attempt(demo, true));
  assert.ok(
    statuses.every((s) => s === 400),
    statuses.join(','),
  );
});

test('two instances on one database share the counters', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-rate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_PATH: join(dir, 'demo.sqlite'), AUTH_RATE_LIMIT_MAX: '4' };
  const first = await start(env);
  t.after(() => first.close());
  const second = await start(env);
  t.after(() => second.close());
  assert.equal(await attempt(first, true), 400);
  assert.equal(await attempt(second, true), 400);
  assert.equal(await attempt(first, true), 400);
  assert.equal(await attempt(second, true), 400);
  assert.equal(await attempt(first, true), 429);
  assert.equal(await attempt(second, true), 429);
});
