// The package's error convention: TokenError with a stable code, its class's
// name, `cause` passed through, and codes from elsewhere (another tab) checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTokenErrorCode, TokenError, type TokenErrorCode } from '../src/index.ts';

test('TokenError: name, code, status and cause', () => {
  const cause = new TypeError('fetch failed');
  const error = new TokenError('ERR_NETWORK', 'Token request failed', { cause, status: 502 });
  assert.equal(error.name, 'TokenError');
  assert.equal(error.code, 'ERR_NETWORK');
  assert.equal(error.status, 502);
  assert.equal(error.cause, cause);
  assert.ok(!Object.hasOwn(new TokenError('ERR_SIGNED_OUT', 'x'), 'cause'));
});

test('isTokenErrorCode accepts exactly the stable codes', () => {
  const codes: TokenErrorCode[] = [
    'ERR_SIGNED_OUT',
    'ERR_NETWORK',
    'ERR_SERVER',
    'ERR_INVALID_TOKEN',
    'ERR_DISPOSED',
  ];
  for (const code of codes) assert.ok(isTokenErrorCode(code), code);
  for (const other of ['ERR_HTTP', 'err_network', '', 42, null, undefined, { code: 'ERR_SERVER' }])
    assert.ok(!isTokenErrorCode(other), String(other));
});
