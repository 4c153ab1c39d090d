// Cross-tab behaviour in real Chromium: several pages of one browser context
// (same origin, same cookie jar), real BroadcastChannel and navigator.locks.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { startTabServer, type TabServer } from './serve.ts';

interface TabWindow {
  auth: typeof import('../../src/index.ts');
  manager: import('../../src/index.ts').TokenManager;
  skew: number;
  statusLog: { status: string; at: number }[];
}

let server: TabServer;
test.afterEach(async () => {
  await server?.close();
});

async function openTabs(context: BrowserContext, count: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await page.goto(server.origin);
    await page.waitForFunction(() => (window as unknown as { authReady?: boolean }).authReady);
    // `now` is the one seam used here: it lets a test move every tab past expiry at once
    // (a laptop waking up) without waiting out a real lifetime.
    await page.evaluate(() => {
      const w = window as unknown as TabWindow;
      w.skew = 0;
      w.statusLog = [];
      w.manager = w.auth.createTokenManager({ now: () => Date.now() + w.skew });
      w.manager.subscribe((s) => w.statusLog.push({ status: s.status, at: Date.now() }));
    });
    pages.push(page);
  }
  return pages;
}

async function signUpIn(page: Page) {
  const status = await page.evaluate(async () => {
    const email = `tab-${Date.now()}-${Math.random()}@example.test`;
    const res = await fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct-horse-battery-staple', name: 'Tab' }),
    });
    return res.status;
  });
  expect(status).toBe(200);
}

const getTokens = (page: Page, callers: number) =>
  page.evaluate(async (n) => {
    const w = window as unknown as TabWindow;
    return Promise.all(
      Array.from({ length: n }, async () => ({
        token: await w.manager.getToken(),
        at: Date.now(),
      })),
    );
  }, callers);

const skewAll = (pages: Page[], ms: number) =>
  Promise.all(pages.map((p) => p.evaluate((s) => ((window as unknown as TabWindow).skew = s), ms)));

const status = (page: Page) =>
  page.evaluate(() => (window as unknown as TabWindow).manager.state.status);

test('3 tabs at expiry → 1 token request; the others get the token over BroadcastChannel', async ({
  context,
}) => {
  server = await startTabServer(60);
  const pages = await openTabs(context, 3);
  await signUpIn(pages[0]!);
  const [first] = await getTokens(pages[0]!, 1);
  await expect
    .poll(() => Promise.all(pages.map(status)))
    .toEqual(['signed-in', 'signed-in', 'signed-in']);
  expect(server.tokenHits()).toBe(1);

  await skewAll(pages, 61_000); // every tab wakes past expiry
  await new Promise((resolve) => setTimeout(resolve, 1000)); // next iat second → a different JWT
  const before = server.tokenHits();
  const results = await Promise.all(pages.map((p) => getTokens(p, 10)));
  const tokens = new Set(results.flat().map((r) => r.token));
  expect(server.tokenHits() - before).toBe(1);
  expect(tokens.size).toBe(1);
  expect(tokens.has(first!.token)).toBe(false);
  console.log(
    `[measure] 3 tabs x 10 callers at expiry: ${server.tokenHits() - before} token request(s)`,
  );
});

test('proactive refresh timers in 3 tabs → 1 request per refresh', async ({ context }) => {
  server = await startTabServer(3); // refresh 600 ms before expiry − jitter: 2.37–2.4 s
  const pages = await openTabs(context, 3);
  await signUpIn(pages[0]!);
  await getTokens(pages[0]!, 1);
  await expect
    .poll(() => Promise.all(pages.map(status)))
    .toEqual(['signed-in', 'signed-in', 'signed-in']);
  const before = server.tokenHits();
  // After every tab's first refresh time, before anyone's second one (≥ 4.5 s).
  await new Promise((resolve) => setTimeout(resolve, 3500));
  expect(server.tokenHits() - before).toBe(1);
  const tokens = await Promise.all(pages.map((p) => getTokens(p, 1)));
  expect(new Set(tokens.map(([r]) => r!.token)).size).toBe(1);
});

test('sign-out in one tab reaches the others in < 1 s and ends the session', async ({
  context,
}) => {
  server = await startTabServer(60);
  const pages = await openTabs(context, 3);
  await signUpIn(pages[0]!);
  await getTokens(pages[0]!, 1);
  await expect
    .poll(() => Promise.all(pages.map(status)))
    .toEqual(['signed-in', 'signed-in', 'signed-in']);
  const startedAt = await pages[1]!.evaluate(async () => {
    const w = window as unknown as TabWindow;
    const at = Date.now();
    await w.manager.signOut();
    return at;
  });
  await expect
    .poll(() => Promise.all(pages.map(status)), { timeout: 1000 })
    .toEqual(['signed-out', 'signed-out', 'signed-out']);
  const reached = await Promise.all(
    [pages[0]!, pages[2]!].map((p) =>
      p.evaluate(
        () => (window as unknown as TabWindow).statusLog.find((s) => s.status === 'signed-out')!.at,
      ),
    ),
  );
  const latency = Math.max(...reached) - startedAt;
  console.log(`[measure] sign-out reached the other tabs after ${latency} ms`);
  expect(latency).toBeLessThan(1000);
  expect(server.auth.requests).toContain('POST /api/auth/sign-out');
  // The cookie session is gone on the server: a forced re-check stays signed out.
  await pages[2]!.evaluate(() => (window as unknown as TabWindow).manager.refresh());
  expect(await status(pages[2]!)).toBe('signed-out');
});

test('slow (6 s) token endpoint: 3 tabs × 20 waiting callers, all served by 1 request', async ({
  context,
}) => {
  test.setTimeout(60_000);
  server = await startTabServer(60);
  const pages = await openTabs(context, 3);
  await signUpIn(pages[0]!);
  await getTokens(pages[0]!, 1);
  await expect
    .poll(() => Promise.all(pages.map(status)))
    .toEqual(['signed-in', 'signed-in', 'signed-in']);
  await skewAll(pages, 61_000);
  server.setTokenDelay(6000);
  const before = server.tokenHits();
  const t0 = Date.now();
  const results = (await Promise.all(pages.map((p) => getTokens(p, 20)))).flat();
  expect(server.tokenHits() - before).toBe(1);
  expect(results).toHaveLength(60);
  expect(new Set(results.map((r) => r.token)).size).toBe(1);
  const times = results.map((r) => r.at - t0);
  const overhead = Math.max(...times) - Math.min(...times);
  console.log(
    `[measure] slow endpoint: 60/60 served, first at ${Math.min(...times)} ms, last at ${Math.max(...times)} ms, waiter overhead ${overhead} ms`,
  );
  expect(Math.min(...times)).toBeGreaterThanOrEqual(6000);
  // The goal is ≤ 10 ms (measured above, reported); the assertion only guards against
  // lock polling or timeouts (seconds) on a shared, noisy CI machine.
  expect(overhead).toBeLessThan(250);
});

test('real page events: online and pageshow wake a stale tab; Better Auth storage message re-checks other tabs', async ({
  context,
}) => {
  server = await startTabServer(60);
  const pages = await openTabs(context, 2);
  await signUpIn(pages[0]!);
  await getTokens(pages[0]!, 1);
  await expect.poll(() => Promise.all(pages.map(status))).toEqual(['signed-in', 'signed-in']);
  const refreshes = (page: Page) =>
    page.evaluate(() => (window as unknown as TabWindow).manager.state.refreshCount);

  // Tab 0 wakes up past its refresh time; an `online` event alone triggers the refresh.
  // (Wait for each refresh to finish before moving the clock again: a clock jump
  // during a request makes the new token stale on arrival, which rightly refreshes again.)
  await pages[0]!.evaluate(() => ((window as unknown as TabWindow).skew = 50_000));
  let before = server.tokenHits();
  await pages[0]!.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(() => refreshes(pages[0]!)).toBe(2);
  expect(server.tokenHits()).toBe(before + 1);

  // pageshow does the same (bfcache restore).
  await pages[0]!.evaluate(() => ((window as unknown as TabWindow).skew = 100_000));
  before = server.tokenHits();
  await pages[0]!.evaluate(() => window.dispatchEvent(new Event('pageshow')));
  await expect.poll(() => refreshes(pages[0]!)).toBe(3);
  expect(server.tokenHits()).toBe(before + 1);

  // Better Auth's client in tab 0 announces a session change through localStorage;
  // the `storage` event fires in tab 1 (not in the writer), which re-checks.
  before = server.tokenHits();
  const tab1Before = await refreshes(pages[1]!);
  await pages[0]!.evaluate(() =>
    localStorage.setItem(
      'better-auth.message',
      JSON.stringify({ event: 'session', data: { trigger: 'updateUser' }, timestamp: Date.now() }),
    ),
  );
  await expect.poll(() => refreshes(pages[1]!)).toBe(tab1Before + 1);
  expect(server.tokenHits()).toBe(before + 1);
  // The JWT itself never lands in web storage.
  const stored = await pages[1]!.evaluate(() =>
    JSON.stringify({ ...localStorage, ...sessionStorage }),
  );
  expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/);
});

test('without navigator.locks (fallback): staggered tabs at expiry still make 1 request', async ({
  context,
}) => {
  server = await startTabServer(60);
  const pages = await openTabs(context, 3);
  await Promise.all(
    pages.map((p) =>
      p.evaluate(() => {
        const w = window as unknown as TabWindow;
        w.manager.dispose();
        w.manager = w.auth.createTokenManager({ now: () => Date.now() + w.skew, locks: null });
      }),
    ),
  );
  await signUpIn(pages[0]!);
  await getTokens(pages[0]!, 1);
  await expect
    .poll(() => Promise.all(pages.map(status)))
    .toEqual(['signed-in', 'signed-in', 'signed-in']);
  await skewAll(pages, 61_000);
  server.setTokenDelay(500);
  const before = server.tokenHits();
  const first = getTokens(pages[0]!, 5);
  await new Promise((resolve) => setTimeout(resolve, 100)); // the claim reaches the other tabs
  const results = await Promise.all([first, getTokens(pages[1]!, 5), getTokens(pages[2]!, 5)]);
  expect(server.tokenHits() - before).toBe(1);
  expect(new Set(results.flat().map((r) => r.token)).size).toBe(1);
});
