// Chromium as the e2e tests launch it (Debian's build, offline flags), plus
// CDP helpers for the render benchmarks.
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium.ts';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions, headless: true });
}

export type Metrics = Record<string, number>;

export async function cdpMetrics(session: CDPSession): Promise<Metrics> {
  const { metrics } = (await session.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export async function openCdp(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'timeTicks' });
  return session;
}

/** Forces a full GC and returns JSHeapUsedSize in bytes. */
export async function heapUsed(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  return (await cdpMetrics(session)).JSHeapUsedSize ?? Number.NaN;
}

/**
 * In-page frame and long-task recorder: a rAF loop logging frame gaps and a
 * PerformanceObserver for 'longtask'. Start before the work, stop after.
 */
export const frameRecorderSource = `
window.__rec = {
  start() {
    const r = { gaps: [], longtasks: [], running: true, last: 0 };
    this.r = r;
    r.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) r.longtasks.push(e.duration);
    });
    r.observer.observe({ type: 'longtask' });
    const tick = (t) => {
      if (!r.running) return;
      if (r.last) r.gaps.push(t - r.last);
      r.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stop() {
    const r = this.r;
    r.running = false;
    r.observer.takeRecords().forEach((e) => r.longtasks.push(e.duration));
    r.observer.disconnect();
    const frame = 1000 / 60;
    const dropped = r.gaps.filter((g) => g > 1.5 * frame);
    return {
      frames: r.gaps.length,
      droppedFrames: dropped.reduce((n, g) => n + Math.max(1, Math.round(g / frame) - 1), 0),
      slowFrames: dropped.length,
      longestFrame: r.gaps.length ? Math.max(...r.gaps) : 0,
      longTasks: r.longtasks.length,
      longestTask: r.longtasks.length ? Math.max(...r.longtasks) : 0,
      longTaskTotal: r.longtasks.reduce((a, b) => a + b, 0),
    };
  },
};
`;

/**
 * A fresh 1280×800 context on a candidate's page: waits for its input to be
 * ready, installs the frame recorder, runs `fn`, and closes the context.
 */
export async function withRecordedPage<T>(
  browser: Browser,
  url: string,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if ((await page.evaluate('window.__ready')) === null) throw new Error('input never ready');
    await page.evaluate(frameRecorderSource);
    return await fn(page);
  } finally {
    await context.close();
  }
}

export interface FrameStats {
  frames: number;
  droppedFrames: number;
  slowFrames: number;
  longestFrame: number;
  longTasks: number;
  longestTask: number;
  longTaskTotal: number;
}
