import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwt } from 'jose';
import { useAuthServer } from './helpers/auth-server.ts';
import { fakeClock } from './helpers/fake-clock.ts';

const auth = useAuthServer({ jwtExpiresIn: 60 });

test('100 concurrent getToken() on a cold manager make exactly 1 token request', async () => {
  const manager = auth.cookieManager();
  const before = auth.server.tokenRequests();
  const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
  assert.equal(auth.server.tokenRequests() - before, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.equal(decodeJwt(tokens[0]!).sub, auth.user.id);
  manager.dispose();
});

test('100 concurrent getToken() at expiry make exactly 1 token request, and a warm cache makes none', async () => {
  const clock = fakeClock();
  const manager = auth.cookieManager({ clock });
  const first = await manager.getToken();
  const afterFirst = auth.server.tokenRequests();
  await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
  assert.equal(auth.server.tokenRequests(), afterFirst, 'cached token served without requests');

  clock.jump(61_000); // past expiry, timers frozen (sleeping laptop)
  // Better Auth's iat has 1 s resolution: wait so the new JWT differs.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
  assert.equal(auth.server.tokenRequests() - afterFirst, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.notEqual(tokens[0], first);
  assert.equal(manager.state.status, 'signed-in');
  assert.equal(manager.state.refreshCount, 2);
  manager.dispose();
});
