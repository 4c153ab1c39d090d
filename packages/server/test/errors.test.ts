// The package's one error convention: every error it throws is a ServerError
// with a stable code, `name` set to its class's name, and `cause` passed through.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as server from '@chat-widget/server';

const cause = new Error('underlying');

/** One instance of every exported error class, built as the package builds them. */
const instances: Record<string, Error> = {
  ServerError: new server.ServerError('ERR_UPSTREAM', 'm', { cause }),
  AuthError: new server.AuthError('ERR_TOKEN_INVALID', 'm', 401, 'invalid_token', { cause }),
  MissingTokenError: new server.MissingTokenError(),
  InvalidTokenError: new server.InvalidTokenError('ERR_TOKEN_NOT_SUPPORTED', 'm', { cause }),
  TokenExpiredError: new server.TokenExpiredError('m', { cause }),
  JwksUnavailableError: new server.JwksUnavailableError('m', 5, { cause }),
  JwksFetchError: new server.JwksFetchError('m', { cause }),
  ChatKitRequestError: new server.ChatKitRequestError(409, 'ERR_CONFLICT', 'm', { cause }),
  InvalidCursorError: new server.InvalidCursorError('c-1'),
  ChatKitStreamError: new server.ChatKitStreamError('m', { cause }),
};

test('every exported error class is a ServerError named after its class', () => {
  const exported = Object.entries(server).filter(
    ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
  );
  assert.deepEqual(exported.map(([name]) => name).sort(), Object.keys(instances).sort());
  for (const [name, error] of Object.entries(instances)) {
    assert.ok(error instanceof server.ServerError, `${name} extends ServerError`);
    assert.equal(error.name, name);
    assert.match((error as server.ServerError).code, /^ERR_[A-Z_]+$/);
  }
});

test('cause is passed through; no cause means no own cause property', () => {
  for (const [name, error] of Object.entries(instances)) {
    if (name === 'MissingTokenError' || name === 'InvalidCursorError') {
      assert.ok(!Object.hasOwn(error, 'cause'), name);
    } else {
      assert.equal(error.cause, cause, name);
    }
  }
});

test('each class carries its own code, and the stores cursor error is a 400', () => {
  assert.equal((instances.JwksFetchError as server.JwksFetchError).code, 'ERR_JWKS_FETCH');
  assert.equal(
    (instances.ChatKitStreamError as server.ChatKitStreamError).code,
    'ERR_STREAM_MESSAGE',
  );
  const cursor = instances.InvalidCursorError as server.InvalidCursorError;
  assert.ok(cursor instanceof server.ChatKitRequestError);
  assert.equal(cursor.code, 'ERR_INVALID_CURSOR');
  assert.equal(cursor.status, 400);
});

test('the code unions are exported and cover the classes', () => {
  const auth: server.AuthErrorCode = 'ERR_TOKEN_NOT_SUPPORTED';
  const request: server.ChatKitRequestErrorCode = 'ERR_INVALID_CURSOR';
  const all: server.ServerErrorCode[] = [auth, request, 'ERR_JWKS_FETCH', 'ERR_UPSTREAM'];
  assert.equal(all.length, 4);
});
