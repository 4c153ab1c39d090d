// Key rotation: a newly published kid is accepted within one cooldown window,
// 1 000 concurrent requests with the new kid cost one download, and a flood of
// random kids costs at most one download per window without starving rotation.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createJwksVerifier } from '@chat-widget/server/auth';
import { startAuthServer } from '../../../test-support/better-auth.ts';
import { AUDIENCE, ISSUER, makeKey, sign, sleep, startJwksServer } from './helpers.ts';

describe('rotation with a real Better Auth server', () => {
  test('1 000 concurrent requests with a freshly rotated kid → 1 JWKS fetch, all accepted', async () => {
    const server = await startAuthServer({ rotationInterval: 2, gracePeriod: 3600 });
    after(() => server.close());
    const user = await server.signUp();
    const verifier = createJwksVerifier({
      jwksUrl: server.jwksUrl,
      issuer: server.origin,
      audience: server.origin,
    });
    const jwksGets = () => server.requests.filter((r) => r.startsWith('GET /api/auth/jwks')).length;

    const first = await server.token(user);
    assert.equal((await verifier.verify(first)).sub, user.id);
    assert.equal(jwksGets(), 1);

    await sleep(2200); // Better Auth mints a new key at the next sign after 2 s
    const second = await server.token(user);
    const kid = (t: string) =>
      JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()).kid;
    assert.notEqual(kid(second), kid(first), 'Better Auth rotated the key');

    const start = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, () => verifier.verify(second)),
    );
    const elapsed = Date.now() - start;
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1000);
    assert.equal(jwksGets(), 2, 'exactly one extra JWKS download for 1 000 concurrent requests');
    assert.equal(verifier.stats().fetches, 2);
    assert.ok(elapsed < 5000 + 1500, `accepted within the 5 s cooldown (took ${elapsed} ms)`);
    // The old kid is still published (grace period) and still verifies, from cache.
    assert.equal((await verifier.verify(first)).sub, user.id);
    assert.equal(jwksGets(), 2);
  });
});

describe('rotation and floods against a scripted JWKS', () => {
  test('a key published right after a download is accepted within the cooldown', async () => {
    const k1 = await makeKey('k1');
    const k2 = await makeKey('k2');
    const jwks = await startJwksServer([k1.publicJwk]);
    after(() => jwks.close());
    const verifier = createJwksVerifier({
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      cooldown: 1000,
    });
    await verifier.verify(await sign(k1));
    jwks.keys = [k1.publicJwk, k2.publicJwk];
    const start = Date.now();
    const auth = await verifier.verify(await sign(k2, { sub: 'rotated' }));
    const elapsed = Date.now() - start;
    assert.equal(auth.sub, 'rotated');
    assert.ok(elapsed <= 1500, `accepted after ${elapsed} ms (jose's remote set: 30 s)`);
    assert.equal(jwks.fetches(), 2);
  });

  test('random-kid flood: ≤ 1 download per cooldown window, and a real rotation still gets through', async () => {
    const k1 = await makeKey('k1');
    const attacker = await makeKey('x');
    const jwks = await startJwksServer([k1.publicJwk]);
    after(() => jwks.close());
    const cooldown = 300;
    const verifier = createJwksVerifier({
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      cooldown,
    });
    await verifier.verify(await sign(k1));
    const baseline = jwks.fetches();

    const tokens = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        sign(attacker, { kid: `random-${i}-${Math.random()}` }),
      ),
    );
    const start = Date.now();
    let statuses: number[] = [];
    // Three waves across ~1 s.
    for (let wave = 0; wave < 3; wave++) {
      const slice = tokens.slice(wave * 333, wave * 333 + 333);
      const results = await Promise.allSettled(slice.map((t) => verifier.verify(t)));
      statuses = statuses.concat(
        results.map((r) =>
          r.status === 'rejected' ? (r.reason as { status: number }).status : 200,
        ),
      );
    }
    const windows = Math.ceil((Date.now() - start) / cooldown) + 1;
    const flood = jwks.fetches() - baseline;
    assert.ok(flood <= windows, `${flood} downloads for ${windows} cooldown windows`);
    assert.ok(
      statuses.every((s) => s === 401),
      'every random kid → 401',
    );

    // The flood must not starve a legitimate rotation (jwks-rsa's rate limiter does).
    const k2 = await makeKey('k2');
    jwks.keys = [k1.publicJwk, k2.publicJwk];
    assert.equal(
      (await verifier.verify(await sign(k2, { sub: 'after-flood' }))).sub,
      'after-flood',
    );
  });

  test('keys dropped from the set stop verifying after the next download', async () => {
    const k1 = await makeKey('k1');
    const k2 = await makeKey('k2');
    const jwks = await startJwksServer([k1.publicJwk]);
    after(() => jwks.close());
    const verifier = createJwksVerifier({
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      cooldown: 10,
    });
    await verifier.verify(await sign(k1));
    jwks.keys = [k2.publicJwk];
    await verifier.verify(await sign(k2)); // triggers the download that drops k1
    await assert.rejects(verifier.verify(await sign(k1)), {
      code: 'ERR_TOKEN_KEY_UNKNOWN',
      status: 401,
    });
  });
});
