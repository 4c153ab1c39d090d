// Issue 16: the Next.js App Router app in demo/frameworks/next, as a site owner
// would deploy it: `next build`, then `next start` (production mode) with its
// own SQLite database. Better Auth runs inside Next (its Next.js handler), the
// ChatKit route verifies each JWT against the app's own JWKS over HTTP, and the
// page's client component renders <chat-widget>. The journey: sign up on the
// page, chat (streamed), reload, find the thread in the history.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, PASSWORD, sendMessage, uniqueEmail } from '../fixtures.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const appDir = join(repoRoot, 'demo/frameworks/next');
const nextBin = join(repoRoot, 'node_modules/next/dist/bin/next');

/** Environment for the Next process: no telemetry, nothing inherited that changes the app. */
function nextEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const key of ['BETTER_AUTH_SECRET', 'BETTER_AUTH_URL', 'DATABASE_PATH', 'NODE_ENV', 'PORT'])
    delete env[key];
  return { ...env, ...extra };
}

/** `next build` in the app; resolves with its time and output, rejects when it fails. */
function nextBuild(): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  return new Promise((resolveBuild, rejectBuild) => {
    let output = '';
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: appDir,
      env: nextEnv({}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A worker stopped mid-build (timeout, Ctrl-C) must not leave the build running.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', rejectBuild);
    child.once('exit', (code) => {
      process.off('exit', orphan);
      if (code === 0) resolveBuild({ ms: Math.round(performance.now() - started), output });
      else rejectBuild(new Error(`next build failed (${code}):\n${output}`));
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

interface NextApp {
  origin: string;
  output(): string;
}

/** `next start` on a free loopback port; resolves once it answers. */
async function startNext(dataDir: string): Promise<{ app: NextApp; child: ChildProcess }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: appDir,
      env: nextEnv({
        BETTER_AUTH_URL: origin,
        BETTER_AUTH_SECRET: 'next-e2e-secret-not-for-production-0123456789',
        DATABASE_PATH: join(dataDir, 'next-app.sqlite'),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`next start exited (${code}):\n${log}`);
  });
  const ready = (async () => {
    for (;;) {
      const answer = await fetch(`${origin}/api/auth/ok`).catch(() => undefined);
      if (answer?.ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  return { app: { origin, output: () => log }, child };
}

const test = base.extend<object, { next: NextApp }>({
  next: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring.
    async ({}, use) => {
      const build = await nextBuild();
      console.log(`next build of demo/frameworks/next: ${build.ms} ms`);
      const dataDir = mkdtempSync(join(tmpdir(), 'chat-widget-next-'));
      const { app, child } = await startNext(dataDir);
      await use(app);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    // next build takes about a minute on two idle cores; far longer on a busy machine.
    { scope: 'worker', timeout: 600_000 },
  ],
});

test('Next.js: sign up, chat with a streamed answer, reload, find the thread in the history', async ({
  page,
  next,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Everything the page loads comes from the app itself: no font or script CDN.
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${next.origin}/`) && !request.url().startsWith('data:'))
      foreign.push(request.url());
  });

  await page.goto(`${next.origin}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('chat-widget in Next.js');
  const form = page.getByRole('form', { name: 'Sign in' });
  const email = uniqueEmail('next');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  // The server component re-rendered with the session from the cookie.
  await expect(page.getByTestId('user-email')).toHaveText(email);

  const widget = page.locator('chat-widget');
  await expect(page.getByTestId('last-event')).toHaveText('chat-ready: signed-in');
  await expect(widget.locator('[part~="greeting"]')).toContainText('Hello from Next.js');

  const streamed = page.waitForResponse(
    (res) =>
      res.url() === `${next.origin}/api/chatkit` &&
      res.request().postData()?.includes('"threads.create"') === true,
  );
  const question = 'Hello from the Next.js app';
  const reply = await sendMessage(widget, question);
  const response = await streamed;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/event-stream');
  expect(response.request().headers().authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(reply).toContainText(question);
  await expect(page.getByTestId('last-event')).toHaveText('chat-response-end: complete');
  const answer = squash(await reply.textContent());

  await page.reload();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await expect(page.getByTestId('last-event')).toHaveText('chat-ready: signed-in');
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  const item = widget.locator('[part~="history-item-button"]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(question);
  await item.click();
  await expect(widget.locator('[part~="message"][part~="user"]')).toContainText(question);
  await expect
    .poll(async () =>
      squash(await widget.locator('[part~="message"][part~="assistant"]').first().textContent()),
    )
    .toBe(answer);

  expect(pageErrors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('Next.js: the ChatKit route answers 401 with a Bearer challenge for a missing or forged token', async ({
  request,
  next,
}) => {
  const body = { type: 'threads.list', params: {} };
  const missing = await request.post(`${next.origin}/api/chatkit`, { data: body });
  expect(missing.status()).toBe(401);
  expect(missing.headers()['www-authenticate']).toMatch(/^Bearer realm="[^"]+"$/);
  expect((await missing.json()).error.code).toBe('ERR_MISSING_TOKEN');

  // A well-formed JWT signed by nobody this app trusts.
  const forged = [
    Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'not-a-key' })).toString('base64url'),
    Buffer.from(JSON.stringify({ sub: 'someone', iss: next.origin, aud: next.origin })).toString(
      'base64url',
    ),
    Buffer.from('not a signature').toString('base64url'),
  ].join('.');
  const bad = await request.post(`${next.origin}/api/chatkit`, {
    data: body,
    headers: { authorization: `Bearer ${forged}` },
  });
  expect(bad.status()).toBe(401);
  expect(bad.headers()['www-authenticate']).toMatch(/error="invalid_token"/);
});

/** Text without whitespace: the same message rendered live and from history may differ only in that. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, '');
