import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createTokenManager, isReplayableBody, type TokenManager } from '../src/index.ts';
import { useAuthServer } from './helpers/auth-server.ts';

// A real API: verifies the Bearer JWT against Better Auth's JWKS with jose,
// answers 401 for a bad/expired token or one the test has marked rejected
// (standing in for a key rotation the API saw first), and echoes the body.
const auth = useAuthServer({ jwtExpiresIn: 300 }, { afterStart: startApi, beforeClose: closeApi });
let api: Server;
let apiUrl: string;
const rejected = new Set<string>();
let rejectAll = false;
let apiRequests: { token: string; body: string }[] = [];

async function startApi() {
  const jwks = createRemoteJWKSet(new URL(auth.server.jwksUrl));
  api = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    apiRequests.push({ token, body: Buffer.concat(chunks).toString() });
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: auth.server.origin,
        audience: auth.server.origin,
        algorithms: ['EdDSA'],
      });
      if (rejectAll || rejected.has(token)) throw new Error('rejected');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sub: payload.sub, body: Buffer.concat(chunks).toString() }));
    } catch {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end('{}');
    }
  });
  api.listen(0, '127.0.0.1');
  await once(api, 'listening');
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}
function closeApi() {
  api.closeAllConnections();
  api.close();
}
beforeEach(() => {
  apiRequests = [];
  rejected.clear();
  rejectAll = false;
});

const newManager = () => auth.cookieManager();

/** Waits so Better Auth's next JWT (1 s iat resolution) differs from the last. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1050));

test('adds Authorization: Bearer <jwt>; the API verifies it with jose', async () => {
  const manager = newManager();
  const res = await manager.fetch(`${apiUrl}/me`);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { sub: string }).sub, auth.user.id);
  assert.equal(apiRequests.length, 1);
  assert.equal(apiRequests[0]!.token, await manager.getToken());
  manager.dispose();
});

test('401 from the API → exactly one token refresh and one retry, with the new token', async () => {
  const manager = newManager();
  const first = await manager.getToken();
  rejected.add(first);
  await nextSecond();
  const tokensBefore = auth.server.tokenRequests();
  const res = await manager.fetch(`${apiUrl}/me`, {
    method: 'POST',
    body: 'hello',
    headers: { 'x-keep': 'me' },
  });
  assert.equal(res.status, 200);
  assert.equal(auth.server.tokenRequests() - tokensBefore, 1, 'one refresh');
  assert.equal(apiRequests.length, 2, 'one retry');
  assert.equal(apiRequests[0]!.token, first);
  assert.notEqual(apiRequests[1]!.token, first);
  assert.equal(apiRequests[1]!.body, 'hello', 'body replayed');
  manager.dispose();
});

test('a second 401 is returned as is: no loop', async () => {
  const manager = newManager();
  await manager.getToken();
  await nextSecond();
  rejectAll = true;
  const tokensBefore = auth.server.tokenRequests();
  const res = await manager.fetch(`${apiUrl}/me`);
  assert.equal(res.status, 401);
  assert.equal(apiRequests.length, 2);
  assert.equal(auth.server.tokenRequests() - tokensBefore, 1);
  manager.dispose();
});

test('20 parallel API calls rejected at once share one refresh', async () => {
  const manager = newManager();
  rejected.add(await manager.getToken());
  await nextSecond();
  const tokensBefore = auth.server.tokenRequests();
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => manager.fetch(`${apiUrl}/me`)),
  );
  assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
  assert.equal(auth.server.tokenRequests() - tokensBefore, 1);
  assert.equal(apiRequests.length, 40);
  manager.dispose();
});

test('replayable bodies are sent again on the retry; a ReadableStream is not retried', async () => {
  const bodies: [string, () => BodyInit, string][] = [
    ['string', () => 'text body', 'text body'],
    ['URLSearchParams', () => new URLSearchParams({ a: '1' }), 'a=1'],
    ['Blob', () => new Blob(['blob body']), 'blob body'],
    ['ArrayBuffer', () => new TextEncoder().encode('bytes').buffer as ArrayBuffer, 'bytes'],
    ['Uint8Array', () => new TextEncoder().encode('view'), 'view'],
  ];
  for (const [name, make, expected] of bodies) {
    const manager = newManager();
    rejected.add(await manager.getToken());
    await nextSecond();
    apiRequests = [];
    const res = await manager.fetch(`${apiUrl}/echo`, { method: 'POST', body: make() });
    assert.equal(res.status, 200, name);
    assert.equal(apiRequests.length, 2, name);
    assert.equal(apiRequests[1]!.body, expected, name);
    manager.dispose();
  }

  // FormData: multipart with a random boundary; check the field arrives twice.
  const formManager = newManager();
  rejected.add(await formManager.getToken());
  await nextSecond();
  apiRequests = [];
  const form = new FormData();
  form.set('field', 'form value');
  assert.equal(
    (await formManager.fetch(`${apiUrl}/echo`, { method: 'POST', body: form })).status,
    200,
  );
  assert.equal(apiRequests.length, 2);
  assert.match(apiRequests[1]!.body, /form value/);
  formManager.dispose();

  const streamManager = newManager();
  rejected.add(await streamManager.getToken());
  apiRequests = [];
  const tokensBefore = auth.server.tokenRequests();
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('streamed'));
      controller.close();
    },
  });
  const res = await streamManager.fetch(`${apiUrl}/echo`, {
    method: 'POST',
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 401, 'stream body: the 401 is handed back');
  assert.equal(apiRequests.length, 1);
  assert.equal(
    auth.server.tokenRequests(),
    tokensBefore,
    'no refresh when the retry is impossible',
  );
  streamManager.dispose();
});

test('a Request input keeps its method, headers and body on the retry', async () => {
  const manager = newManager();
  rejected.add(await manager.getToken());
  await nextSecond();
  const request = new Request(`${apiUrl}/echo`, {
    method: 'PUT',
    body: JSON.stringify({ hello: 'world' }),
    headers: { 'content-type': 'application/json' },
  });
  const res = await manager.fetch(request);
  assert.equal(res.status, 200);
  assert.equal(apiRequests.length, 2);
  assert.equal(apiRequests[1]!.body, '{"hello":"world"}');
  manager.dispose();
});

test('signed out: fetch rejects with ERR_SIGNED_OUT and sends nothing to the API', async () => {
  const manager: TokenManager = createTokenManager({
    authUrl: auth.server.authUrl,
    crossTab: false,
  });
  await assert.rejects(manager.fetch(`${apiUrl}/me`), { code: 'ERR_SIGNED_OUT' });
  assert.equal(apiRequests.length, 0);
  manager.dispose();
});

test('isReplayableBody', () => {
  assert.equal(isReplayableBody(undefined), true);
  assert.equal(isReplayableBody(null), true);
  assert.equal(isReplayableBody('x'), true);
  assert.equal(isReplayableBody(new FormData()), true);
  assert.equal(isReplayableBody(new ReadableStream()), false);
});
