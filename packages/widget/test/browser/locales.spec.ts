// Locale packs in the browser: picked from the `locale` attribute, the page's
// <html lang> or the browser's language; loaded on demand from next to the script
// under the strict CSP; Arabic mirrors the panel; plurals follow the language.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openPage, part, send, signIn, test } from './fixtures/test.ts';

/** The real reasoning stream of the Python SDK, its duration set to `seconds`. */
const reasoning = (seconds: number) =>
  readFileSync(
    new URL(
      '../../../../test-support/fixtures/chatkit/rich/reasoning.threads.create.response.sse',
      import.meta.url,
    ),
    'utf8',
  ).replace(/"duration":\s*4\b/g, `"duration":${seconds}`);

async function answerWith(page: Page, body: string) {
  await page.route('**/chatkit', async (route) => {
    const request = route.request().postDataJSON() as { type: string };
    if (request.type !== 'threads.create') return route.fallback();
    await route.fulfill({ status: 200, contentType: 'text/event-stream', body });
  });
}

/** Records CSP violations on the page. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.blockedURI));
  });
}

test.describe('locale packs', () => {
  test('ar (locale attribute): translated, mirrored, axe-clean, under the strict CSP', async ({
    page,
    site,
  }) => {
    await watchCsp(page);
    await signIn(page, site);
    const packs: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/locales/')) packs.push(new URL(r.url()).pathname);
    });
    await openPage(page, site, { locale: 'ar', open: '' });
    await expect(part(page, 'title')).toHaveText('الدردشة');
    expect(packs).toEqual(['/locales/ar.js']);
    const root = page.locator('chat-widget .root');
    await expect(root).toHaveAttribute('dir', 'rtl');
    await expect(root).toHaveAttribute('lang', 'ar');
    await expect(part(page, 'input')).toHaveAttribute('placeholder', 'رسالة…');
    await expect(part(page, 'send-button')).toHaveAccessibleName('إرسال الرسالة');
    // Mirrored: launcher and panel hug the left edge; the header starts on the right.
    const width = page.viewportSize()!.width;
    const launcher = (await part(page, 'launcher').boundingBox())!;
    const panel = (await part(page, 'panel').boundingBox())!;
    expect(launcher.x + launcher.width).toBeLessThan(width / 2);
    expect(panel.x).toBeLessThan(width - panel.x - panel.width);
    const title = (await part(page, 'title').boundingBox())!;
    const close = (await part(page, 'close-button').boundingBox())!;
    expect(close.x).toBeLessThan(title.x);
    const results = await new AxeBuilder({ page }).include('chat-widget').analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    ).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });

  test('English needs no pack; the launcher stays on the right', async ({ page, site }) => {
    await signIn(page, site);
    const packs: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/locales/')) packs.push(r.url());
    });
    await openPage(page, site, { open: '' });
    await expect(part(page, 'title')).toHaveText('Chat');
    await expect(page.locator('chat-widget .root')).toHaveAttribute('dir', 'ltr');
    const launcher = (await part(page, 'launcher').boundingBox())!;
    expect(launcher.x).toBeGreaterThan(page.viewportSize()!.width / 2);
    expect(packs).toEqual([]);
  });

  test("de (the page's <html lang>): texts, singular and plural, and `strings` still wins", async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { lang: 'de-AT', open: '', mode: 'inline' });
    await expect(part(page, 'input')).toHaveAttribute('placeholder', 'Nachricht…');
    await expect(part(page, 'send-button')).toHaveAccessibleName('Nachricht senden');
    // 62 s: one minute (singular) and two seconds (plural) in one line.
    await answerWith(page, reasoning(62));
    await send(page, 'denk nach');
    await expect(part(page, 'workflow-summary')).toHaveText('1 Minute 2 Sekunden nachgedacht');
    await page.evaluate(() => {
      const widget = document.querySelector('chat-widget') as HTMLElement & {
        strings: Record<string, unknown>;
      };
      widget.strings = { send: 'Los', seconds: { one: 'einer Sekunde', other: '{count} Sek.' } };
    });
    await expect(part(page, 'send-button')).toHaveAccessibleName('Los');
    await expect(part(page, 'input')).toHaveAttribute('placeholder', 'Nachricht…');
    await expect(part(page, 'workflow-summary')).toHaveText('1 Minute 2 Sek. nachgedacht');
  });

  test.describe('the browser language', () => {
    test.use({ locale: 'ja-JP' });
    test('ja (navigator.language): texts and the plural of a count', async ({ page, site }) => {
      await signIn(page, site);
      await openPage(page, site, { lang: '', open: '', mode: 'inline' });
      await expect(part(page, 'title')).toHaveText('チャット');
      await expect(part(page, 'input')).toHaveAttribute('placeholder', 'メッセージ…');
      await expect(page.locator('chat-widget .root')).toHaveAttribute('dir', 'ltr');
      await answerWith(page, reasoning(4));
      await send(page, '考えて');
      await expect(part(page, 'workflow-summary')).toHaveText('4秒間考えました');
    });
  });
});
