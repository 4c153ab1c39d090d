// The assembled demo on free ports with an in-memory database: headers and
// wiring that the browser journeys rely on but do not inspect one by one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningDemo, startDemo } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

let demo: RunningDemo;
const quiet = { info: () => {}, warn: () => {} };
before(async () => {
  demo = await startDemo(
    readConfig({ PORT: '0', DATABASE_PATH: ':memory:', JWT_EXPIRES_IN: '60' }),
    quiet,
  );
});
after(() => demo.close());

const signUp = async (email: string) => {
  const res = await fetch(`${demo.mainOrigin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.mainOrigin },
    body: JSON.stringify({ email, password: 'correct-horse-battery', name: 'Test' }),
  });
  assert.equal(res.status, 200);
  return res.headers.get('set-auth-token')!;
};

test('origins: localhost for the main site, 127.0.0.1 (another site) for the embed page', () => {
  assert.match(demo.mainOrigin, /^http:\/\/localhost:\d+$/);
  assert.match(demo.embedOrigin, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('host page: strict CSP, no inline script', async () => {
  const res = await fetch(`${demo.mainOrigin}/`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /\sstyle=/);
  assert.match(html, /<script src="\/chat-widget\.js"/);
});

test('embed page: served on the second origin, loads the widget from the main origin', async () => {
  const res = await fetch(`${demo.embedOrigin}/`);
  const html = await res.text();
  assert.ok(html.includes(`<script src="${demo.mainOrigin}/chat-widget.js"`));
  assert.ok(!html.includes('{{'));
  assert.match(
    res.headers.get('content-security-policy') ?? '',
    new RegExp(`script-src 'self' ${demo.mainOrigin}`),
  );
});

test('widget chunks: served beside the script, readable from another origin (ES modules use CORS)', async () => {
  const tag = await (await fetch(`${demo.mainOrigin}/chat-widget.js`)).text();
  const loader = /"(chunks\/[\w-]+\.js)"/.exec(tag)?.[1];
  assert.ok(loader, 'chat-widget.js names its loader chunk (npm run build first)');
  const res = await fetch(`${demo.mainOrigin}/${loader}`, {
    headers: { origin: demo.embedOrigin },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(await res.text(), /customElements|define/);
  assert.equal((await fetch(`${demo.mainOrigin}/chunks/..%2Fchat-widget.js`)).status, 404);
});

test('static files: only plain names from demo/public', async () => {
  for (const path of ['/..%2Fsrc%2Fapp.ts', '/.env', '/server.ts', '/nope.js']) {
    assert.equal((await fetch(`${demo.mainOrigin}${path}`)).status, 404, path);
  }
  assert.equal(
    (await fetch(`${demo.mainOrigin}/demo.css`)).headers.get('content-type'),
    'text/css; charset=utf-8',
  );
});

test('token manager bundle is a browser ES module exporting createTokenManager', async () => {
  const res = await fetch(`${demo.mainOrigin}/assets/token-manager.js`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /export\s*\{[^}]*createTokenManager/);
});

test('ChatKit endpoint: 401 with WWW-Authenticate without a token, 200 with a real one (lists, transcribes)', async () => {
  const none = await fetch(`${demo.mainOrigin}/api/chatkit`, { method: 'POST', body: '{}' });
  assert.equal(none.status, 401);
  assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);

  const session = await signUp(`server-test-${Date.now()}@example.test`);
  const tokenRes = await fetch(`${demo.mainOrigin}/api/auth/token`, {
    headers: { authorization: `Bearer ${session}` },
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const list = await fetch(`${demo.mainOrigin}/api/chatkit`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      origin: demo.embedOrigin,
    },
    body: JSON.stringify({ type: 'threads.list', params: {} }),
  });
  assert.equal(list.status, 200);
  assert.equal(list.headers.get('access-control-allow-origin'), demo.embedOrigin);
  assert.deepEqual(((await list.json()) as { data: unknown[] }).data, []);

  // Dictation works offline: the demo transcriber says what it heard.
  const heard = await fetch(`${demo.mainOrigin}/api/chatkit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'input.transcribe',
      params: { audio_base64: Buffer.alloc(3072).toString('base64'), mime_type: 'audio/ogg' },
    }),
  });
  assert.equal(heard.status, 200);
  assert.deepEqual(await heard.json(), { text: '(heard 3.0 KB of audio/ogg)' });
});

test('JWT claims: iss and aud are the main origin whatever Host says; short lifetime from JWT_EXPIRES_IN', async () => {
  const session = await signUp(`claims-${Date.now()}@example.test`);
  const res = await fetch(`${demo.mainOrigin.replace('localhost', '127.0.0.1')}/api/auth/token`, {
    headers: { authorization: `Bearer ${session}` },
  });
  const { token } = (await res.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  assert.equal(claims.iss, demo.mainOrigin);
  assert.equal(claims.aud, demo.mainOrigin);
  assert.equal((claims.exp as number) - (claims.iat as number), 60);
  assert.equal(claims.email, undefined, 'the payload is trimmed to what the chat needs');
});

test('unknown API routes answer JSON 404', async () => {
  const res = await fetch(`${demo.mainOrigin}/api/nothing`);
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
});

test('refuses to start, before listening, on a database whose secret file is gone', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'demo-start-'));
  try {
    const databasePath = join(dir, 'demo.sqlite');
    writeFileSync(databasePath, '');
    await assert.rejects(
      startDemo(readConfig({ PORT: '0', DATABASE_PATH: databasePath }), quiet),
      /secret file .* is missing/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
