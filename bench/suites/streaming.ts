// 3. Streaming render: the same markdown answer (N deltas at R deltas/s) into
// chat-widget (ChatKit SSE from our real handler) and into Deep Chat (its own
// SSE connector, `connect: { url, stream: true }`, `data: {"text": …}` events).
// Recorded in the page: long tasks, rAF gaps; from CDP: script/layout/style time.
import type { Browser } from '@playwright/test';
import { markdownDeltas } from '../lib/answer.ts';
import { type FrameStats, heapUsed, openCdp, withRecordedPage } from '../lib/browser.ts';
import type { Peers } from '../lib/peers.ts';
import type { Site } from '../lib/site.ts';
import { type Summary, summarize } from '../lib/stats.ts';
import { traced } from '../lib/trace.ts';

export interface StreamRun extends FrameStats {
  /** Trigger → last delta rendered (ms). */
  elapsed: number;
  /** Main-thread time over the run from a Chromium trace, in ms (see lib/trace.ts). */
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  paintMs: number;
  busyMs: number;
  /** JS heap after the answer, after GC (bytes). */
  heapBytes: number;
  /** Characters of the final rendered answer (sanity check). */
  renderedChars: number;
}

export interface StreamRow {
  candidate: string;
  available: boolean;
  error?: string;
  runs: StreamRun[];
  summary?: Record<keyof StreamRun, Summary>;
}

export interface StreamingResults {
  deltas: number;
  ratePerSecond: number;
  answerChars: number;
  rows: StreamRow[];
}

const triggers: Record<'chat-widget' | 'deep-chat', string> = {
  'chat-widget': `(async () => {
    const el = document.querySelector('chat-widget');
    let chars = 0;
    el.addEventListener('chat-response-end', (e) => { chars = (e.detail.text || '').length; }, { once: true });
    window.__rec.start();
    const t0 = performance.now();
    await el.sendMessage('Stream the benchmark answer');
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const elapsed = performance.now() - t0;
    return { elapsed, renderedChars: chars, ...window.__rec.stop() };
  })()`,
  'deep-chat': `(async () => {
    const el = document.querySelector('deep-chat');
    let chars = 0;
    // The 'message' DOM event, not the onMessage property: setting a property
    // on an initialised <deep-chat> re-renders the whole element.
    const done = new Promise((resolve) => {
      el.addEventListener('message', (e) => {
        const body = e.detail;
        if (!body.isHistory && body.message && body.message.role !== 'user') {
          chars = (body.message.text || '').length;
          resolve();
        }
      });
    });
    window.__rec.start();
    const t0 = performance.now();
    el.submitUserMessage({ text: 'Stream the benchmark answer' });
    await done;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const elapsed = performance.now() - t0;
    return { elapsed, renderedChars: chars, ...window.__rec.stop() };
  })()`,
};

export async function runStreaming(
  browser: Browser,
  site: Site,
  peers: Peers,
  options: { runs: number; deltas: number; ratePerSecond: number },
): Promise<StreamingResults> {
  const deltas = markdownDeltas(options.deltas);
  site.plan = { deltas, ratePerSecond: options.ratePerSecond };
  const candidates = [
    { id: 'chat-widget' as const, label: 'chat-widget', available: true, error: undefined },
    {
      id: 'deep-chat' as const,
      label: 'deep-chat',
      available: !!peers.deepChat.script,
      error: peers.deepChat.error,
    },
  ];
  const rows: StreamRow[] = candidates.map((c) => ({
    candidate: c.label,
    available: c.available,
    runs: [],
    ...(c.error ? { error: c.error } : {}),
  }));
  const errors: string[][] = candidates.map(() => []);
  for (let run = 0; run < options.runs; run++) {
    for (let k = 0; k < candidates.length; k++) {
      // Alternate which one goes first.
      const i = (k + run) % candidates.length;
      const c = candidates[i]!;
      if (!c.available) continue;
      try {
        await withRecordedPage(browser, `${site.origin}/page/${c.id}/inline`, async (page) => {
          const cdp = await openCdp(page);
          await page.waitForTimeout(300);
          const { result, times } = await traced(
            browser,
            page,
            () =>
              page.evaluate(triggers[c.id]) as Promise<
                FrameStats & { elapsed: number; renderedChars: number }
              >,
          );
          rows[i]!.runs.push({
            ...result,
            scriptMs: times.scriptMs,
            layoutMs: times.layoutMs,
            styleMs: times.styleMs,
            paintMs: times.paintMs,
            busyMs: times.busyMs,
            heapBytes: await heapUsed(cdp),
          });
        });
      } catch (error) {
        errors[i]!.push((error as Error).message.split('\n')[0]!);
      }
    }
  }
  rows.forEach((row, i) => {
    if (row.runs.length) {
      const keys = Object.keys(row.runs[0]!) as (keyof StreamRun)[];
      row.summary = Object.fromEntries(
        keys.map((k) => [k, summarize(row.runs.map((r) => r[k]))]),
      ) as Record<keyof StreamRun, Summary>;
    }
    if (errors[i]!.length) row.error = `${errors[i]!.length} failed: ${errors[i]![0]}`;
  });
  return {
    deltas: deltas.length,
    ratePerSecond: options.ratePerSecond,
    answerChars: deltas.join('').length,
    rows,
  };
}
