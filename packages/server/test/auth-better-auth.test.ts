// Real tokens from a real Better Auth server (jwt plugin, EdDSA, kid), verified
// with Better Auth's defaults (iss = aud = baseURL origin) through every adapter.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  type AuthenticatedRequest,
  createJwksVerifier,
  type JwksVerifier,
  nodeAuthMiddleware,
  withAuth,
} from '@chat-widget/server/auth';
import { type AuthServer, startAuthServer } from '../../../test-support/better-auth.ts';

let server: AuthServer;
let verifier: JwksVerifier;

before(async () => {
  server = await startAuthServer({ jwtExpiresIn: 900 });
  verifier = createJwksVerifier({
    jwksUrl: server.jwksUrl,
    issuer: server.origin,
    audience: server.origin,
  });
});
after(() => server.close());

describe('Better Auth tokens', () => {
  test('a signed-up user’s token verifies; sub is the user id', async () => {
    const user = await server.signUp();
    const token = await server.token(user);
    const auth = await verifier.verify(token);
    assert.equal(auth.sub, user.id);
    assert.equal(auth.claims.iss, server.origin);
    assert.equal(auth.claims.aud, server.origin);
    assert.equal(auth.token, token);
  });

  test('bearer-mode and anonymous sessions give verifiable tokens too', async () => {
    const guest = await server.signInAnonymous();
    const auth = await verifier.verify(await server.token({ sessionToken: guest.sessionToken }));
    assert.equal(auth.sub, guest.id);
    assert.equal(auth.claims.isAnonymous, true);
  });

  test('issuer …/api/auth (a common mistake) rejects real tokens', async () => {
    const wrong = createJwksVerifier({
      jwksUrl: server.jwksUrl,
      issuer: server.authUrl,
      audience: server.origin,
    });
    const token = await server.token(await server.signUp());
    await assert.rejects(wrong.verify(token), { code: 'ERR_TOKEN_CLAIM_INVALID', status: 401 });
  });

  test('a token that expired (short lifetime, beyond tolerance) is rejected', async () => {
    // 3 s, not 1: on a loaded machine sign-up + token + the first JWKS fetch can take over a
    // second, and the "still valid" check below would then meet an expired token.
    const shortLived = await startAuthServer({ jwtExpiresIn: 3 });
    after(() => shortLived.close());
    const strict = createJwksVerifier({
      jwksUrl: shortLived.jwksUrl,
      issuer: shortLived.origin,
      audience: shortLived.origin,
      clockTolerance: 0,
    });
    const token = await shortLived.token(await shortLived.signUp());
    const { claims } = await strict.verify(token);
    // Wait until the token's own exp has passed (whole seconds, so up to 1 s more), not a guess.
    const expiresAt = Number(claims.exp) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 1100));
    await assert.rejects(strict.verify(token), {
      code: 'ERR_TOKEN_EXPIRED',
      name: 'TokenExpiredError',
    });
  });
});

describe('adapters with real tokens', () => {
  test('withAuth (Fetch API) passes the auth to the handler', async () => {
    const user = await server.signUp();
    const handler = withAuth(verifier, (_request, auth) => Response.json({ user: auth.sub }));
    const ok = await handler(
      new Request('http://api.test/', {
        headers: { authorization: `Bearer ${await server.token(user)}` },
      }),
    );
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { user: user.id });
    const missing = await handler(new Request('http://api.test/'));
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="chat-widget"');
  });

  test('nodeAuthMiddleware on node:http sets req.auth, or answers 401 itself', async () => {
    const middleware = nodeAuthMiddleware(verifier, { realm: 'api' });
    let reached = 0;
    const http = createServer((req, res) => {
      void middleware(req, res, () => {
        reached++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ user: (req as AuthenticatedRequest).auth.sub }));
      });
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    after(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;

    const user = await server.signUp();
    const ok = await fetch(url, {
      headers: { authorization: `Bearer ${await server.token(user)}` },
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { user: user.id });

    const bad = await fetch(url, { headers: { authorization: 'Bearer not.a.jwt' } });
    assert.equal(bad.status, 401);
    assert.match(
      bad.headers.get('www-authenticate') ?? '',
      /^Bearer realm="api", error="invalid_token", error_description="/,
    );
    assert.deepEqual(Object.keys(((await bad.json()) as { error: object }).error), [
      'code',
      'message',
    ]);

    const none = await fetch(url);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="api"');
    assert.equal(reached, 1);
  });
});
