import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startAuthServer } from '../../../test-support/better-auth.ts';

test('the shared Better Auth test server issues EdDSA JWTs with a kid', async () => {
  const server = await startAuthServer({ jwtExpiresIn: 60 });
  try {
    const user = await server.signUp();
    const jwt = await server.token({ cookie: user.cookie });
    assert.equal(decodeProtectedHeader(jwt).alg, 'EdDSA');
    assert.ok(decodeProtectedHeader(jwt).kid);
    const claims = decodeJwt(jwt);
    assert.equal(claims.sub, user.id);
    assert.equal(claims.iss, server.origin);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 60);
    const viaBearer = await server.token({ sessionToken: user.sessionToken });
    assert.equal(decodeJwt(viaBearer).sub, user.id);
    assert.equal(server.tokenRequests(), 2); // both calls reached the token endpoint
  } finally {
    await server.close();
  }
});
