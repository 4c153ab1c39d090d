// readToken decodes the JWT itself (no library): what it reads, and what it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readToken } from '../src/decode.ts';
import { TokenError } from '../src/errors.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, payload: unknown) => `${b64url(header)}.${b64url(payload)}.c2ln`;

test('reads exp, iat, kid and sub (UTF-8 included) from a compact JWS', () => {
  const token = jwt({ alg: 'EdDSA', kid: 'k-1' }, { sub: 'usér-ü', iat: 1000, exp: 1900 });
  const held = readToken(token, 5_000, 5_000);
  assert.equal(held.kid, 'k-1');
  assert.equal(held.sub, 'usér-ü');
  assert.equal(held.lifetimeMs, 900_000);
  assert.equal(held.expiresAt, 905_000);
  assert.equal(held.jwt, token);
});

test('anything but three base64url parts with JSON objects is ERR_INVALID_TOKEN', () => {
  const good = jwt({ alg: 'EdDSA' }, { exp: 2000, iat: 1000 });
  const [header, payload] = good.split('.');
  const bad = [
    `${header}.${payload}`,
    `${header}.${payload}.sig.extra`,
    `${header}.${payload}=.sig`,
    `${header}.!!!.sig`,
    `${header}.${b64url([1, 2])}.sig`,
    `${header}.${Buffer.from('not json').toString('base64url')}.sig`,
    `${b64url('text')}.${payload}.sig`,
    `${header}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.sig`,
    `${header}.${b64url({ iat: 1000, exp: '2000' })}.sig`,
  ];
  for (const token of bad) {
    assert.throws(
      () => readToken(token, 0, 0),
      (error: unknown) => error instanceof TokenError && error.code === 'ERR_INVALID_TOKEN',
      token,
    );
  }
});
