// Starts the real demo (`node --import tsx demo/server.ts`) on free ports with
// its own temporary database, and offers the steps the journeys share. The
// widget script must be built first (`npm run build`; CI builds before tests).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

export {
  assistantMessages,
  axeViolations,
  openLauncher,
  part,
  send,
  sendMessage,
  squash,
  userMessages,
} from '../test-support/playwright.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const widgetBundle = join(repoRoot, 'packages/widget/dist/cdn/chat-widget.js');

export interface DemoServer {
  /** `http://localhost:<port>`: Better Auth, the ChatKit endpoint, the host page. */
  mainOrigin: string;
  /** `http://127.0.0.1:<port>`: the third-party page. */
  embedOrigin: string;
  databasePath: string;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** This process's own origin: differs from mainOrigin behind a proxy (BETTER_AUTH_URL). */
  instanceOrigin: string;
  /** Stops the process (SIGTERM, like Ctrl-C). */
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL, like a crashed machine); resolves when it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same ports with the same database. */
  start(): Promise<void>;
  /** stop() and remove the temporary directory. */
  dispose(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra environment, e.g. `{ JWT_EXPIRES_IN: '5' }`. */
  env?: Record<string, string>;
}

const READY = /host page\s+(http:\/\/\S+?)\/?\s[\s\S]*third-party site\s+(http:\/\/\S+?)\/?\s/;

export async function launchDemo(options: LaunchOptions = {}): Promise<DemoServer> {
  if (!existsSync(widgetBundle)) {
    throw new Error(`${widgetBundle} is missing: run \`npm run build\` before the e2e tests`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'chat-widget-e2e-'));
  const databasePath = join(dir, 'demo.sqlite');
  let log = '';
  let child: ChildProcess | undefined;
  let ports = { main: '0', embed: '0' };
  const origins = { main: '', embed: '', instance: '' };

  const start = () =>
    new Promise<void>((resolveStart, rejectStart) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      // Deterministic settings whatever the developer's shell exports.
      for (const key of [
        'BETTER_AUTH_SECRET',
        'CHAT_RESPONDER',
        'JWT_EXPIRES_IN',
        'NODE_ENV',
        'AUTH_RATE_LIMIT_MAX',
        'AUTH_RATE_LIMIT_WINDOW',
        'TRUSTED_PROXIES',
      ])
        delete env[key];
      Object.assign(env, {
        PORT: ports.main,
        EMBED_PORT: ports.embed,
        DATABASE_PATH: databasePath,
        // Every journey signs up or starts guests from 127.0.0.1: the sign-in limit
        // (its own tests live in demo/test/rate-limit.test.ts) must not trip them.
        AUTH_RATE_LIMIT_MAX: '10000',
        ...options.env,
      });
      const proc = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let seen = '';
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        rejectStart(new Error(`demo did not start within 45 s:\n${log}`));
      }, 45_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        log += chunk;
        seen += chunk;
        const match = READY.exec(seen);
        if (match && !origins.main) {
          origins.main = match[1]!;
          origins.embed = match[2]!;
          origins.instance = /this instance\s+(http:\/\/\S+?)\/?\s/.exec(seen)?.[1] ?? match[1]!;
        }
        if (match) {
          clearTimeout(timer);
          resolveStart();
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => {
        log += chunk;
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        log += `\n[demo exited: ${code ?? signal}]\n`;
        rejectStart(new Error(`demo exited before it was ready (${code ?? signal}):\n${log}`));
      });
    }).then(() => {
      ports = { main: new URL(origins.main).port, embed: new URL(origins.embed).port };
    });

  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(killer);
  };

  await start();
  return {
    get mainOrigin() {
      return origins.main;
    },
    get embedOrigin() {
      return origins.embed;
    },
    get instanceOrigin() {
      return origins.instance;
    },
    async kill() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGKILL');
      await exited;
    },
    databasePath,
    output: () => log,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `demo`: one demo process per worker (default settings), shared by its tests.
 * `cspGuard` (automatic): fails a test whose pages logged a CSP violation, since
 * the demo pages must work under `script-src 'self'; style-src 'self'`.
 */
export const test = base.extend<{ cspGuard: undefined }, { demo: DemoServer }>({
  cspGuard: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) =>
        page.on('console', (msg) => {
          if (/Content Security Policy|Refused to (load|execute|apply)/i.test(msg.text())) {
            violations.push(`${page.url()}: ${msg.text()}`);
          }
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(undefined);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  demo: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring.
    async ({}, use) => {
      const demo = await launchDemo();
      await use(demo);
      await demo.dispose();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});
export { expect };

let counter = 0;
export const uniqueEmail = (label = 'user') =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}@example.test`;
export const PASSWORD = 'correct-horse-battery';

/** Signs up through the host page's form and waits until the page shows the session. */
export async function signUpOnHostPage(page: Page, demo: DemoServer, email = uniqueEmail()) {
  if (!page.url().startsWith(demo.mainOrigin)) await page.goto(`${demo.mainOrigin}/`);
  const form = page.locator('#sign-up-form');
  await form.getByLabel('Name').fill(email.split('@')[0]!);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#signed-in')).toBeVisible();
  await expect(page.locator('#user-email')).toContainText(email);
  return email;
}

/** The launcher widget on the host page (or the only one on the embed page). */
export const launcher = (page: Page, selector = '#launcher-chat') => page.locator(selector);
