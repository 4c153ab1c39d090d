import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, readConfig } from '../src/config.ts';

test('defaults: port 3000, embed port next to it, 900 s tokens, demo responder', () => {
  const config = readConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.embedPort, 3001);
  assert.equal(config.jwtExpiresIn, 900);
  assert.equal(config.responder, 'demo');
  assert.match(config.databasePath, /\.data\/demo\.sqlite$/);
  assert.equal(config.secret, undefined);
});

test('EMBED_PORT follows PORT, and PORT=0 asks for free ports for both', () => {
  assert.equal(readConfig({ PORT: '4000' }).embedPort, 4001);
  assert.equal(readConfig({ PORT: '4000', EMBED_PORT: '5000' }).embedPort, 5000);
  assert.equal(readConfig({ PORT: '0' }).embedPort, 0);
});

test('bad values fail with a message naming the variable', () => {
  assert.throws(
    () => readConfig({ PORT: 'abc' }),
    (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => readConfig({ JWT_EXPIRES_IN: '0' }), /JWT_EXPIRES_IN/);
  assert.throws(() => readConfig({ PORT: '4000', EMBED_PORT: '4000' }), /EMBED_PORT must differ/);
  assert.throws(() => readConfig({ CHAT_RESPONDER: 'gpt' }), /CHAT_RESPONDER/);
  assert.throws(() => readConfig({ CHAT_RESPONDER: 'openai' }), /OPENAI_API_KEY/);
});

test('CHAT_RESPONDER=openai takes its settings from OPENAI_* variables', () => {
  const config = readConfig({
    CHAT_RESPONDER: 'openai',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_MODEL: 'm1',
  });
  assert.deepEqual(config.openai, {
    apiKey: 'sk-test',
    baseURL: 'https://api.openai.com/v1',
    model: 'm1',
  });
  const local = readConfig({
    CHAT_RESPONDER: 'openai',
    OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
  });
  assert.equal(local.openai?.apiKey, undefined);
  assert.equal(local.openai?.baseURL, 'http://127.0.0.1:11434/v1');
});

test('CHAT_RESPONDER=agents needs a key or a base URL and defaults to a Responses model', () => {
  assert.throws(
    () => readConfig({ CHAT_RESPONDER: 'agents' }),
    /CHAT_RESPONDER=agents needs OPENAI_API_KEY/,
  );
  const config = readConfig({ CHAT_RESPONDER: 'agents', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
  assert.equal(config.responder, 'agents');
  assert.deepEqual(config.openai, { baseURL: 'http://127.0.0.1:9/v1', model: 'gpt-4.1-mini' });
});

test('DATABASE_URL (PostgreSQL) wins over DATABASE_PATH and needs a shared secret', () => {
  const url = 'postgres://chat:pw@db.internal:5432/chat';
  const config = readConfig({
    DATABASE_URL: url,
    DATABASE_PATH: 'other.sqlite',
    BETTER_AUTH_SECRET: 'x'.repeat(40),
  });
  assert.equal(config.databaseUrl, url);
  assert.equal(readConfig({}).databaseUrl, undefined);
  assert.throws(() => readConfig({ DATABASE_URL: url }), /DATABASE_URL needs BETTER_AUTH_SECRET/);
  assert.throws(
    () => readConfig({ DATABASE_URL: 'mysql://h/db', BETTER_AUTH_SECRET: 'x'.repeat(40) }),
    /postgres:\/\//,
  );
});

test('BETTER_AUTH_URL sets the public origin (iss/aud); anything but a bare origin is refused', () => {
  assert.equal(
    readConfig({ BETTER_AUTH_URL: 'https://chat.example.com/' }).publicOrigin,
    'https://chat.example.com',
  );
  assert.equal(readConfig({}).publicOrigin, undefined);
  assert.throws(() => readConfig({ BETTER_AUTH_URL: 'https://x.example/api/auth' }), /no path/);
  assert.throws(() => readConfig({ BETTER_AUTH_URL: 'ftp://x.example' }), /BETTER_AUTH_URL/);
  assert.throws(() => readConfig({ BETTER_AUTH_URL: 'not a url' }), /BETTER_AUTH_URL/);
});
