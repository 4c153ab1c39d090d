// A long thread opens on its latest page (items.list newest first) and loads
// older pages as the user scrolls toward the top, keeping what they read in
// place. The ChatKit endpoint is routed to a 200-item thread paged as the
// ChatKit handler pages it.
import type { Page, Route } from '@playwright/test';
import { expect, openPage, part, signIn, test } from './fixtures/test.ts';

const COUNT = 200;
const at = { thread_id: 'thr_long', created_at: '2025-01-02T03:04:05' };
const items = Array.from({ length: COUNT }, (_, n) =>
  n % 2 === 0
    ? {
        id: `m${n}`,
        ...at,
        type: 'user_message',
        content: [{ type: 'input_text', text: `Question ${n}` }],
        attachments: [],
        inference_options: {},
      }
    : {
        id: `m${n}`,
        ...at,
        type: 'assistant_message',
        content: [
          { type: 'output_text', text: `Answer ${n}\n\nwith a second paragraph`, annotations: [] },
        ],
      },
);

function pageOf(order: 'asc' | 'desc', limit: number, after?: string) {
  const list = order === 'desc' ? [...items].reverse() : items;
  const start = after ? list.findIndex((i) => i.id === after) + 1 : 0;
  const data = list.slice(start, start + limit);
  const has_more = start + limit < list.length;
  return { data, has_more, ...(has_more ? { after: data.at(-1)!.id } : {}) };
}

/**
 * Serves the long thread; records the non-streaming requests. Pages of older
 * items wait for `release()` while `hold` is on.
 */
async function serveLongThread(page: Page) {
  const seen: { type: string; params: Record<string, unknown> }[] = [];
  const gate = { hold: false, waiting: [] as (() => void)[] };
  const release = () => {
    for (const go of gate.waiting.splice(0)) go();
  };
  await page.route('**/chatkit', async (route: Route) => {
    const request = route.request().postDataJSON() as {
      type: string;
      params: { order?: 'asc' | 'desc'; limit?: number; after?: string };
    };
    if (request.type === 'threads.get_by_id') {
      seen.push(request);
      return route.fulfill({
        json: {
          id: 'thr_long',
          title: 'Long',
          created_at: at.created_at,
          status: { type: 'active' },
          metadata: {},
          items: pageOf('asc', 20),
        },
      });
    }
    if (request.type === 'items.list') {
      seen.push(request);
      const { order = 'desc', limit = 20, after } = request.params;
      if (after && gate.hold) await new Promise<void>((go) => gate.waiting.push(go));
      return route.fulfill({ json: pageOf(order, limit, after) });
    }
    return route.fallback();
  });
  return { seen, gate, release };
}

const message = (page: Page, id: string) =>
  page.locator(`chat-widget [part~="message"][data-id="${id}"]`);
const messages = (page: Page) => page.locator('chat-widget [part~="message"]');

/** Where an element sits in the scrolling list (px from the list's top edge). */
const offsetIn = (page: Page, id: string) =>
  message(page, id).evaluate((el) => {
    const list = el.closest('[part~="messages"]')!;
    return el.getBoundingClientRect().top - list.getBoundingClientRect().top;
  });

const scrollTo = (page: Page, top: number) =>
  part(page, 'messages').evaluate((el, y) => {
    el.scrollTop = y;
  }, top);

test.describe('long threads', () => {
  test.beforeEach(async ({ page, site }) => {
    await signIn(page, site);
  });

  test('opens on the latest page; older pages load while scrolling up, the reading position kept', async ({
    page,
    site,
  }) => {
    const { seen, gate, release } = await serveLongThread(page);
    gate.hold = true;
    await openPage(page, site, { mode: 'inline', 'thread-id': 'thr_long' });
    // The latest message, at the bottom, from one page newest-first.
    await expect(message(page, `m${COUNT - 1}`)).toBeInViewport();
    await expect(messages(page)).toHaveCount(40);
    await expect(messages(page).first()).toHaveAttribute('data-id', `m${COUNT - 40}`);
    expect(seen.map((r) => [r.type, r.params])).toEqual([
      ['threads.get_by_id', { thread_id: 'thr_long' }],
      ['items.list', { thread_id: 'thr_long', order: 'desc', limit: 40 }],
    ]);
    await expect(part(page, 'load-older-button')).toHaveCount(1);

    // Near the top (and at the very top): the next page goes above the ones shown, and the
    // message the user was reading stays exactly where it was on screen.
    for (const [y, shown] of [
      [150, 40],
      [0, 80],
    ] as const) {
      await scrollTo(page, y);
      await expect.poll(() => seen.length).toBe(2 + shown / 40);
      await expect(part(page, 'older-status')).toHaveText('Loading earlier messages…');
      const anchor = `m${COUNT - shown}`;
      const before = await offsetIn(page, anchor);
      release();
      await expect(messages(page)).toHaveCount(shown + 40);
      expect(seen.at(-1)?.params).toEqual({
        thread_id: 'thr_long',
        order: 'desc',
        limit: 40,
        after: anchor,
      });
      expect(Math.abs((await offsetIn(page, anchor)) - before)).toBeLessThanOrEqual(1);
      await expect(messages(page).first()).toHaveAttribute('data-id', `m${COUNT - shown - 40}`);
    }

    // Keep going up until the first message of the thread.
    gate.hold = false;
    for (let n = 0; n < 5 && (await messages(page).count()) < COUNT; n++) {
      const count = await messages(page).count();
      await scrollTo(page, 0);
      await expect(messages(page)).not.toHaveCount(count);
    }
    await expect(messages(page)).toHaveCount(COUNT);
    await expect(messages(page).first()).toHaveAttribute('data-id', 'm0');
    await expect(part(page, 'load-older-button')).toHaveCount(0);
    expect(seen.filter((r) => r.type === 'items.list')).toHaveLength(COUNT / 40);
  });

  test('"Show earlier messages" loads the previous page by keyboard', async ({ page, site }) => {
    await serveLongThread(page);
    await openPage(page, site, { mode: 'inline', 'thread-id': 'thr_long' });
    await expect(messages(page)).toHaveCount(40);
    await expect(message(page, `m${COUNT - 1}`)).toBeInViewport();
    const button = part(page, 'load-older-button');
    await expect(button).toHaveText('Show earlier messages');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(messages(page)).toHaveCount(80);
  });
});
