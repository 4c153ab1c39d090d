// The Fastify adapter against a real Fastify 5 server and real Better Auth
// tokens: the auth hook's 401/503 answers, the ChatKit route's SSE streamed
// through Fastify's reply as it is produced, uploads of any content type,
// oversized bodies, and a client that leaves mid-answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ThreadStreamEvent } from '@chat-widget/protocol';
import { createJwksVerifier, type JwksVerifier } from '@chat-widget/server/auth';
import {
  createChatKitHandler,
  createMemoryStore,
  demoResponder,
  type Responder,
} from '@chat-widget/server/chatkit';
import { chatKitFastify, fastifyAuthHook } from '@chat-widget/server/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  type AuthServer,
  startAuthServer,
  type TestUser,
} from '../../../test-support/better-auth.ts';
import { parseSse, userInput } from './helpers.ts';

let auth: AuthServer;
let verifier: JwksVerifier;

before(async () => {
  auth = await startAuthServer();
  verifier = createJwksVerifier({
    jwksUrl: auth.jwksUrl,
    issuer: auth.origin,
    audience: auth.origin,
    realm: 'chat',
  });
});
after(() => auth.close());

/** A listening Fastify app with the ChatKit plugin; closed after the test file. */
async function serve(
  respond: Responder = demoResponder({ delayMs: 0 }),
  options: { maxBodyBytes?: number; prefix?: string; verifier?: JwksVerifier } = {},
) {
  const handler = createChatKitHandler({
    store: createMemoryStore(),
    respond,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  // forceCloseConnections: undici opens a spare connection after an aborted fetch; close it too.
  const app: FastifyInstance = Fastify({ forceCloseConnections: true });
  await app.register(chatKitFastify, {
    verifier: options.verifier ?? verifier,
    handler,
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  after(async () => {
    await app.close();
    await handler.close();
  });
  return { app, url: `${origin}${options.prefix ?? ''}/api/chatkit` };
}

async function tokenFor(user?: TestUser) {
  const who = user ?? (await auth.signUp());
  return { user: who, token: await auth.token(who) };
}

const post = (url: string, token: string | undefined, body: unknown, init: RequestInit = {}) =>
  fetch(url, {
    method: 'POST',
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(init.headers as Record<string, string> | undefined),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('fastify: bad tokens never reach the handler', () => {
  test('missing, malformed and tampered tokens → 401 with an RFC 6750 challenge', async () => {
    let reached = 0;
    const counting: Responder = async function* (context) {
      reached++;
      yield* demoResponder({ delayMs: 0 })(context);
    };
    const { url } = await serve(counting);
    const list = { type: 'threads.list', params: {} };

    const missing = await post(url, undefined, list);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="chat"');
    assert.equal(missing.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(await missing.json(), {
      error: { code: 'ERR_MISSING_TOKEN', message: 'Missing bearer token' },
    });

    const malformed = await post(url, 'not.a.jwt', list);
    assert.equal(malformed.status, 401);
    assert.match(
      malformed.headers.get('www-authenticate') ?? '',
      /^Bearer realm="chat", error="invalid_token", error_description="[^"]+"$/,
    );
    assert.equal(
      ((await malformed.json()) as { error: { code: string } }).error.code,
      'ERR_TOKEN_MALFORMED',
    );

    // A real token whose payload now names someone else: the signature no longer matches.
    const { token } = await tokenFor();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    claims.sub = 'someone-else';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const forged = await post(url, tampered, {
      type: 'threads.create',
      params: { input: userInput('let me in') },
    });
    assert.equal(forged.status, 401);
    assert.equal(
      ((await forged.json()) as { error: { code: string } }).error.code,
      'ERR_TOKEN_SIGNATURE_INVALID',
    );
    assert.equal(reached, 0);
  });

  test('keys that cannot be fetched → 503 with Retry-After, not 500', async () => {
    const unreachable = createJwksVerifier({
      jwksUrl: 'http://127.0.0.1:9/api/auth/jwks',
      issuer: auth.origin,
      audience: auth.origin,
      timeout: 2_000,
    });
    const { url } = await serve(undefined, { verifier: unreachable });
    const { token } = await tokenFor();
    const response = await post(url, token, { type: 'threads.list', params: {} });
    assert.equal(response.status, 503);
    assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      'ERR_JWKS_UNAVAILABLE',
    );
  });

  test('fastifyAuthHook on an app’s own route sets request.auth', async () => {
    const app = Fastify({ forceCloseConnections: true });
    app.addHook('onRequest', fastifyAuthHook(verifier, { realm: 'mine' }));
    app.get('/me', async (request) => ({ user: request.auth?.sub }));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    after(() => app.close());
    const { user, token } = await tokenFor();
    const ok = await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(await ok.json(), { user: user.id });
    const none = await fetch(`${origin}/me`);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="mine"');
  });
});

describe('fastify: the ChatKit route', () => {
  test('streams SSE and answers JSON for the verified user only', async () => {
    const { url } = await serve(undefined, { prefix: '/v1' });
    const alice = await tokenFor();
    const stream = await post(url, alice.token, {
      type: 'threads.create',
      params: { input: userInput('hello fastify') },
    });
    assert.equal(stream.status, 200);
    assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(stream.headers.get('cache-control'), 'no-cache, no-transform');
    const events = parseSse(await stream.text());
    assert.equal(events[0]!.type, 'thread.created');
    assert.equal(events.at(-1)!.type, 'thread.updated');
    const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread
      .id;

    // No content-type at all, and text/plain: Fastify's own parsers would refuse or reshape these.
    const list = await post(
      url,
      alice.token,
      JSON.stringify({ type: 'threads.list', params: {} }),
      {
        headers: { 'content-type': 'text/plain' },
      },
    );
    assert.equal(list.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(
      ((await list.json()) as { data: { id: string }[] }).data.map((t) => t.id),
      [threadId],
    );

    const bob = await tokenFor();
    const other = await post(url, bob.token, {
      type: 'threads.get_by_id',
      params: { thread_id: threadId },
    });
    assert.equal(other.status, 404);
  });

  test('each event reaches the client while the responder is still running', async () => {
    // The responder waits for the test to see its first words before it goes on:
    // a reply that buffered the stream would never deliver them, and this would time out.
    let release!: () => void;
    const seen = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const respond: Responder = async function* () {
      yield 'first words ';
      await seen;
      yield 'after the client saw them';
      finished = true;
    };
    const { url } = await serve(respond);
    const { token } = await tokenFor();
    const response = await post(url, token, {
      type: 'threads.create',
      params: { input: userInput('stream please') },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('first words')) {
      const { done, value } = await reader.read();
      assert.equal(done, false, 'the stream ended before the first delta');
      text += value;
    }
    assert.equal(finished, false);
    release();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    assert.equal(finished, true);
    assert.match(text, /after the client saw them/);
    assert.equal(parseSse(text).at(-1)!.type, 'thread.updated');
  });

  test('a client that leaves mid-answer stops the responder', async () => {
    let stopped!: () => void;
    const closed = new Promise<void>((resolve) => (stopped = resolve));
    let produced = 0;
    const respond: Responder = async function* () {
      try {
        for (;;) {
          produced++;
          yield `delta ${produced} `;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        stopped();
      }
    };
    const { url } = await serve(respond);
    const { token } = await tokenFor();
    const abort = new AbortController();
    const response = await post(
      url,
      token,
      { type: 'threads.create', params: { input: userInput('never ending') } },
      { signal: abort.signal },
    );
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await closed; // hangs (test timeout) if the responder ran on
    assert.ok(produced > 0);
  });

  test('uploads of any content type reach the handler (multipart and raw PUT)', async () => {
    const { url } = await serve();
    const { token } = await tokenFor();
    const create = async () => {
      const response = await post(url, token, {
        type: 'attachments.create',
        params: { name: 'notes.txt', size: 5, mime_type: 'text/plain' },
      });
      assert.equal(response.status, 200);
      return (await response.json()) as { id: string; upload_descriptor: { url: string } };
    };
    const first = await create();
    const form = new FormData();
    form.set('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    const multipart = await fetch(first.upload_descriptor.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(multipart.status, 200, await multipart.clone().text());
    assert.equal(((await multipart.json()) as { id: string }).id, first.id);

    const second = await create();
    const raw = await fetch(second.upload_descriptor.url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: 'hello',
    });
    assert.equal(raw.status, 200, await raw.clone().text());
  });

  test('an oversized body gets the handler’s 413, not a 500', async () => {
    const { url } = await serve(undefined, { maxBodyBytes: 1000 });
    const { token } = await tokenFor();
    const response = await post(url, token, 'x'.repeat(100_000));
    assert.equal(response.status, 413);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      'ERR_PAYLOAD_TOO_LARGE',
    );
  });
});
