// The verified-token cache (tokenCacheSize): a repeated Better Auth token skips the
// signature check, but never its time claims, and never outlives the key that verified it.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createJwksVerifier, type JwksVerifierOptions } from '@chat-widget/server/auth';
import type { JSONWebKeySet } from 'jose';
import { type AuthServer, startAuthServer } from '../../../test-support/better-auth.ts';
import { makeKey, sign } from './helpers.ts';

let server: AuthServer;
/** When set, the JWKS endpoint serves this set instead of Better Auth's. */
let servedJwks: JSONWebKeySet | undefined;
const tokens: string[] = [];

before(async () => {
  server = await startAuthServer({
    jwtExpiresIn: 900,
    intercept: (req: IncomingMessage, res: ServerResponse) => {
      if (!servedJwks || !req.url?.startsWith('/api/auth/jwks')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(servedJwks));
      return true;
    },
  });
  for (let i = 0; i < 3; i++) tokens.push(await server.token(await server.signUp()));
});
after(() => server.close());

/** A verifier on a clock the test moves. */
function verifierAt(clock: { t: number }, options: Partial<JwksVerifierOptions> = {}) {
  return createJwksVerifier({
    jwksUrl: server.jwksUrl,
    issuer: server.origin,
    audience: server.origin,
    cacheMaxAge: 3_600_000,
    cooldown: 0,
    now: () => clock.t,
    ...options,
  });
}

describe('verified-token cache', () => {
  test('a repeated token is answered from the cache, with the same sub and claims', async () => {
    const verifier = verifierAt({ t: Date.now() });
    const first = await verifier.verify(tokens[0]!);
    assert.equal(verifier.stats().tokens, 1);
    assert.equal(verifier.stats().tokenHits, 0);
    const again = await verifier.verify(tokens[0]!);
    assert.equal(verifier.stats().tokenHits, 1);
    assert.equal(again.sub, first.sub);
    assert.deepEqual(again.claims, first.claims);
    // Each caller gets its own claims object: one request's changes do not reach the next.
    again.claims.extra = 'changed';
    assert.equal((await verifier.verify(tokens[0]!)).claims.extra, undefined);
  });

  test('the same token arriving again while it is checked shares that check (a burst from one widget)', async () => {
    const verifier = verifierAt({ t: Date.now() });
    const all = await Promise.all(Array.from({ length: 8 }, () => verifier.verify(tokens[1]!)));
    // One signature check; the seven others waited for it and count as hits.
    assert.equal(verifier.stats().tokenHits, 7);
    assert.equal(verifier.stats().tokens, 1);
    assert.equal(new Set(all.map((a) => a.sub)).size, 1);
    // Each caller still gets its own claims object.
    all[0]!.claims.extra = 'changed';
    assert.equal(all[1]!.claims.extra, undefined);
    // A token that fails fails for every waiter, and the next call checks it again.
    const forged = `${tokens[2]!.slice(0, -4)}AAAA`;
    const failures = await Promise.allSettled([verifier.verify(forged), verifier.verify(forged)]);
    assert.deepEqual(
      failures.map((f) => f.status),
      ['rejected', 'rejected'],
    );
    await assert.rejects(verifier.verify(forged), { status: 401 });
  });

  test('exp is rechecked on every use: a cached token that expired is refused', async () => {
    const clock = { t: Date.now() };
    const verifier = verifierAt(clock);
    await verifier.verify(tokens[0]!);
    clock.t += 600_000; // 10 of its 15 minutes: still good, from the cache
    await verifier.verify(tokens[0]!);
    assert.equal(verifier.stats().tokenHits, 1);
    clock.t += 310_000; // past exp + the 5 s tolerance
    await assert.rejects(verifier.verify(tokens[0]!), { code: 'ERR_TOKEN_EXPIRED', status: 401 });
    assert.equal(verifier.stats().tokenHits, 1);
  });

  test('nbf and maxTokenAge are rechecked too', async () => {
    const clock = { t: Date.now() };
    const verifier = verifierAt(clock, { maxTokenAge: 1000 });
    await verifier.verify(tokens[1]!);
    // A clock set back before iat (beyond the tolerance): the token is "from the future".
    clock.t -= 60_000;
    await assert.rejects(verifier.verify(tokens[1]!), { status: 401 });
    // Later than maxTokenAge after iat (exp checked too: both are past by then).
    clock.t += 60_000 + 1_010_000;
    await assert.rejects(verifier.verify(tokens[1]!), { status: 401 });
    assert.equal(verifier.stats().tokenHits, 0);
  });

  test('a removed key invalidates the tokens it verified', async () => {
    const verifier = verifierAt({ t: Date.now() });
    await verifier.verify(tokens[0]!);
    const other = await makeKey('someone-else');
    servedJwks = { keys: [other.publicJwk] };
    try {
      // Any download (here: the one an unknown kid triggers) drops the key.
      await assert.rejects(verifier.verify(await sign(await makeKey('unknown-kid'))));
      await assert.rejects(verifier.verify(tokens[0]!), {
        code: 'ERR_TOKEN_KEY_UNKNOWN',
        status: 401,
      });
      assert.equal(verifier.stats().tokenHits, 0);
    } finally {
      servedJwks = undefined;
    }
  });

  test('a key replaced under the same kid invalidates the tokens it verified', async () => {
    const verifier = verifierAt({ t: Date.now() });
    await verifier.verify(tokens[2]!);
    const published = (await (await fetch(server.jwksUrl)).json()) as JSONWebKeySet;
    const kid = published.keys[0]!.kid!;
    const impostor = await makeKey(kid);
    servedJwks = { keys: [impostor.publicJwk] };
    try {
      // A token with an unknown kid makes the verifier download the set again.
      await assert.rejects(verifier.verify(await sign(await makeKey('unknown-kid'))));
      await assert.rejects(verifier.verify(tokens[2]!), {
        code: 'ERR_TOKEN_SIGNATURE_INVALID',
        status: 401,
      });
      assert.equal(verifier.stats().tokenHits, 0);
    } finally {
      servedJwks = undefined;
    }
  });

  test('least recently used tokens go first; size 0 turns the cache off', async () => {
    const verifier = verifierAt({ t: Date.now() }, { tokenCacheSize: 2 });
    await verifier.verify(tokens[0]!);
    await verifier.verify(tokens[1]!);
    await verifier.verify(tokens[0]!); // hit: now the most recently used
    await verifier.verify(tokens[2]!); // evicts tokens[1]
    assert.equal(verifier.stats().tokens, 2);
    assert.equal(verifier.stats().tokenHits, 1);
    await verifier.verify(tokens[0]!);
    assert.equal(verifier.stats().tokenHits, 2);
    await verifier.verify(tokens[1]!);
    assert.equal(verifier.stats().tokenHits, 2);

    const off = verifierAt({ t: Date.now() }, { tokenCacheSize: 0 });
    for (let i = 0; i < 3; i++) await off.verify(tokens[0]!);
    assert.deepEqual([off.stats().tokens, off.stats().tokenHits], [0, 0]);
  });
});
