import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeJwt } from 'jose';
import {
  type AuthServer,
  startAuthServer,
  type TestUser,
} from '../../../test-support/better-auth.ts';
import { createTokenManager } from '../src/index.ts';
import { cookieFetch } from './helpers/env.ts';
import { fakeClock } from './helpers/fake-clock.ts';

let server: AuthServer;
let user: TestUser;
before(async () => {
  server = await startAuthServer({ jwtExpiresIn: 60 });
  user = await server.signUp();
});
after(() => server.close());

test('100 concurrent getToken() on a cold manager make exactly 1 token request', async () => {
  const manager = createTokenManager({
    authUrl: server.authUrl,
    fetch: cookieFetch(user.cookie),
    crossTab: false,
  });
  const before = server.tokenRequests();
  const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
  assert.equal(server.tokenRequests() - before, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.equal(decodeJwt(tokens[0]!).sub, user.id);
  manager.dispose();
});

test('100 concurrent getToken() at expiry make exactly 1 token request, and a warm cache makes none', async () => {
  const clock = fakeClock();
  const manager = createTokenManager({
    authUrl: server.authUrl,
    fetch: cookieFetch(user.cookie),
    crossTab: false,
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  });
  const first = await manager.getToken();
  const afterFirst = server.tokenRequests();
  await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
  assert.equal(server.tokenRequests(), afterFirst, 'cached token served without requests');

  clock.jump(61_000); // past expiry, timers frozen (sleeping laptop)
  // Better Auth's iat has 1 s resolution: wait so the new JWT differs.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
  assert.equal(server.tokenRequests() - afterFirst, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.notEqual(tokens[0], first);
  assert.equal(manager.state.status, 'signed-in');
  assert.equal(manager.state.refreshCount, 2);
  manager.dispose();
});
