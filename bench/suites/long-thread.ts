// 4. Long threads: open a stored thread of 1,000 items (seeded into the memory
// store behind our real ChatKit handler; the widget pages through
// threads.get_by_id + items.list), then scroll it to the top in steps.
import type { ThreadItem } from '@chat-widget/protocol';
import type { Browser } from '@playwright/test';
import { type FrameStats, frameRecorderSource, heapUsed, openCdp } from '../lib/browser.ts';
import { BENCH_USER, type Site } from '../lib/site.ts';
import { type Summary, summarize } from '../lib/stats.ts';

export const LONG_THREAD_ID = 'thr_bench_long';

export interface LongThreadRun {
  /** thread-id set → all messages rendered and painted (ms). */
  openMs: number;
  messages: number;
  /** Whether the widget showed the latest message after opening. */
  openedAtBottom: boolean;
  /** JS heap after opening, after GC (bytes), and its growth over the empty widget. */
  heapBytes: number;
  heapGrowthBytes: number;
  scroll: FrameStats & { scrolledFrom: number };
}

export interface LongThreadResults {
  items: number;
  scrollSteps: number;
  runs: LongThreadRun[];
  summary?: {
    openMs: Summary;
    heapBytes: Summary;
    heapGrowthBytes: Summary;
    droppedFrames: Summary;
    longestFrame: Summary;
    longestTask: Summary;
  };
  error?: string;
}

function assistantText(i: number): string {
  const kind = i % 4;
  if (kind === 0) return `Answer ${i}: a short paragraph with **bold** and \`code\` in it.`;
  if (kind === 1)
    return `Steps for ${i}:\n\n- first item\n- second item with \`inline\`\n- third item`;
  if (kind === 2)
    return `Code for ${i}:\n\n\`\`\`ts\nconst value = ${i};\nconsole.log(value * 2);\n\`\`\``;
  return `A longer answer ${i}. `.repeat(6).trim();
}

export async function seedLongThread(site: Site, items: number): Promise<void> {
  const created = new Date(Date.UTC(2026, 0, 1)).getTime();
  const at = (i: number) => new Date(created + i * 1000).toISOString().slice(0, 19);
  await site.store.createThread(BENCH_USER, {
    id: LONG_THREAD_ID,
    title: 'A thread of many items',
    created_at: at(0),
    status: { type: 'active' },
    metadata: {},
  });
  for (let i = 0; i < items; i++) {
    const base = {
      id: `msg_${String(i).padStart(5, '0')}`,
      thread_id: LONG_THREAD_ID,
      created_at: at(i),
    };
    const item: ThreadItem =
      i % 2 === 0
        ? {
            ...base,
            type: 'user_message',
            content: [{ type: 'input_text', text: `Question number ${i}: how does this work?` }],
            attachments: [],
            inference_options: {},
          }
        : {
            ...base,
            type: 'assistant_message',
            content: [{ type: 'output_text', text: assistantText(i), annotations: [] }],
          };
    await site.store.addItem(BENCH_USER, LONG_THREAD_ID, item);
  }
}

const openScript = `(async () => {
  const el = document.querySelector('chat-widget');
  const loaded = new Promise((resolve) => {
    el.addEventListener('chat-thread-change', (e) => { if (e.detail.title) resolve(); });
  });
  const t0 = performance.now();
  el.threadId = '${LONG_THREAD_ID}';
  await loaded;
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const openMs = performance.now() - t0;
  const list = el.shadowRoot.querySelector('#messages');
  return {
    openMs,
    messages: el.shadowRoot.querySelectorAll('[part~="message"]').length,
    openedAtBottom: list.scrollHeight - list.scrollTop - list.clientHeight < 48,
  };
})()`;

const scrollScript = (steps: number) => `(async () => {
  const list = document.querySelector('chat-widget').shadowRoot.querySelector('#messages');
  // From the latest message (where a reader starts) up to the first one.
  list.scrollTop = list.scrollHeight;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const start = list.scrollTop;
  window.__rec.start();
  for (let k = 1; k <= ${steps}; k++) {
    await new Promise((r) => requestAnimationFrame(r));
    list.scrollTop = start - (start * k) / ${steps};
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return { scrolledFrom: start, ...window.__rec.stop() };
})()`;

export async function runLongThread(
  browser: Browser,
  site: Site,
  options: { runs: number; items: number; scrollSteps: number },
): Promise<LongThreadResults> {
  await seedLongThread(site, options.items);
  const runs: LongThreadRun[] = [];
  const errors: string[] = [];
  for (let run = 0; run < options.runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${site.origin}/page/chat-widget/inline`, { waitUntil: 'load' });
      if ((await page.evaluate('window.__ready')) === null) throw new Error('input never ready');
      await page.evaluate(frameRecorderSource);
      const cdp = await openCdp(page);
      const emptyHeap = await heapUsed(cdp);
      const opened = (await page.evaluate(openScript)) as Pick<
        LongThreadRun,
        'openMs' | 'messages' | 'openedAtBottom'
      >;
      const heapBytes = await heapUsed(cdp);
      await page.waitForTimeout(200);
      const scroll = (await page.evaluate(scrollScript(options.scrollSteps))) as FrameStats & {
        scrolledFrom: number;
      };
      runs.push({ ...opened, heapBytes, heapGrowthBytes: heapBytes - emptyHeap, scroll });
    } catch (error) {
      errors.push((error as Error).message.split('\n')[0]!);
    } finally {
      await context.close();
    }
  }
  const result: LongThreadResults = {
    items: options.items,
    scrollSteps: options.scrollSteps,
    runs,
  };
  if (runs.length) {
    result.summary = {
      openMs: summarize(runs.map((r) => r.openMs)),
      heapBytes: summarize(runs.map((r) => r.heapBytes)),
      heapGrowthBytes: summarize(runs.map((r) => r.heapGrowthBytes)),
      droppedFrames: summarize(runs.map((r) => r.scroll.droppedFrames)),
      longestFrame: summarize(runs.map((r) => r.scroll.longestFrame)),
      longestTask: summarize(runs.map((r) => r.scroll.longestTask)),
    };
  }
  if (errors.length) result.error = `${errors.length} failed: ${errors[0]}`;
  return result;
}
