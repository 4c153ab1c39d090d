import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { cors } from '../src/cors.ts';

const EMBED = 'http://127.0.0.1:3001';
const app = new Hono();
app.use('/api/*', cors([EMBED]));
app.get(
  '/api/token',
  () =>
    // Like Better Auth: exposes one header itself, which must survive.
    new Response('{}', { headers: { 'Access-Control-Expose-Headers': 'set-ott' } }),
);

test('preflight from the allowed origin: 204 with exact origin, credentials, methods and headers', async () => {
  const res = await app.request('/api/token', {
    method: 'OPTIONS',
    headers: {
      Origin: EMBED,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization',
    },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), EMBED);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
  // The widget's offline queue sends one per message (resent with the same key).
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
  assert.match(res.headers.get('vary') ?? '', /Origin/);
});

test('preflight from another origin grants nothing', async () => {
  const res = await app.request('/api/token', {
    method: 'OPTIONS',
    headers: { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
});

test('responses to the allowed origin expose the token headers and keep the handler’s own', async () => {
  const res = await app.request('/api/token', { headers: { Origin: EMBED } });
  assert.equal(res.headers.get('access-control-allow-origin'), EMBED);
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
  for (const name of ['set-auth-jwt', 'set-auth-token', 'set-ott'])
    assert.ok(exposed.includes(name), name);
  assert.match(res.headers.get('vary') ?? '', /Origin/);
});

test('responses to other origins carry no CORS grant but still Vary: Origin', async () => {
  const res = await app.request('/api/token', { headers: { Origin: 'http://localhost:9999' } });
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.match(res.headers.get('vary') ?? '', /Origin/);
});
