// Resume latency: the browser's network comes back → the next delta of the reply is on
// screen. The real demo (one process, SQLite, its memory turn log) streams `[[long]]`
// (a delta every 100 ms) into the real widget in Chromium; the page goes offline (the
// widget drops the stream and waits), then online again. Measured in the page: from the
// `online` event to the first change of the reply's text after it (a MutationObserver),
// so both ends are on one clock. Several cuts per reply, several replies.
// Needs `npm run build` first (the demo serves packages/widget/dist).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { signUpAndOpenLauncher } from '../../demo/scripts/host-page.ts';
import { startDemo } from '../../demo/src/app.ts';
import { readConfig } from '../../demo/src/config.ts';

export interface ResumeLatencyResults {
  cuts: number;
  offlineMs: number;
  replies: number;
  p50: number;
  p90: number;
  max: number;
  /** Each cut's latency in ms, in the order measured. */
  samples: number[];
}

const OFFLINE_MS = 600;

/** Goes offline `cuts` times in the middle of `[[long]]` replies and times each resume. */
export async function runResumeLatency(
  browser: Browser,
  cuts: number,
): Promise<ResumeLatencyResults> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-widget-resume-bench-'));
  const config = readConfig({
    PORT: '0',
    DATABASE_PATH: join(dir, 'demo.sqlite'),
    BETTER_AUTH_SECRET: 'resume-bench-secret-0123456789abcdef0123456789',
    AUTH_RATE_LIMIT_MAX: '10000',
  });
  const quiet = { info: () => {}, warn: () => {} };
  const demo = await startDemo(config, quiet);
  const context = await browser.newContext();
  const samples: number[] = [];
  let replies = 0;
  try {
    const page = await context.newPage();
    await page.goto(`${demo.publicOrigin}/`);
    const widget = await signUpAndOpenLauncher(page, {
      name: 'bench',
      email: `bench-${Date.now()}@example.test`,
    });
    const input = widget.locator('[part~="input"]');
    const assistant = widget.locator('[part~="assistant"]');

    while (samples.length < cuts) {
      const n = await assistant.count();
      await input.fill('Benchmark [[long]]');
      await input.press('Enter');
      replies++;
      const reply = assistant.nth(n);
      await reply.filter({ hasText: 'Long reply: 1 2 3' }).waitFor();
      // Cut while the reply has at least 2 s to go (it ends with "98 99 100 (end)").
      while (samples.length < cuts && !(await reply.textContent())?.includes(' 70 ')) {
        await page.evaluate((index) => {
          const root = document.querySelector('#launcher-chat')!.shadowRoot!;
          const target = root.querySelectorAll('[part~="assistant"]')[index]!;
          const w = window as unknown as { __resume?: Promise<number> };
          w.__resume = new Promise<number>((resolve) => {
            addEventListener(
              'online',
              () => {
                const back = performance.now();
                const before = target.textContent;
                const observer = new MutationObserver(() => {
                  if (target.textContent === before) return;
                  observer.disconnect();
                  resolve(performance.now() - back);
                });
                observer.observe(target, { subtree: true, childList: true, characterData: true });
              },
              { once: true },
            );
          });
        }, n);
        await context.setOffline(true);
        await page.waitForTimeout(OFFLINE_MS);
        await context.setOffline(false);
        samples.push(
          await page.evaluate(() => (window as unknown as { __resume: Promise<number> }).__resume),
        );
      }
      await reply.filter({ hasText: '(end)' }).waitFor({ timeout: 30_000 });
    }
  } finally {
    await context.close();
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    cuts: samples.length,
    offlineMs: OFFLINE_MS,
    replies,
    p50: Math.round(pick(0.5)),
    p90: Math.round(pick(0.9)),
    max: Math.round(sorted.at(-1)!),
    samples: samples.map(Math.round),
  };
}
