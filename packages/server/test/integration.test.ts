// The README's two servers, for real: Hono (Fetch API) and node:http with the
// Express-style middleware, each verifying real Better Auth tokens and serving
// the ChatKit protocol.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ThreadStreamEvent } from '@chat-widget/protocol';
import {
  type AuthenticatedRequest,
  createJwksVerifier,
  nodeAuthMiddleware,
  withAuth,
} from '@chat-widget/server/auth';
import {
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
} from '@chat-widget/server/chatkit';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type AuthServer, startAuthServer } from '../../../test-support/better-auth.ts';
import { parseSse, userInput } from './helpers.ts';

let auth: AuthServer;
before(async () => {
  auth = await startAuthServer();
});
after(() => auth.close());

function honoServer() {
  const verifier = createJwksVerifier({
    jwksUrl: auth.jwksUrl,
    issuer: auth.origin,
    audience: auth.origin,
  });
  const chatkit = createChatKitHandler({
    store: createMemoryStore(),
    respond: demoResponder({ delayMs: 0 }),
  });
  const endpoint = withAuth(verifier, (request, { sub, claims }) =>
    chatkit.fetch(request, { userId: sub, claims }),
  );
  const app = new Hono();
  app.on(['GET', 'POST', 'PUT'], '/api/chatkit', (c) => endpoint(c.req.raw));
  return new Promise<Server>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(server as Server),
    );
  });
}

async function nodeServer() {
  const verifier = createJwksVerifier({
    jwksUrl: auth.jwksUrl,
    issuer: auth.origin,
    audience: auth.origin,
  });
  const chatkit = createChatKitHandler({
    store: createMemoryStore(),
    respond: demoResponder({ delayMs: 0 }),
  });
  const requireAuth = nodeAuthMiddleware(verifier);
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/api/chatkit')) return void res.writeHead(404).end();
    void requireAuth(req, res, () => {
      const { sub, claims } = (req as AuthenticatedRequest).auth;
      void chatkit.node(req, res, { userId: sub, claims });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

for (const [name, start] of [
  ['Hono + withAuth', honoServer],
  ['node:http + nodeAuthMiddleware', nodeServer],
] as const) {
  describe(name, () => {
    let server: Server;
    let url = '';
    before(async () => {
      server = await start();
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chatkit`;
    });
    after(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });

    test('a signed-in user creates a thread, streams an answer and lists it; another user cannot see it', async () => {
      const alice = await auth.signUp();
      const token = await auth.token(alice);
      const post = (body: unknown, bearer = token) =>
        fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const created = await post({
        type: 'threads.create',
        params: { input: userInput('Hello over HTTP') },
      });
      assert.equal(created.status, 200);
      assert.equal(created.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const events = parseSse(await created.text());
      assert.equal(events.at(-1)!.type, 'thread.updated');
      const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
        .id;

      const list = await post({ type: 'threads.list', params: { limit: 10 } });
      assert.deepEqual(
        ((await list.json()) as { data: { id: string; title: string }[] }).data.map((t) => [
          t.id,
          t.title,
        ]),
        [[threadId, 'Hello over HTTP']],
      );

      const bob = await auth.token(await auth.signUp());
      assert.equal(
        (await post({ type: 'threads.get_by_id', params: { thread_id: threadId } }, bob)).status,
        404,
      );
    });

    test('missing or bad tokens → 401 with a Bearer challenge; nothing reaches the handler', async () => {
      const none = await fetch(url, { method: 'POST', body: '{}' });
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="chat-widget"');
      const bad = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer x.y.z' },
        body: '{}',
      });
      assert.equal(bad.status, 401);
      assert.match(bad.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    });

    test('oversized bodies → 413 over HTTP', async () => {
      const token = await auth.token(await auth.signUp());
      const big = JSON.stringify({
        type: 'threads.create',
        params: { input: userInput('x'.repeat(1_100_000)) },
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: big,
      });
      assert.equal(response.status, 413);
      assert.equal(
        ((await response.json()) as { error: { code: string } }).error.code,
        'ERR_PAYLOAD_TOO_LARGE',
      );
    });
  });
}
