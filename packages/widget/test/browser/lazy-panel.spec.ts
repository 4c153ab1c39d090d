// The script-tag build as shipped (dist/cdn: chat-widget.js → loader chunk → panel chunk):
// what a page downloads before anyone shows intent, when the panel's code comes, and that
// two copies on one page get along. Runs under the fixture's strict CSP (script-src and
// style-src 'self'); the cross-origin case is e2e/tests/third-party-embed.spec.ts.
import type { Page } from '@playwright/test';
import { events, expect, openPage, part, sendMessage, signIn, test } from './fixtures/test.ts';

/** Paths of the widget's scripts the page requested, in order (the host's own page.js aside). */
function widgetScripts(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/cdn2?\/.*\.js$/.test(pathname)) seen.push(pathname);
  });
  return seen;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** Opens the built page with time standing still (the idle prefetch cannot fire on its own). */
async function openStill(page: Page, site: Parameters<typeof openPage>[1]): Promise<string[]> {
  await signIn(page, site);
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  const scripts = widgetScripts(page);
  await openPage(page, site, { script: 'cdn' });
  await expect(part(page, 'launcher')).toBeVisible();
  await expect.poll(async () => (await events(page, 'chat-ready')).length).toBe(1);
  // Before any intent: the script-tag file and the loader chunk, nothing else.
  expect(scripts).toEqual([
    '/cdn/chat-widget.js',
    expect.stringMatching(/^\/cdn\/chunks\/loader-[\w-]+\.js$/),
  ]);
  return scripts;
}

const panelRequest = (page: Page) =>
  page.waitForRequest((r) => /\/cdn\/chunks\/panel-[\w-]+\.js$/.test(r.url()));

test('only the loader loads up front; hovering the launcher fetches the panel; it chats', async ({
  page,
  site,
}) => {
  await openStill(page, site);
  const panel = panelRequest(page);
  await part(page, 'launcher').hover();
  await panel;
  // Replies render on animation frames: let time flow again.
  await page.clock.resume();
  await part(page, 'launcher').click();
  await expect(part(page, 'input')).toBeEnabled();
  await expect(part(page, 'input')).toBeFocused();
  const reply = await sendMessage(page, 'Hello from the split build');
  await expect(reply).toContainText('Hello from the split build');
  expect(await violations(page)).toEqual([]);
});

test('a page left alone fetches the panel when idle', async ({ page, site }) => {
  const scripts = await openStill(page, site);
  const panel = panelRequest(page);
  await page.clock.runFor(10_000);
  await panel;
  expect(scripts).toHaveLength(3);
});

test('two copies on a page (twice the same tag, and a second copy elsewhere); inline loads at once', async ({
  page,
  site,
}) => {
  await signIn(page, site);
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const scripts = widgetScripts(page);
  await openPage(page, site, { script: 'cdn', copies: '2', mode: 'inline' });
  // Inline: the panel is shown, so its code is fetched without any intent.
  await expect(part(page, 'input')).toBeEnabled();
  const reply = await sendMessage(page, 'Two copies, one widget');
  await expect(reply).toContainText('Two copies, one widget');
  expect(errors).toEqual([]);
  // The same file twice is one module graph: no second definition attempt at all.
  // The copy at another URL is another class: it warns and leaves the first in place.
  await expect
    .poll(() => warnings.filter((w) => w.includes('is already defined')))
    .toEqual([expect.stringMatching(/^<chat-widget> is already defined \(version [\w.-]+\)/)]);
  expect(scripts.filter((s) => s.includes('/panel-'))).toEqual([
    expect.stringMatching(/^\/cdn\/chunks\//),
  ]);
  expect(await violations(page)).toEqual([]);
});
