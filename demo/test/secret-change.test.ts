// Restarting on an existing database with a different BETTER_AUTH_SECRET: the
// stored signing keys cannot be decrypted any more. The demo must refuse to
// start with a message that says so (never start and answer 500s), start
// again with the right secret, and rotate only when asked to.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RunningDemo, startDemo } from '../src/app.ts';
import { ConfigError, readConfig } from '../src/config.ts';

const quiet = { info: () => {}, warn: () => {} };
const FIRST = 'first-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const SECOND = 'second-secret-0123456789abcdefghijklmnopqrstuvwxyz';

let counter = 0;
/** Signs a new user up and asks for a JWT with its session: the status of GET /token. */
async function tokenStatus(demo: RunningDemo) {
  const signUp = await fetch(`${demo.mainOrigin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.mainOrigin },
    body: JSON.stringify({
      email: `secret-${process.pid}-${++counter}@example.test`,
      password: 'correct-horse-battery',
      name: 'Secret',
    }),
  });
  assert.equal(signUp.status, 200);
  const res = await fetch(`${demo.mainOrigin}/api/auth/token`, {
    headers: { authorization: `Bearer ${signUp.headers.get('set-auth-token')}` },
  });
  await res.body?.cancel();
  return res.status;
}

test('a changed secret: clear refusal at start-up; the old secret still works; ROTATE_SIGNING_KEYS=1 rotates', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-secret-change-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = (secret: string, extra: Record<string, string> = {}) =>
    readConfig({
      PORT: '0',
      DATABASE_PATH: join(dir, 'demo.sqlite'),
      BETTER_AUTH_SECRET: secret,
      ...extra,
    });

  const first = await startDemo(env(FIRST), quiet);
  assert.equal(await tokenStatus(first), 200);
  await first.close();

  await assert.rejects(startDemo(env(SECOND), quiet), (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(error.message, /BETTER_AUTH_SECRET has changed/);
    assert.match(error.message, /cannot be decrypted/);
    assert.match(error.message, /ROTATE_SIGNING_KEYS=1/);
    return true;
  });

  // Nothing was damaged by the refusal: the right secret starts as before.
  const again = await startDemo(env(FIRST), quiet);
  assert.equal(await tokenStatus(again), 200);
  await again.close();

  const warnings: string[] = [];
  const rotated = await startDemo(env(SECOND, { ROTATE_SIGNING_KEYS: '1' }), {
    info: () => {},
    warn: (message) => warnings.push(message),
  });
  t.after(() => rotated.close());
  assert.ok(warnings.some((w) => /ROTATE_SIGNING_KEYS: deleted 1 signing key/.test(w)));
  assert.equal(await tokenStatus(rotated), 200);
});
