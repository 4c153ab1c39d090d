// JWKS outages: cold start with the endpoint down/slow/garbage → 503 (never
// 500), fetch timeout enforced, last good keys served past cacheMaxAge up to a
// hard staleness bound, and no refetch storm while the endpoint is down.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createJwksVerifier, JwksUnavailableError, withAuth } from '@chat-widget/server/auth';
import { AUDIENCE, ISSUER, type JwksMode, makeKey, sign, startJwksServer } from './helpers.ts';

/** Waits (real time, event loop turns) for a background download to settle. */
async function until(condition: () => boolean) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), 'condition never became true');
}

const options = { issuer: ISSUER, audience: AUDIENCE };

describe('cold start while the JWKS endpoint fails', () => {
  for (const mode of ['down', 'garbage', 'html', 'empty'] as JwksMode[]) {
    test(`endpoint ${mode} → 503 JwksUnavailableError, never 500`, async () => {
      const key = await makeKey('k1');
      const jwks = await startJwksServer([key.publicJwk]);
      after(() => jwks.close());
      jwks.mode = mode;
      const verifier = createJwksVerifier({ ...options, jwksUrl: jwks.url });
      await assert.rejects(verifier.verify(await sign(key)), (error: unknown) => {
        assert.ok(error instanceof JwksUnavailableError);
        assert.equal(error.status, 503);
        assert.equal(error.code, 'ERR_JWKS_UNAVAILABLE');
        return true;
      });
      const response = await withAuth(
        verifier,
        () => new Response('ok'),
      )(
        new Request('http://api.test/', {
          headers: { authorization: `Bearer ${await sign(key)}` },
        }),
      );
      assert.equal(response.status, 503);
      assert.ok(Number(response.headers.get('retry-after')) >= 1);
      assert.equal(response.headers.get('www-authenticate'), null);
      assert.equal(
        ((await response.json()) as { error: { code: string } }).error.code,
        'ERR_JWKS_UNAVAILABLE',
      );
    });
  }

  test('unreachable host → 503', async () => {
    const key = await makeKey('k1');
    const verifier = createJwksVerifier({ ...options, jwksUrl: 'http://127.0.0.1:1/jwks' });
    await assert.rejects(verifier.verify(await sign(key)), { status: 503 });
  });

  test('slow endpoint: the fetch timeout is enforced', async () => {
    const key = await makeKey('k1');
    const jwks = await startJwksServer([key.publicJwk]);
    after(() => jwks.close());
    jwks.mode = 'slow';
    const verifier = createJwksVerifier({ ...options, jwksUrl: jwks.url, timeout: 200 });
    const start = Date.now();
    await assert.rejects(verifier.verify(await sign(key)), { status: 503 });
    const elapsed = Date.now() - start;
    assert.ok(elapsed >= 150 && elapsed < 1500, `gave up after ${elapsed} ms`);
  });

  test('a custom fetch that ignores the abort signal is still cut off at the timeout', async () => {
    const key = await makeKey('k1');
    const verifier = createJwksVerifier({
      ...options,
      jwksUrl: 'http://jwks.invalid/',
      timeout: 100,
      fetch: () => new Promise<Response>(() => {}),
    });
    const start = Date.now();
    await assert.rejects(verifier.verify(await sign(key)), { status: 503 });
    assert.ok(Date.now() - start < 1000);
  });

  test('50 concurrent cold requests share one download; failures are cached for the cooldown', async () => {
    const key = await makeKey('k1');
    const jwks = await startJwksServer([key.publicJwk]);
    after(() => jwks.close());
    jwks.mode = 'down';
    const verifier = createJwksVerifier({ ...options, jwksUrl: jwks.url, cooldown: 60_000 });
    const token = await sign(key);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => verifier.verify(token)),
    );
    assert.ok(
      results.every(
        (r) => r.status === 'rejected' && (r.reason as { status: number }).status === 503,
      ),
    );
    assert.equal(jwks.fetches(), 1);
    for (let i = 0; i < 100; i++) await assert.rejects(verifier.verify(token), { status: 503 });
    assert.equal(jwks.fetches(), 1, 'no refetch storm during the outage');
    assert.equal(verifier.stats().failures, 1);
  });
});

describe('outage after a good download', () => {
  test('last good keys keep verifying past cacheMaxAge, up to maxStaleness', async () => {
    const key = await makeKey('k1');
    const jwks = await startJwksServer([key.publicJwk]);
    after(() => jwks.close());
    // The default max age (10 min) and cooldown (5 s), a 1 h staleness bound, on an injected clock.
    let now = Date.now();
    const verifier = createJwksVerifier({
      ...options,
      jwksUrl: jwks.url,
      maxStaleness: 3_600_000,
      now: () => now,
    });
    const token = await sign(key, { exp: 2 * 3600 }); // outlives the simulated hour
    await verifier.verify(token);
    jwks.mode = 'down';
    now += 11 * 60_000; // past cacheMaxAge
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      await verifier.verify(token).then(
        () => accepted++,
        (error: Error) => assert.fail(`verify ${i} failed: ${error.message}`),
      );
    }
    assert.equal(accepted, 200);
    assert.ok(verifier.stats().stale);
    // 200 stale verifications inside one cooldown window: one background download.
    assert.equal(jwks.fetches(), 2);
    await until(() => verifier.stats().failures === 1);

    now += 3_600_000; // past the hard staleness bound
    await assert.rejects(verifier.verify(token), { status: 503, code: 'ERR_JWKS_UNAVAILABLE' });

    jwks.mode = 'ok';
    await assert.rejects(verifier.verify(token), { status: 503 }, 'still inside the cooldown');
    now += 5000; // the cooldown after the failed attempt
    const lastGood = verifier.stats().fetchedAt;
    assert.equal((await verifier.verify(token)).sub, 'user-1');
    assert.ok(verifier.stats().fetchedAt > lastGood, 'recovered with a fresh download');
    assert.equal(verifier.stats().lastError, undefined);
  });

  test('a garbage answer does not replace good keys', async () => {
    const key = await makeKey('k1');
    const jwks = await startJwksServer([key.publicJwk]);
    after(() => jwks.close());
    let now = Date.now();
    const verifier = createJwksVerifier({ ...options, jwksUrl: jwks.url, now: () => now });
    const token = await sign(key, { exp: 3600 });
    await verifier.verify(token);
    jwks.mode = 'garbage';
    now += 11 * 60_000; // stale
    await verifier.verify(token); // triggers a background download that fails
    await until(() => verifier.stats().failures === 1);
    assert.equal((await verifier.verify(token)).sub, 'user-1');
  });

  test('unknown kid while the endpoint is down → 503 (cannot tell), known kids still 200', async () => {
    const key = await makeKey('k1');
    const other = await makeKey('k2');
    const jwks = await startJwksServer([key.publicJwk]);
    after(() => jwks.close());
    const verifier = createJwksVerifier({ ...options, jwksUrl: jwks.url, cooldown: 10 });
    await verifier.verify(await sign(key));
    jwks.mode = 'down';
    await assert.rejects(verifier.verify(await sign(other)), { status: 503 });
    assert.equal((await verifier.verify(await sign(key))).sub, 'user-1');
  });
});

describe('local key set', () => {
  test('verifies without any download', async () => {
    const key = await makeKey('k1');
    let downloads = 0;
    const verifier = createJwksVerifier({
      ...options,
      jwks: { keys: [key.publicJwk] },
      fetch: async () => {
        downloads++;
        return new Response('{}');
      },
    });
    assert.equal((await verifier.verify(await sign(key))).sub, 'user-1');
    await assert.rejects(verifier.verify(await sign(key, { kid: 'nope' })), { status: 401 });
    assert.equal(downloads, 0);
  });
});
