// 5. Token manager against the REAL Better Auth server (test-support): token
// endpoint requests for 100 concurrent calls at expiry, for 3 browser tabs
// waking at expiry, and over one simulated hour with 5-minute tokens.
// Time is faked only inside the manager (its now/setTimeout seams); the
// Better Auth server and its HTTP run on real time.

import { join } from 'node:path';
import { createTokenManager } from '@chat-widget/auth';
import type { Browser } from '@playwright/test';
import { build } from 'esbuild';
import { startAuthServer } from '../../test-support/better-auth.ts';
import { sendText, sleep, startServer } from '../lib/http.ts';
import { rootDir } from '../lib/peers.ts';

export interface TokenResults {
  concurrent: { calls: number; requests: number; distinctTokens: number; goal: 1 };
  tabs: { tabs: number; callsPerTab: number; rounds: number[]; goal: 1; error?: string };
  hour: {
    lifetimeSeconds: number;
    simulatedSeconds: number;
    getTokenCalls: number;
    requests: number;
    expiredHandedOut: number;
    /** Most requests the renewal rule allows (the first token included). */
    goalRequests: number;
    goal: string;
  };
}

function manualClock(start: number) {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback: () => void, ms: number) => {
      timers.set(++nextId, { at: now + Math.max(0, ms), callback });
      return nextId;
    },
    clearTimeout: (handle: unknown) => {
      timers.delete(handle as number);
    },
    jump(ms: number) {
      now += ms;
    },
    /** Moves to `target`, firing due timers in order. */
    advanceTo(target: number) {
      for (;;) {
        let id: number | undefined;
        let at = Number.POSITIVE_INFINITY;
        for (const [k, t] of timers) if (t.at <= target && t.at < at) [id, at] = [k, t.at];
        if (id === undefined) break;
        const timer = timers.get(id)!;
        timers.delete(id);
        now = Math.max(now, timer.at);
        timer.callback();
      }
      now = target;
    },
  };
}

/** A single-tab token manager whose timers run on `clock` (no window, no document). */
const managerOnClock = (
  authUrl: string,
  sessionToken: string,
  clock: ReturnType<typeof manualClock>,
) =>
  createTokenManager({
    authUrl,
    sessionToken,
    crossTab: false,
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    window: null,
    document: null,
  });

const settle = async (manager: { state: { status: string } }) => {
  await sleep(0);
  for (let i = 0; i < 2000 && manager.state.status === 'refreshing'; i++) await sleep(2);
};

async function concurrentAtExpiry(calls: number): Promise<TokenResults['concurrent']> {
  const auth = await startAuthServer({ jwtExpiresIn: 300 });
  try {
    const user = await auth.signInAnonymous();
    const clock = manualClock(Date.now());
    const manager = managerOnClock(auth.authUrl, user.sessionToken, clock);
    await manager.getToken();
    const before = auth.tokenRequests();
    clock.jump(301_000); // past expiry with timers frozen: a laptop waking up
    const tokens = await Promise.all(Array.from({ length: calls }, () => manager.getToken()));
    const requests = auth.tokenRequests() - before;
    manager.dispose();
    return { calls, requests, distinctTokens: new Set(tokens).size, goal: 1 };
  } finally {
    await auth.close();
  }
}

async function simulatedHour(
  seconds: number,
  useEverySeconds: number,
): Promise<TokenResults['hour']> {
  const lifetime = 300;
  const auth = await startAuthServer({ jwtExpiresIn: lifetime });
  try {
    const user = await auth.signInAnonymous();
    const clock = manualClock(Date.now());
    const manager = managerOnClock(auth.authUrl, user.sessionToken, clock);
    const start = clock.now();
    const before = auth.tokenRequests();
    let calls = 0;
    let expiredHandedOut = 0;
    for (let t = 0; t <= seconds; t++) {
      clock.advanceTo(start + t * 1000);
      await settle(manager);
      if (t % useEverySeconds === 0) {
        calls++;
        await manager.getToken();
        // Judged on the manager's clock (receive time + lifetime), as the API would see it.
        const expiresAt = manager.state.expiresAt;
        if (expiresAt !== undefined && clock.now() >= expiresAt) expiredHandedOut++;
      }
    }
    const requests = auth.tokenRequests() - before;
    manager.dispose();
    // The renewal rule (packages/auth README): a fixed margin before expiry,
    // max(2 × expiry margin, min(60 s, lifetime / 20)) — 15 s for 5-minute tokens.
    const margin = Math.max(2 * Math.min(5, lifetime * 0.1), Math.min(60, lifetime / 20));
    const goalRequests = 1 + Math.floor(seconds / (lifetime - margin));
    return {
      lifetimeSeconds: lifetime,
      simulatedSeconds: seconds,
      getTokenCalls: calls,
      requests,
      expiredHandedOut,
      goalRequests,
      goal: `≤ ${goalRequests}, 0 expired`,
    };
  } finally {
    await auth.close();
  }
}

/** Three tabs of one browser context, each with its own manager (bearer mode), waking at expiry together. */
async function tabsAtExpiry(browser: Browser, tabs: number, callsPerTab: number, rounds: number) {
  const bundle = await build({
    entryPoints: [join(rootDir, 'packages/auth/src/index.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'ChatWidgetAuth',
    target: 'es2022',
    write: false,
    tsconfig: join(rootDir, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]!.text;
  const site = await startServer((_req, res, url) => {
    if (url.pathname === '/auth.js') {
      sendText(res, 'text/javascript', code);
      return true;
    }
    if (url.pathname === '/tab') {
      sendText(
        res,
        'text/html',
        '<!doctype html><title>tab</title><script src="/auth.js"></script>',
      );
      return true;
    }
    return false;
  });
  const auth = await startAuthServer({ jwtExpiresIn: 300, trustedOrigins: [site.origin] });
  const context = await browser.newContext();
  try {
    const user = await auth.signInAnonymous();
    const pages = [];
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.goto(`${site.origin}/tab`);
      await page.evaluate(`(async () => {
        window.__skew = 0;
        window.__tm = ChatWidgetAuth.createTokenManager({
          authUrl: ${JSON.stringify(auth.authUrl)},
          sessionToken: ${JSON.stringify(user.sessionToken)},
          now: () => Date.now() + window.__skew,
        });
        await window.__tm.getToken();
      })()`);
      pages.push(page);
    }
    await sleep(1500); // let cross-tab announcements settle
    const counts: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      await Promise.all(pages.map((p) => p.evaluate(`window.__skew = ${round * 301_000}`)));
      const before = auth.tokenRequests();
      await Promise.all(
        pages.map((p) =>
          p.evaluate(
            `Promise.all(Array.from({ length: ${callsPerTab} }, () => window.__tm.getToken()))`,
          ),
        ),
      );
      await sleep(1500);
      counts.push(auth.tokenRequests() - before);
    }
    return { tabs, callsPerTab, rounds: counts, goal: 1 as const };
  } finally {
    await context.close();
    await auth.close();
    await site.close();
  }
}

export async function runToken(browser: Browser, quick: boolean): Promise<TokenResults> {
  const concurrent = await concurrentAtExpiry(100);
  let tabs: TokenResults['tabs'];
  try {
    tabs = await tabsAtExpiry(browser, 3, 10, quick ? 1 : 3);
  } catch (error) {
    tabs = {
      tabs: 3,
      callsPerTab: 10,
      rounds: [],
      goal: 1,
      error: (error as Error).message.split('\n')[0]!,
    };
  }
  const hour = await simulatedHour(quick ? 1200 : 3600, 10);
  return { concurrent, tabs, hour };
}
