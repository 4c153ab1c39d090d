import { fileURLToPath } from 'node:url';
import { assistantMessages, expect, openPage, part, send, signIn, test } from './fixtures/test.ts';

// The committed images are refreshed only on request (UPDATE_DOCS=1); otherwise
// they go to the test's output folder so a test run leaves the tree clean.
const target = (name: string) =>
  process.env.UPDATE_DOCS
    ? fileURLToPath(new URL(`../../docs/${name}`, import.meta.url))
    : test.info().outputPath(name);

/** Waits for the panel's opening animation. */
const settled = (page: import('@playwright/test').Page) =>
  part(page, 'panel').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));

// Not an assertion of pixels: it refreshes the README's screenshots and checks
// the panel is laid out inside the viewport.
test('screenshot of the open panel', async ({ page, site }) => {
  await page.setViewportSize({ width: 900, height: 780 });
  await signIn(page, site);
  await openPage(page, site, {
    open: '',
    prompts: '["Summarise this page","What can you do?"]',
  });
  await send(page, 'Show me a tiny TypeScript example');
  await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
  await expect(assistantMessages(page)).toHaveCount(1);
  await settled(page);
  const box = await part(page, 'panel').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(900);
  expect(box!.y + box!.height).toBeLessThanOrEqual(780);
  await page.screenshot({ path: target('screenshot-panel.png') });
  await page.locator('chat-widget').evaluate((el) => el.setAttribute('theme', 'dark'));
  await page.screenshot({ path: target('screenshot-panel-dark.png') });
});

test('small screens: the launcher panel goes full-screen', async ({ page, site }) => {
  await page.setViewportSize({ width: 390, height: 700 });
  await signIn(page, site);
  await openPage(page, site, { open: '' });
  await settled(page);
  const box = await part(page, 'panel').boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 700 });
  await page.screenshot({ path: target('screenshot-mobile.png') });
  // The panel's own close button is reachable (the launcher is covered).
  await part(page, 'close-button').click();
  await expect(part(page, 'panel')).toHaveCount(0);
  await expect(part(page, 'launcher')).toBeFocused();
});
