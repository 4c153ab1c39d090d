// Hostile and broken tokens: every one must end in a 401 with an RFC 6750
// challenge and a stable JSON error code — never a 500, never a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJwksVerifier, type JwksVerifier, withAuth } from '@chat-widget/server/auth';
import { base64url, exportJWK, exportSPKI, importJWK, SignJWT } from 'jose';
import {
  AUDIENCE,
  ISSUER,
  type JwksServer,
  makeKey,
  sign,
  startJwksServer,
  type TestKey,
} from './helpers.ts';

let jwks: JwksServer;
let ed: TestKey;
let rsa: TestKey;
let es: TestKey;
let stranger: TestKey;
let verifier: JwksVerifier;
let handler: (request: Request) => Promise<Response>;

before(async () => {
  ed = await makeKey('k-ed', 'EdDSA');
  rsa = await makeKey('k-rsa', 'RS256');
  es = await makeKey('k-es', 'ES256');
  stranger = await makeKey('k-ed', 'EdDSA'); // same kid, different key
  const leaked = await makeKey('k-private', 'EdDSA');
  const privateJwk = { ...(await exportJWK(leaked.privateKey)), kid: 'k-private', alg: 'EdDSA' };
  jwks = await startJwksServer([ed.publicJwk, rsa.publicJwk, es.publicJwk, privateJwk]);
  verifier = createJwksVerifier({
    jwksUrl: jwks.url,
    issuer: ISSUER,
    audience: AUDIENCE,
    cooldown: 50,
    realm: 'test',
  });
  handler = withAuth(verifier, (_request, auth) => Response.json({ sub: auth.sub }));
});
after(() => jwks.close());

const call = (token: string | undefined, scheme = 'Bearer') =>
  handler(
    new Request('http://api.test/chat', {
      headers: token === undefined ? {} : { authorization: `${scheme} ${token}` },
    }),
  );

async function expect401(token: string, code: string) {
  const response = await call(token);
  const text = await response.text();
  assert.equal(response.status, 401, `expected 401 for ${code}, got ${response.status}: ${text}`);
  const challenge = response.headers.get('www-authenticate') ?? '';
  assert.match(
    challenge,
    /^Bearer realm="test", error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]*"$/,
  );
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.ok(!/\n\s+at /.test(body.error.message), 'no stack trace in the body');
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
}

const unsigned = (header: object, payload: object) =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.`;

describe('valid tokens', () => {
  test('EdDSA, ES256 and RS256 tokens from the key set verify', async () => {
    for (const key of [ed, rsa, es]) {
      const response = await call(await sign(key, { sub: `user-${key.alg}` }));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { sub: `user-${key.alg}` });
    }
  });
  test('an exp 2 s in the past passes within the 5 s clock tolerance', async () => {
    assert.equal((await call(await sign(ed, { exp: -2 }))).status, 200);
  });
});

describe('attacks and broken tokens → 401', () => {
  test('expired', async () => expect401(await sign(ed, { exp: -60 }), 'ERR_TOKEN_EXPIRED'));
  test('nbf in the future', async () =>
    expect401(await sign(ed, { nbf: 120 }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('wrong iss', async () =>
    expect401(await sign(ed, { iss: 'http://evil.test' }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('wrong aud (…/api/auth instead of the origin)', async () =>
    expect401(await sign(ed, { aud: `${AUDIENCE}/api/auth` }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('missing exp', async () =>
    expect401(await sign(ed, { exp: null }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('missing iss', async () =>
    expect401(await sign(ed, { iss: null }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('missing aud', async () =>
    expect401(await sign(ed, { aud: null }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('missing sub', async () =>
    expect401(await sign(ed, { sub: null }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('empty sub', async () => expect401(await sign(ed, { sub: '' }), 'ERR_TOKEN_CLAIM_INVALID'));
  test('alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: now + 600 };
    await expect401(unsigned({ alg: 'none', kid: 'k-ed' }, payload), 'ERR_TOKEN_ALG_NOT_ALLOWED');
    await expect401(
      `${unsigned({ alg: 'none', kid: 'k-ed' }, payload)}c2ln`,
      'ERR_TOKEN_ALG_NOT_ALLOWED',
    );
  });
  test('HS256 signed with the public key (algorithm confusion)', async () => {
    const pem = await exportSPKI((await importJWK(rsa.publicJwk, 'RS256')) as CryptoKey);
    const now = Math.floor(Date.now() / 1000);
    for (const [kid, secret] of [
      ['k-rsa', pem],
      ['k-rsa', JSON.stringify(rsa.publicJwk)],
      ['k-ed', String(ed.publicJwk.x)],
    ] as const) {
      const token = await new SignJWT({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: now + 600 })
        .setProtectedHeader({ alg: 'HS256', kid })
        .sign(new TextEncoder().encode(secret));
      await expect401(token, 'ERR_TOKEN_ALG_NOT_ALLOWED');
    }
  });
  test('alg not matching the key it names (PS256 with an RS256 key)', async () => {
    const pss = {
      ...rsa,
      alg: 'PS256',
      privateKey: (await importJWK(await exportJWK(rsa.privateKey), 'PS256')) as CryptoKey,
    };
    await expect401(await sign(pss), 'ERR_TOKEN_ALG_NOT_ALLOWED');
  });
  test('alg of another key type (ES256 header on the Ed25519 kid)', async () =>
    expect401(await sign(es, { kid: 'k-ed' }), 'ERR_TOKEN_ALG_NOT_ALLOWED'));
  test('a crit header naming an extension the verifier does not know', async () => {
    const now = Math.floor(Date.now() / 1000);
    // jose's signer must be told the extension is understood, or it refuses to sign.
    const token = await new SignJWT({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: now + 600 })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k-ed', crit: ['x-bind'], 'x-bind': true })
      .sign(ed.privateKey, { crit: { 'x-bind': true } });
    await expect401(token, 'ERR_TOKEN_NOT_SUPPORTED');
    await assert.rejects(verifier.verify(token), (error: Error) => {
      assert.equal(error.name, 'InvalidTokenError');
      assert.equal((error.cause as Error).name, 'JOSENotSupported');
      return true;
    });
  });
  test('missing kid', async () =>
    expect401(await sign(ed, { kid: null }), 'ERR_TOKEN_KID_MISSING'));
  test('unknown kid', async () =>
    expect401(await sign(ed, { kid: 'not-published' }), 'ERR_TOKEN_KEY_UNKNOWN'));
  test('a private JWK published by mistake is never used', async () =>
    expect401(await sign(ed, { kid: 'k-private' }), 'ERR_TOKEN_KEY_UNKNOWN'));
  test('signed by a different key under a published kid', async () =>
    expect401(await sign(stranger), 'ERR_TOKEN_SIGNATURE_INVALID'));
  test('tampered payload', async () => {
    const [h, , s] = (await sign(ed)).split('.');
    const payload = base64url.encode(
      JSON.stringify({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 }),
    );
    await expect401(`${h}.${payload}.${s}`, 'ERR_TOKEN_SIGNATURE_INVALID');
  });
  test('malformed tokens', async () => {
    for (const token of [
      'abc',
      'a.b.c',
      'a.b',
      '..',
      `${base64url.encode('{"alg":')}.e30.`,
      'e30.e30.e30.e30',
    ]) {
      await expect401(token, 'ERR_TOKEN_MALFORMED');
    }
  });
  test('characters outside the b64token syntax', async () =>
    expect401('abc"def', 'ERR_TOKEN_MALFORMED'));
  test('oversized header (10 KB)', async () =>
    expect401(await sign(ed, { extraHeader: { pad: 'x'.repeat(10_000) } }), 'ERR_TOKEN_TOO_LARGE'));
  test('the verifier itself rejects with typed errors', async () => {
    await assert.rejects(verifier.verify(await sign(ed, { exp: -60 })), {
      name: 'TokenExpiredError',
      code: 'ERR_TOKEN_EXPIRED',
      status: 401,
    });
  });
});

describe('missing or foreign credentials → 401 without an error code', () => {
  test('no Authorization header', async () => {
    const response = await call(undefined);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="test"');
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      'ERR_MISSING_TOKEN',
    );
  });
  test('another scheme (Basic)', async () => {
    const response = await call('dXNlcjpwYXNz', 'Basic');
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="test"');
  });
  test('"Bearer" with no token is invalid_token', async () => {
    const response = await call('', 'Bearer');
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });
});

describe('configuration', () => {
  test('refuses none and HMAC algorithms and missing iss/aud', () => {
    assert.throws(
      () =>
        createJwksVerifier({
          jwksUrl: jwks.url,
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        }),
      TypeError,
    );
    assert.throws(
      () =>
        createJwksVerifier({
          jwksUrl: jwks.url,
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['none'],
        }),
      TypeError,
    );
    assert.throws(
      () => createJwksVerifier({ jwksUrl: jwks.url, issuer: '', audience: AUDIENCE }),
      TypeError,
    );
    assert.throws(
      () => createJwksVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: [] }),
      TypeError,
    );
  });
  test('an algorithms allow-list narrows what verifies', async () => {
    const edOnly = createJwksVerifier({
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['EdDSA'],
    });
    assert.equal((await edOnly.verify(await sign(ed))).sub, 'user-1');
    await assert.rejects(edOnly.verify(await sign(rsa)), { code: 'ERR_TOKEN_ALG_NOT_ALLOWED' });
  });
});
