import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAuthClient } from 'better-auth/client';
import { jwtClient } from 'better-auth/client/plugins';
import { decodeJwt } from 'jose';
import { startAuthServer } from '../../../test-support/better-auth.ts';
import { createTokenManager, type TokenError } from '../src/index.ts';
import { useAuthServer } from './helpers/auth-server.ts';
import { cookieFetch } from './helpers/env.ts';

const auth = useAuthServer({ jwtExpiresIn: 120 });

test('cookie mode: GET {authUrl}/token with credentials include and cache no-store', async () => {
  const seen: RequestInit[] = [];
  const manager = createTokenManager({
    authUrl: `${auth.server.authUrl}/`, // trailing slash tolerated
    fetch: cookieFetch(auth.user.cookie, seen),
    crossTab: false,
  });
  assert.equal(manager.mode, 'cookie');
  const jwt = await manager.getToken();
  assert.equal(decodeJwt(jwt).sub, auth.user.id);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.method, 'GET');
  assert.equal(seen[0]!.credentials, 'include');
  assert.equal(seen[0]!.cache, 'no-store');
  assert.equal(new Headers(seen[0]!.headers).get('authorization'), null);
  assert.ok(auth.server.requests.includes('GET /api/auth/token'));
  manager.dispose();
});

test('bearer mode: session token as Authorization Bearer, credentials omitted', async () => {
  const seen: RequestInit[] = [];
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    sessionToken: async () => auth.user.sessionToken,
    fetch: (input, init) => {
      seen.push(init ?? {});
      return fetch(input, init);
    },
    crossTab: false,
  });
  assert.equal(manager.mode, 'bearer');
  const jwt = await manager.getToken();
  assert.equal(decodeJwt(jwt).sub, auth.user.id);
  assert.equal(seen[0]!.credentials, 'omit');
  assert.equal(
    new Headers(seen[0]!.headers).get('authorization'),
    `Bearer ${auth.user.sessionToken}`,
  );
  manager.dispose();
});

test('bearer mode without a session token is signed out without any request', async () => {
  const before = auth.server.tokenRequests();
  const manager = createTokenManager({
    authUrl: auth.server.authUrl,
    sessionToken: null,
    crossTab: false,
  });
  await assert.rejects(manager.getToken(), { code: 'ERR_SIGNED_OUT' });
  assert.equal(manager.state.status, 'signed-out');
  assert.equal(auth.server.tokenRequests(), before);
  manager.dispose();
});

test('authClient mode: a real Better Auth client with jwtClient()', async () => {
  const authClient = createAuthClient({
    baseURL: auth.server.authUrl,
    plugins: [jwtClient()],
    fetchOptions: { customFetchImpl: cookieFetch(auth.user.cookie) },
  });
  const manager = createTokenManager({ authClient, crossTab: false });
  assert.equal(manager.mode, 'auth-client');
  const jwt = await manager.getToken();
  assert.equal(decodeJwt(jwt).sub, auth.user.id);
  manager.dispose();

  // Without the cookie the same client gets {data:null, error:{status:401}} → signed out.
  const anonymousClient = createAuthClient({
    baseURL: auth.server.authUrl,
    plugins: [jwtClient()],
  });
  const signedOut = createTokenManager({ authClient: anonymousClient, crossTab: false });
  const error = (await signedOut.getToken().catch((e) => e)) as TokenError;
  assert.equal(error.code, 'ERR_SIGNED_OUT');
  assert.equal(error.status, 401);
  signedOut.dispose();
});

test('authClient mode: error results map to network, server and signed-out codes', async () => {
  const results = [
    { data: null, error: { message: 'Failed to fetch' } },
    { data: null, error: { status: 503, message: 'Service Unavailable' } },
    { data: null, error: { status: 401, message: 'Unauthorized' } },
  ];
  const codes: string[] = [];
  for (const result of results) {
    const manager = createTokenManager({
      authClient: { token: async () => result },
      crossTab: false,
    });
    codes.push(((await manager.getToken().catch((e) => e)) as TokenError).code);
    manager.dispose();
  }
  assert.deepEqual(codes, ['ERR_NETWORK', 'ERR_SERVER', 'ERR_SIGNED_OUT']);
});

test('getToken mode: any issuer; null means signed out; throws map to TokenError', async () => {
  let calls = 0;
  const manager = createTokenManager({
    getToken: async () => {
      calls++;
      return auth.server.token({ sessionToken: auth.user.sessionToken });
    },
    crossTab: false,
  });
  assert.equal(manager.mode, 'custom');
  assert.equal(decodeJwt(await manager.getToken()).sub, auth.user.id);
  await manager.getToken();
  assert.equal(calls, 1, 'cached');
  manager.dispose();

  const nullSource = createTokenManager({ getToken: async () => null, crossTab: false });
  await assert.rejects(nullSource.getToken(), { code: 'ERR_SIGNED_OUT' });
  nullSource.dispose();

  const broken = createTokenManager({
    getToken: async () => {
      throw new TypeError('Failed to fetch');
    },
    crossTab: false,
  });
  await assert.rejects(broken.getToken(), { name: 'TokenError', code: 'ERR_NETWORK' });
  broken.dispose();
});

test('a token endpoint answering garbage is ERR_INVALID_TOKEN, not a crash', async () => {
  let body = '';
  const garbageServer = await startAuthServer({
    intercept: (req, res) => {
      if (!req.url?.startsWith('/api/auth/token')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return true;
    },
  });
  try {
    for (body of [
      JSON.stringify({ token: 'not-a-jwt' }),
      JSON.stringify({}),
      '<html>oops</html>',
    ]) {
      const manager = createTokenManager({ authUrl: garbageServer.authUrl, crossTab: false });
      await assert.rejects(manager.getToken(), { code: 'ERR_INVALID_TOKEN' });
      assert.equal(manager.state.status, 'error');
      manager.dispose();
    }
  } finally {
    await garbageServer.close();
  }
});

test('options: one source only, and authUrl is required outside a page', () => {
  assert.throws(
    () => createTokenManager({ getToken: async () => null, sessionToken: 'x' }),
    TypeError,
  );
  assert.throws(() => createTokenManager({}), /authUrl is required/);
});
