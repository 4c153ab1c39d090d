// 2. Load: navigation → launcher visible, click → panel interactive (message
// input visible and enabled), for each candidate on the same blank host page
// served from loopback, in a fresh browser context (cold HTTP cache) each time.
// Inline candidates (Deep Chat has no launcher) get navigation → input ready.
// Also the JavaScript each one downloads before the panel opens and on opening it
// (gzip level 9 of every script response body: what a server sending gzip would transfer).
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { heapUsed, openCdp } from '../lib/browser.ts';
import type { Peers } from '../lib/peers.ts';
import type { Candidate, PageKind, Site } from '../lib/site.ts';
import { type Summary, summarize } from '../lib/stats.ts';

export interface LoadRow {
  candidate: string;
  kind: PageKind;
  available: boolean;
  error?: string;
  /** Navigation start → launcher visible (ms). */
  launcher?: Summary;
  /** Click → message input visible and enabled (ms). */
  panel?: Summary;
  /** Navigation start → message input ready (inline pages, ms). */
  ready?: Summary;
  /** JS heap after the panel is open (bytes, after GC). */
  heap?: Summary;
  /** JavaScript fetched before the click (inline: until ready), gzip bytes and files. */
  jsBefore?: { gzip: number; files: number };
  /** JavaScript fetched from the click until the panel is interactive, gzip bytes and files. */
  jsOnOpen?: { gzip: number; files: number };
}

/** Records the JavaScript a page fetches; `take()` returns what came since the last call. */
function scriptBytes(page: Page) {
  let pending: Promise<number>[] = [];
  page.on('response', (response) => {
    const request = response.request();
    const isScript =
      request.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(request.url()).pathname);
    if (!isScript) return;
    pending.push(
      response.body().then(
        (body) => gzipSync(body, { level: 9 }).length,
        () => 0,
      ),
    );
  });
  return async () => {
    const taken = pending;
    pending = [];
    const sizes = await Promise.all(taken);
    return { gzip: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
  };
}

interface Target {
  candidate: Candidate;
  kind: PageKind;
  label: string;
  available: boolean;
  error?: string;
}

export async function runLoad(
  browser: Browser,
  site: Site,
  peers: Peers,
  runs: number,
): Promise<LoadRow[]> {
  const targets: Target[] = [
    { candidate: 'chat-widget', kind: 'launcher', label: 'chat-widget', available: true },
    {
      candidate: 'flowise',
      kind: 'launcher',
      label: 'flowise-embed',
      available: !!peers.flowise.script,
      ...(peers.flowise.error ? { error: peers.flowise.error } : {}),
    },
    {
      candidate: 'n8n',
      kind: 'launcher',
      label: '@n8n/chat',
      available: !!peers.n8n.script,
      ...(peers.n8n.error ? { error: peers.n8n.error } : {}),
    },
    { candidate: 'chat-widget', kind: 'inline', label: 'chat-widget (inline)', available: true },
    {
      candidate: 'deep-chat',
      kind: 'inline',
      label: 'deep-chat (inline only)',
      available: !!peers.deepChat.script,
      ...(peers.deepChat.error ? { error: peers.deepChat.error } : {}),
    },
  ];
  const samples = new Map<
    Target,
    {
      launcher: number[];
      panel: number[];
      ready: number[];
      heap: number[];
      errors: string[];
      jsBefore?: { gzip: number; files: number };
      jsOnOpen?: { gzip: number; files: number };
    }
  >();
  for (const t of targets)
    samples.set(t, { launcher: [], panel: [], ready: [], heap: [], errors: [] });

  const live = targets.filter((t) => t.available);
  for (let run = 0; run < runs; run++) {
    // Rotate the order so no candidate always runs first (or right after a heavy one).
    const order = live.map((_, i) => live[(i + run) % live.length]!);
    for (const target of order) {
      const s = samples.get(target)!;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const takeScripts = scriptBytes(page);
        await page.goto(`${site.origin}/page/${target.candidate}/${target.kind}`, {
          waitUntil: 'load',
        });
        if (target.kind === 'launcher') {
          const launcher = (await page.evaluate('window.__launcher')) as number | null;
          if (launcher === null) throw new Error('launcher never became visible');
          s.launcher.push(launcher);
          await page.waitForTimeout(300);
          s.jsBefore = await takeScripts();
          const panel = (await page.evaluate(`(async () => {
            const el = window.__find.launcher();
            const t0 = performance.now();
            el.click();
            const t = await window.__watch('panel', window.__find.input, window.__inputReady);
            return t === null ? null : t - t0;
          })()`)) as number | null;
          if (panel === null) throw new Error('panel input never became ready after the click');
          s.panel.push(panel);
          s.jsOnOpen = await takeScripts();
        } else {
          const ready = (await page.evaluate('window.__ready')) as number | null;
          if (ready === null) throw new Error('input never became ready');
          s.ready.push(ready);
          s.jsBefore = await takeScripts();
        }
        const cdp = await openCdp(page);
        s.heap.push(await heapUsed(cdp));
      } catch (error) {
        s.errors.push((error as Error).message.split('\n')[0]!);
      } finally {
        await context.close();
      }
    }
  }
  return targets.map((t) => {
    const s = samples.get(t)!;
    const row: LoadRow = { candidate: t.label, kind: t.kind, available: t.available };
    if (!t.available) row.error = t.error ?? 'unavailable';
    else if (s.errors.length) row.error = `${s.errors.length} failed: ${s.errors[0]}`;
    if (s.launcher.length) row.launcher = summarize(s.launcher);
    if (s.panel.length) row.panel = summarize(s.panel);
    if (s.ready.length) row.ready = summarize(s.ready);
    if (s.heap.length) row.heap = summarize(s.heap);
    if (s.jsBefore) row.jsBefore = s.jsBefore;
    if (s.jsOnOpen) row.jsOnOpen = s.jsOnOpen;
    return row;
  });
}
