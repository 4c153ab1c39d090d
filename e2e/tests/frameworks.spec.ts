// Issue 7: `@chat-widget/element` imported from npm into React 19, Vue 3,
// Svelte 5 and a plain-TypeScript page, each built with Vite
// (demo/frameworks/<app>/dist), proven against the real demo backend.
// Issue 15: React 18.3 through the `@chat-widget/element/react18` component.
//
// One origin serves the builds (/react/, /react18/, /vue/, …) and proxies /api/* to
// the demo, the way an app behind a reverse proxy runs: the Better Auth cookie
// is first-party and the apps' `getToken` fetches /api/auth/token.
// Every app must: pass `getToken` as a PROPERTY (the widget's only token source
// here, so a signed-in widget proves it), render inline, stream an answer, and
// receive the widget's events (shown in the page by the app itself).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  test as base,
  type DemoServer,
  expect,
  launchDemo,
  PASSWORD,
  part,
  sendMessage,
  uniqueEmail,
} from '../fixtures.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const appsDir = join(repoRoot, 'demo/frameworks');
const APPS = ['react', 'react18', 'vue', 'svelte', 'vanilla'] as const;
type App = (typeof APPS)[number];

interface Step {
  ok: boolean;
  ms: number;
  output: string;
}

/** Runs a command from the repo root; never rejects (the result says how it went). */
function run(command: string, args: string[]): Promise<Step> {
  const started = performance.now();
  return new Promise((resolveRun) => {
    let output = '';
    const child: ChildProcess = spawn(command, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', (error) =>
      resolveRun({ ok: false, ms: performance.now() - started, output: String(error) }),
    );
    child.once('exit', (code) =>
      resolveRun({ ok: code === 0, ms: Math.round(performance.now() - started), output }),
    );
  });
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Static files of each app's dist under /<app>/, and /api/* proxied (streaming) to the demo. */
async function startAppServer(demo: DemoServer): Promise<{ origin: string; server: Server }> {
  const backend = new URL(demo.mainOrigin);
  const proxy = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: backend.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res); // SSE passes through chunk by chunk
      },
    );
    upstream.once('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    req.pipe(upstream);
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/')) return proxy(req, res);
    const [, app, ...rest] = path.split('/');
    if (!APPS.includes(app as App)) return void res.writeHead(404).end('no such app');
    const dist = join(appsDir, app!, 'dist');
    const file = normalize(join(dist, rest.join('/') || 'index.html'));
    if (!file.startsWith(dist + sep) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    });
    res.end(await readFile(file));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface FrameworkApps {
  origin: string;
  demo: DemoServer;
  build: Step;
  /** vue-tsc + svelte-check over the apps, against the PUBLISHED types (dist/*.d.ts). */
  typecheck: Promise<Step & { vue: Step; svelte: Step }>;
}

const test = base.extend<object, { apps: FrameworkApps }>({
  apps: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring.
    async ({}, use) => {
      const [build, demo] = await Promise.all([
        run(process.execPath, ['demo/frameworks/build.mjs']),
        launchDemo(),
      ]);
      if (!build.ok) {
        await demo.dispose();
        throw new Error(`vite build of the framework apps failed:\n${build.output}`);
      }
      console.log(`framework apps built in ${build.ms} ms (${APPS.length} in parallel)`);
      // The apps' .ts/.tsx/.vue (vue-tsc) and .svelte (svelte-check) against the published types,
      // started once the demo is up (on two busy cores, the three together starve its start).
      const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
      const typecheck = Promise.all([
        run(bin('vue-tsc'), ['-p', 'demo/frameworks', '--noEmit']),
        run(bin('svelte-check'), [
          '--workspace',
          'demo/frameworks',
          '--tsconfig',
          join(appsDir, 'tsconfig.json'),
          '--fail-on-warnings',
          '--output',
          'machine',
        ]),
      ]).then(([vue, svelte]) => ({
        ok: vue.ok && svelte.ok,
        ms: Math.max(vue.ms, svelte.ms),
        output: `${vue.output}\n${svelte.output}`,
        vue,
        svelte,
      }));
      const { origin, server } = await startAppServer(demo);
      await use({ origin, demo, build, typecheck });
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await typecheck; // never leave tsc running
      await demo.dispose();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

/** Signs a new user up through the app's own origin (the proxy), so the cookie is first-party. */
async function signUp(page: Page, apps: FrameworkApps) {
  const email = uniqueEmail('framework');
  const response = await page.request.post(`${apps.origin}/api/auth/sign-up/email`, {
    // Better Auth checks the Origin of cookie-setting POSTs against its trusted origins.
    headers: { Origin: apps.demo.mainOrigin },
    data: { name: email.split('@')[0], email, password: PASSWORD },
  });
  expect(response.status(), await response.text()).toBe(200);
  const cookies = await page.context().cookies(apps.origin);
  expect(cookies.map((c) => c.name).join(' ')).toMatch(/session_token/);
  return email;
}

const titles: Record<App, string> = {
  react: 'React 19',
  react18: 'React 18',
  vue: 'Vue 3',
  svelte: 'Svelte 5',
  vanilla: 'plain TypeScript',
};

for (const app of APPS) {
  test(`${titles[app]}: npm import, getToken property, inline chat, events reach the app`, async ({
    page,
    apps,
  }) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signUp(page, apps);
    await page.goto(`${apps.origin}/${app}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `chat-widget in ${titles[app]}`,
    );

    const widget = page.locator('chat-widget');
    const events = page.getByTestId('events').locator('li');
    // Signed in through the app's getToken alone (no auth-url): the property arrived.
    await expect(events.first()).toHaveText('chat-ready: signed-in');
    const wiring = await widget.evaluate((el) => ({
      getToken: typeof (el as HTMLElement & { getToken: unknown }).getToken,
      tokenAttributes: el.getAttributeNames().filter((name) => /token/i.test(name)),
      inline: (el as HTMLElement & { mode: string }).mode,
      defined: customElements.get('chat-widget') === el.constructor,
    }));
    expect(wiring).toEqual({
      getToken: 'function',
      // Set as a property: no stringified function in a `gettoken` attribute.
      tokenAttributes: [],
      inline: 'inline',
      defined: true,
    });
    expect(Number(await page.getByTestId('token-calls').textContent())).toBeGreaterThan(0);
    await expect(part(widget, 'launcher')).toHaveCount(0);
    await expect(part(widget, 'greeting')).toContainText(`Hello from`);

    const streamed = page.waitForResponse(
      (res) => res.url() === `${apps.origin}/api/chatkit` && res.request().method() === 'POST',
    );
    const reply = await sendMessage(widget, `Hello from the ${app} app`);
    const response = await streamed;
    expect(response.headers()['content-type']).toContain('text/event-stream');
    expect(response.request().headers().authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

    await expect(events).toHaveText([
      'chat-ready: signed-in',
      'chat-response-start',
      'chat-response-end: complete',
    ]);
    // The app got the reply in the event's detail (Markdown source); the widget shows it rendered.
    const said = `Hello from the ${app} app`;
    await expect(page.getByTestId('last-reply')).toContainText(said);
    await expect(page.getByTestId('last-reply')).toContainText('offline demo responder');
    await expect(reply).toContainText(said);
    if (app.startsWith('react')) {
      // The ref is the element instance (React 18: forwarded by the wrapper component).
      await expect(page.getByTestId('auth-status')).toHaveText('signed-in');
    }
    // The wrapper's onChat… callbacks fired (the events above) under React 18 itself.
    if (app === 'react18') await expect(page.getByTestId('react-version')).toHaveText('18.3.1');
    expect(pageErrors).toEqual([]);
  });
}

test('the apps type-check against the published framework types (vue-tsc, svelte-check)', async ({
  apps,
}) => {
  test.setTimeout(120_000);
  const { vue, svelte } = await apps.typecheck;
  expect(vue.output.trim(), 'vue-tsc -p demo/frameworks').toBe('');
  expect(vue.ok).toBe(true);
  expect(svelte.output, 'svelte-check').toMatch(/COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
  expect(svelte.ok).toBe(true);
});
