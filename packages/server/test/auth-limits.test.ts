// Bounds the verifier keeps by default: a maximum token life (a token minted
// now that claims to live until the year 3000 is refused), and a bounded
// queue of requests with unknown kids waiting for the next JWKS download.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AuthError, createJwksVerifier } from '@chat-widget/server/auth';
import { SignJWT } from 'jose';
import {
  AUDIENCE,
  ISSUER,
  type JwksServer,
  makeKey,
  sign,
  startJwksServer,
  type TestKey,
} from './helpers.ts';

let key: TestKey;
let jwks: JwksServer;
before(async () => {
  key = await makeKey('k-limits');
  jwks = await startJwksServer([key.publicJwk]);
});
after(() => jwks.close());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: AuthError) => error.code,
  );

test('default maxTokenAge: a token that claims to live until the year 3000 → 401', async () => {
  const verifier = createJwksVerifier({
    jwks: { keys: [key.publicJwk] },
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  const year3000 = Math.floor(Date.UTC(3000, 0, 1) / 1000) - Math.floor(Date.now() / 1000);
  assert.equal(
    await codeOf(verifier.verify(await sign(key, { exp: year3000 }))),
    'ERR_TOKEN_CLAIM_INVALID',
  );
  // 25 h is over the 24 h default; 15 min (Better Auth's default) and 24 h are fine.
  assert.equal(
    await codeOf(verifier.verify(await sign(key, { exp: 25 * 3600 }))),
    'ERR_TOKEN_CLAIM_INVALID',
  );
  assert.equal(await codeOf(verifier.verify(await sign(key, { exp: 900 }))), 'accepted');
  assert.equal(await codeOf(verifier.verify(await sign(key, { exp: 24 * 3600 }))), 'accepted');
  // An iat older than the maximum: too old, like an expired token (signed here: sign() stamps iat now).
  const now = Math.floor(Date.now() / 1000);
  const old = await new SignJWT({
    sub: 'user-1',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now - 2 * 86_400,
    exp: now + 600,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .sign(key.privateKey);
  assert.equal(await codeOf(verifier.verify(old)), 'ERR_TOKEN_EXPIRED');
});

test('maxTokenAge is configurable ("1h", seconds) and can be turned off', async () => {
  const base = { jwks: { keys: [key.publicJwk] }, issuer: ISSUER, audience: AUDIENCE };
  const twoHours = await sign(key, { exp: 2 * 3600 });
  assert.equal(
    await codeOf(createJwksVerifier({ ...base, maxTokenAge: '1h' }).verify(twoHours)),
    'ERR_TOKEN_CLAIM_INVALID',
  );
  assert.equal(
    await codeOf(createJwksVerifier({ ...base, maxTokenAge: 3 * 3600 }).verify(twoHours)),
    'accepted',
  );
  const forever = await sign(key, { exp: 100 * 365 * 86_400 });
  assert.equal(
    await codeOf(createJwksVerifier({ ...base, maxTokenAge: false }).verify(forever)),
    'accepted',
  );
  assert.throws(() => createJwksVerifier({ ...base, maxTokenAge: 'soon' }), /maxTokenAge/);
});

test('random-kid flood: at most maxKeyWaiters distinct kids wait for the next download, the rest get 401 at once', async () => {
  const verifier = createJwksVerifier({
    jwksUrl: jwks.url,
    issuer: ISSUER,
    audience: AUDIENCE,
    cooldown: 3000,
    maxKeyWaiters: 5,
  });
  assert.equal(await codeOf(verifier.verify(await sign(key))), 'accepted'); // keys loaded
  const fetchesBefore = jwks.fetches();
  const tokens = await Promise.all(
    Array.from({ length: 50 }, (_, i) => sign(key, { kid: `random-${i}-${Math.random()}` })),
  );
  let settled = 0;
  const results = tokens.map((token) =>
    codeOf(verifier.verify(token)).then((code) => {
      settled++;
      return code;
    }),
  );
  // The first 45 are answered without waiting for the cooldown; 5 are still waiting then.
  const early = await Promise.race([
    Promise.all(results.slice(5)).then(() => settled),
    Promise.all(results.slice(0, 5)).then(() => -1),
  ]);
  assert.equal(early, 45, 'the 45 beyond the bound settled while the 5 waiters still wait');
  const codes = await Promise.all(results);
  assert.deepEqual(new Set(codes), new Set(['ERR_TOKEN_KEY_UNKNOWN']));
  assert.equal(jwks.fetches() - fetchesBefore, 1, 'one download for the whole flood');
  // A real key still verifies right away.
  assert.equal(await codeOf(verifier.verify(await sign(key))), 'accepted');
});
