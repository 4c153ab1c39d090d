// The demo's attachments end to end over HTTP with real Better Auth JWTs: what it
// accepts (type, size, the bytes behind the declared type) and how it serves a
// file back (to its owner only, with headers that keep a browser from running it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RunningDemo, startDemo } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

let demo: RunningDemo;
let alice: string;
let bob: string;
const quiet = { info: () => {}, warn: () => {} };

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\n1 0 obj <<>> endobj\n%%EOF\n');

/** Signs a user up and returns a JWT from Better Auth's /token (what the widget sends). */
const jwtFor = async (email: string) => {
  const signUp = await fetch(`${demo.mainOrigin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: demo.mainOrigin },
    body: JSON.stringify({ email, password: 'correct-horse-battery', name: 'Test' }),
  });
  assert.equal(signUp.status, 200);
  const session = signUp.headers.get('set-auth-token')!;
  const res = await fetch(`${demo.mainOrigin}/api/auth/token`, {
    headers: { authorization: `Bearer ${session}` },
  });
  return ((await res.json()) as { token: string }).token;
};

const api = (token: string | null, init: RequestInit & { query?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${demo.mainOrigin}/api/chatkit${init.query ?? ''}`, { ...init, headers });
};

const operation = (token: string, type: string, params: object) =>
  api(token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type, params }),
  });

interface Created {
  id: string;
  type: string;
  preview_url?: string;
  upload_descriptor: { url: string; method: string };
}

const create = async (token: string, name: string, mime: string, size: number) => {
  const res = await operation(token, 'attachments.create', { name, size, mime_type: mime });
  return { res, body: (await res.json()) as Created };
};

const upload = (token: string, created: Created, bytes: Uint8Array, mime: string) => {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), 'x');
  return fetch(created.upload_descriptor.url, {
    method: created.upload_descriptor.method,
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
};

const download = (token: string | null, id: string) =>
  api(token, { query: `?attachment=${encodeURIComponent(id)}` });

before(async () => {
  demo = await startDemo(
    readConfig({ PORT: '0', DATABASE_PATH: ':memory:', JWT_EXPIRES_IN: '60' }),
    quiet,
  );
  alice = await jwtFor(`attach-alice-${Date.now()}@example.test`);
  bob = await jwtFor(`attach-bob-${Date.now()}@example.test`);
});
after(() => demo.close());

describe('demo attachments', () => {
  test('an image: uploaded, then served inline to its owner only', async () => {
    const { res, body } = await create(alice, 'cat.png', 'image/png', PNG.length);
    assert.equal(res.status, 200);
    assert.equal(body.type, 'image');
    // Same endpoint, so the widget sends its bearer token with the upload and the preview.
    assert.equal(new URL(body.upload_descriptor.url).origin, demo.mainOrigin);
    assert.equal(new URL(body.preview_url!).origin, demo.mainOrigin);
    assert.equal((await upload(alice, body, PNG, 'image/png')).status, 200);

    const own = await fetch(body.preview_url!, { headers: { authorization: `Bearer ${alice}` } });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('content-type'), 'image/png');
    assert.match(
      own.headers.get('content-disposition') ?? '',
      /^inline; filename\*=UTF-8''cat\.png$/,
    );
    assert.equal(own.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(new Uint8Array(await own.arrayBuffer()), PNG);

    const other = await download(bob, body.id);
    assert.equal(other.status, 404, 'another user cannot tell it exists');
    const anonymous = await download(null, body.id);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal((await download(`${alice}x`, body.id)).status, 401, 'a forged token');
  });

  test('a PDF: a download with its type, sandboxed, its name encoded', async () => {
    const name = `report "<img src=x onerror=alert(1)>"'; x.pdf`;
    const { body } = await create(alice, name, 'application/pdf', PDF.length);
    assert.equal(body.type, 'file');
    assert.equal((await upload(alice, body, PDF, 'application/pdf')).status, 200);
    const res = await download(alice, body.id);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const disposition = res.headers.get('content-disposition') ?? '';
    assert.match(disposition, /^attachment; filename\*=UTF-8''[\w.%-]+$/);
    assert.equal(decodeURIComponent(disposition.split("''")[1]!), name);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /(^|;\s*)sandbox(;|$)/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });

  test('bytes that are not what the type says: refused (415), nothing served', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script>');
    const { body } = await create(alice, 'cat.png', 'image/png', html.length);
    const res = await upload(alice, body, html, 'image/png');
    assert.equal(res.status, 415);
    assert.match(
      ((await res.json()) as { error: { message: string } }).error.message,
      /image\/png/,
    );
    assert.equal((await download(alice, body.id)).status, 404);
    // A PNG declared as a PDF is refused too.
    const pdf = await create(alice, 'a.pdf', 'application/pdf', PNG.length);
    assert.equal((await upload(alice, pdf.body, PNG, 'application/pdf')).status, 415);
  });

  test('types the demo does not take, and files over its cap: refused with what is wrong', async () => {
    for (const mime of ['text/html', 'image/svg+xml', 'application/x-msdownload']) {
      const { res, body } = await create(alice, 'x', mime, 10);
      assert.equal(res.status, 415, mime);
      assert.match(JSON.stringify(body), /not accepted/);
    }
    const big = await create(alice, 'big.png', 'image/png', 10 * 1024 * 1024 + 1);
    assert.equal(big.res.status, 413);
    // A client that declares a small size and then sends more is cut off at the cap.
    const { body } = await create(alice, 'liar.png', 'image/png', 10);
    const bytes = new Uint8Array(10 * 1024 * 1024 + 100 * 1024);
    bytes.set(PNG);
    assert.equal((await upload(alice, body, bytes, 'image/png')).status, 413);
  });

  test('another user can neither upload to, delete nor attach someone else’s file', async () => {
    const { body } = await create(alice, 'mine.png', 'image/png', PNG.length);
    assert.equal((await upload(bob, body, PNG, 'image/png')).status, 404);
    assert.equal((await upload(alice, body, PNG, 'image/png')).status, 200);
    const del = await operation(bob, 'attachments.delete', { attachment_id: body.id });
    assert.equal(del.status, 404);
    const steal = await operation(bob, 'threads.create', {
      input: { content: [{ type: 'input_text', text: 'x' }], attachments: [body.id] },
    });
    assert.equal(steal.status, 404);
    assert.equal((await download(alice, body.id)).status, 200, 'still there for its owner');
    const mine = await operation(alice, 'attachments.delete', { attachment_id: body.id });
    assert.equal(mine.status, 200);
    assert.equal((await download(alice, body.id)).status, 404);
  });
});
