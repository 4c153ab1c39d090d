// 4. Long threads: open a stored thread of 1,000 and one of 10,000 items (seeded
// into the memory store behind our real ChatKit handler; the widget asks for
// threads.get_by_id and the latest items.list page side by side, and loads older
// pages while scrolling), then scroll it to the top in steps. Deep Chat gets the
// same messages through its `history` property, in the same run.
import type { ThreadItem } from '@chat-widget/protocol';
import type { Browser } from '@playwright/test';
import { type FrameStats, heapUsed, openCdp, withRecordedPage } from '../lib/browser.ts';
import type { Peers } from '../lib/peers.ts';
import { BENCH_USER, type Site } from '../lib/site.ts';
import { type Summary, summarize } from '../lib/stats.ts';

/**
 * Deep Chat renders its whole `history` at once: in trials a 10,000-message history
 * held its page for minutes, so it is measured up to this size.
 */
export const DEEP_CHAT_MAX_ITEMS = 1000;

/** The stored thread of `items` messages. */
export const longThreadId = (items: number) => `thr_bench_long_${items}`;

export interface LongThreadRun {
  /** Open → all messages rendered and a frame has passed (ms). */
  openMs: number;
  messages: number;
  /** Whether the latest message was in view after opening. */
  openedAtBottom: boolean;
  /** JS heap after opening, after GC (bytes), and its growth over the empty element. */
  heapBytes: number;
  heapGrowthBytes: number;
  scroll: FrameStats & { scrolledFrom: number };
}

export interface LongThreadRow {
  candidate: string;
  /** Messages in the thread. */
  items: number;
  how: string;
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

export interface LongThreadResults {
  /** Thread sizes, smallest first. */
  items: number[];
  scrollSteps: number;
  rows: LongThreadRow[];
}

const userText = (i: number) => `Question number ${i}: how does this work?`;

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
  const LONG_THREAD_ID = longThreadId(items);
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
            content: [{ type: 'input_text', text: userText(i) }],
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

const widgetOpen = (threadId: string) => `(async () => {
  const el = document.querySelector('chat-widget');
  const loaded = new Promise((resolve) => {
    el.addEventListener('chat-thread-change', (e) => { if (e.detail.title) resolve(); });
  });
  const t0 = performance.now();
  el.threadId = '${threadId}';
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

// Setting `history` on an initialised <deep-chat> re-renders it with those messages.
const deepChatOpen = (count: number) => `(async () => {
  const el = document.querySelector('deep-chat');
  const t0 = performance.now();
  el.history = window.__history;
  const bubbles = () => el.shadowRoot.querySelectorAll('.message-bubble').length;
  await new Promise((resolve) => {
    const tick = () => (bubbles() >= ${count} || performance.now() - t0 > 30000 ? resolve() : requestAnimationFrame(tick));
    tick();
  });
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const openMs = performance.now() - t0;
  const list = el.shadowRoot.querySelector('#messages');
  return {
    openMs,
    messages: bubbles(),
    openedAtBottom: list.scrollHeight - list.scrollTop - list.clientHeight < 48,
  };
})()`;

const scrollScript = (listExpr: string, steps: number) => `(async () => {
  const list = ${listExpr};
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

function historyOf(items: number) {
  return Array.from({ length: items }, (_, i) =>
    i % 2 === 0 ? { role: 'user', text: userText(i) } : { role: 'ai', text: assistantText(i) },
  );
}

export async function runLongThread(
  browser: Browser,
  site: Site,
  peers: Peers,
  options: { runs: number; items: number[]; scrollSteps: number },
): Promise<LongThreadResults> {
  const rows: LongThreadRow[] = [];
  for (const items of options.items) {
    await seedLongThread(site, items);
    rows.push(...(await measureSize(browser, site, peers, { ...options, items })));
  }
  return { items: options.items, scrollSteps: options.scrollSteps, rows };
}

async function measureSize(
  browser: Browser,
  site: Site,
  peers: Peers,
  options: { runs: number; items: number; scrollSteps: number },
): Promise<LongThreadRow[]> {
  const candidates = [
    {
      id: 'chat-widget',
      how: 'thread-id set → threads.get_by_id + the latest items.list page (older pages load on scroll) from the ChatKit handler',
      available: true,
      open: widgetOpen(longThreadId(options.items)),
      list: `document.querySelector('chat-widget').shadowRoot.querySelector('#messages')`,
    },
    {
      id: 'deep-chat',
      how: '`history` property set (messages already in the page, no network)',
      available: !!peers.deepChat.script && options.items <= DEEP_CHAT_MAX_ITEMS,
      open: deepChatOpen(options.items),
      list: `document.querySelector('deep-chat').shadowRoot.querySelector('#messages')`,
    },
  ];
  const history = JSON.stringify(historyOf(options.items));
  const measured = candidates.filter(
    (c) => c.available || c.id !== 'deep-chat' || !peers.deepChat.script,
  );
  candidates.splice(0, candidates.length, ...measured);
  const rows: LongThreadRow[] = candidates.map((c) => ({
    candidate: c.id,
    items: options.items,
    how: c.how,
    runs: [],
  }));
  const errors: string[][] = candidates.map(() => []);
  // Run -1 warms up (the handler's first requests, the page's first parse) and is not kept.
  for (let run = -1; run < options.runs; run++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (k + Math.max(run, 0)) % candidates.length;
      const c = candidates[i]!;
      if (!c.available) continue;
      try {
        const step = (what: string) => {
          if (process.env.BENCH_DEBUG_LONG)
            console.log(`  long-thread ${c.id} ${options.items} run ${run}: ${what}`);
        };
        await withRecordedPage(browser, `${site.origin}/page/${c.id}/inline`, async (page) => {
          step('page ready');
          if (c.id === 'deep-chat') await page.evaluate(`window.__history = ${history}`);
          const cdp = await openCdp(page);
          const emptyHeap = await heapUsed(cdp);
          const opened = (await page.evaluate(c.open)) as Pick<
            LongThreadRun,
            'openMs' | 'messages' | 'openedAtBottom'
          >;
          step(`opened in ${Math.round(opened.openMs)} ms, ${opened.messages} messages`);
          if (c.id === 'deep-chat') await page.evaluate('delete window.__history');
          const heapBytes = await heapUsed(cdp);
          step('heap measured');
          await page.waitForTimeout(200);
          const scroll = (await page.evaluate(
            scrollScript(c.list, options.scrollSteps),
          )) as FrameStats & {
            scrolledFrom: number;
          };
          step('scrolled');
          if (run < 0) return;
          rows[i]!.runs.push({
            ...opened,
            heapBytes,
            heapGrowthBytes: heapBytes - emptyHeap,
            scroll,
          });
        });
      } catch (error) {
        if (run < 0) continue;
        errors[i]!.push((error as Error).message.split('\n')[0]!);
      }
    }
  }
  rows.forEach((row, i) => {
    const runs = row.runs;
    if (runs.length) {
      row.summary = {
        openMs: summarize(runs.map((r) => r.openMs)),
        heapBytes: summarize(runs.map((r) => r.heapBytes)),
        heapGrowthBytes: summarize(runs.map((r) => r.heapGrowthBytes)),
        droppedFrames: summarize(runs.map((r) => r.scroll.droppedFrames)),
        longestFrame: summarize(runs.map((r) => r.scroll.longestFrame)),
        longestTask: summarize(runs.map((r) => r.scroll.longestTask)),
      };
    }
    if (errors[i]!.length) row.error = `${errors[i]!.length} failed: ${errors[i]![0]}`;
    if (!candidates[i]!.available) row.error = 'unavailable';
  });
  return rows;
}
