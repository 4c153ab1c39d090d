import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { readToken } from '../src/decode.ts';
import { useAuthServer } from './helpers/auth-server.ts';
import { fakeClock } from './helpers/fake-clock.ts';

const auth = useAuthServer({ jwtExpiresIn: 60 });

const HOUR = 3600_000;

for (const skew of [-3 * HOUR, -90_000, 90_000, 3 * HOUR]) {
  test(`local clock ${skew > 0 ? 'ahead' : 'behind'} by ${skew / 1000} s: expiry follows local receive time + (exp − iat)`, async () => {
    const clock = fakeClock(Date.now() + skew);
    const manager = auth.cookieManager({ clock });
    const obtainedAt = clock.now();
    const jwt = await manager.getToken();
    const claims = decodeJwt(jwt);
    // The server's iat is far from the local clock…
    assert.ok(Math.abs(claims.iat! * 1000 - clock.now()) > Math.abs(skew) - 5000);
    // …yet the local expiry is exactly receive time + lifetime.
    assert.equal(manager.state.issuedAt, obtainedAt);
    assert.equal(manager.state.expiresAt, obtainedAt + 60_000);
    assert.equal(manager.state.kid, decodeProtectedHeader(jwt).kid);
    const start = auth.server.tokenRequests();
    clock.jump(40_000);
    assert.equal(await manager.getToken(), jwt, 'still served 40 s later: no refetch loop');
    assert.equal(auth.server.tokenRequests(), start);
    clock.jump(16_000); // inside the last 5 s: a new token, whatever the local clock says
    await new Promise((resolve) => setTimeout(resolve, 1000)); // new iat second → new JWT
    assert.notEqual(await manager.getToken(), jwt);
    assert.equal(auth.server.tokenRequests(), start + 1);
    manager.dispose();
  });
}

test('readToken: lifetime from exp − iat, kid from the header, malformed tokens rejected', async () => {
  const jwt = await auth.server.token({ cookie: auth.user.cookie });
  const held = readToken(jwt, 5_000, 123);
  assert.equal(held.lifetimeMs, 60_000);
  assert.equal(held.expiresAt, 65_000);
  assert.equal(held.kid, decodeProtectedHeader(jwt).kid);
  assert.throws(() => readToken('abc.def', 0, 0), { code: 'ERR_INVALID_TOKEN' });
  const [h, , s] = jwt.split('.');
  const noExp = Buffer.from(JSON.stringify({ sub: 'x', iat: 1 })).toString('base64url');
  assert.throws(() => readToken(`${h}.${noExp}.${s}`, 0, 0), /exp/);
  const backwards = Buffer.from(JSON.stringify({ iat: 100, exp: 50 })).toString('base64url');
  assert.throws(() => readToken(`${h}.${backwards}.${s}`, 0, 0), { code: 'ERR_INVALID_TOKEN' });
});
