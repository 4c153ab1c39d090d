// Branding and layouts: assistant name and avatars, the disclaimer line, header actions,
// prompts with icons, the labelled launcher; sidebar mode (docked on the right side in
// ltr and rtl, pushing the page when asked), auto-height inline mode and heading levels.
// UPDATE_DOCS=1 also refreshes the README's screenshots of them (docs/*.png).
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  assistantMessages,
  axeViolations,
  events,
  expect,
  openPage,
  part,
  sendMessage,
  signIn,
  test,
  userMessages,
} from './fixtures/test.ts';

const docs = async (page: Page, name: string, fullPage = false) => {
  if (process.env.UPDATE_DOCS)
    await page.screenshot({
      path: fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)),
      fullPage,
    });
};

const box = async (page: Page, name: string) => (await part(page, name).boundingBox())!;

test('branding: name, avatars, disclaimer, header actions, prompt icons, labelled launcher', async ({
  page,
  site,
}) => {
  await page.setViewportSize({ width: 900, height: 780 });
  await signIn(page, site);
  await openPage(page, site, {
    'assistant-name': 'Ada Support',
    'assistant-avatar': '/avatar.svg',
    'user-avatar': 'JD',
    'launcher-label': 'Ask us',
    disclaimer:
      'Ada can make mistakes. See our [privacy policy](https://example.com/privacy) and [this](javascript:alert(1)).',
    prompts: JSON.stringify([
      { label: 'Track an order', prompt: 'Where is order 42?', icon: 'spark' },
      'Plain prompt',
    ]),
  });
  const launcher = part(page, 'launcher');
  await expect(launcher).toHaveText('Ask us');
  await expect(launcher).toHaveAccessibleName('Ask us');
  await launcher.click();
  await page.locator('chat-widget').evaluate((el) => {
    (el as unknown as { headerActions: unknown }).headerActions = [
      { id: 'help', label: 'Help centre', icon: 'help' },
      { id: 'call', label: 'Call us', icon: 'phone' },
      { id: 'third', label: 'Dropped' },
    ];
  });

  // Header: avatar image, the name as title, two actions (a third is dropped).
  await expect(part(page, 'title')).toHaveText('Ada Support');
  await expect(part(page, 'header').locator('img[part~="assistant-avatar"]')).toHaveAttribute(
    'src',
    `${site.origin}/avatar.svg`,
  );
  const actions = part(page, 'header-action');
  await expect(actions).toHaveCount(2);
  await expect(actions.first()).toHaveAccessibleName('Help centre');
  await expect(actions.first().locator('svg')).toHaveCount(1);

  // Disclaimer: the http(s) link is a link opening a new tab; `javascript:` stays text.
  const disclaimer = part(page, 'disclaimer');
  await expect(disclaimer).toContainText('Ada can make mistakes.');
  const links = disclaimer.locator('a');
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute('href', 'https://example.com/privacy');
  await expect(links).toHaveAttribute('target', '_blank');
  await expect(links).toHaveAccessibleName('privacy policy (opens in a new tab)');
  await expect(disclaimer).toContainText('and this.');

  // Prompts: an object shows its label and icon and sends its prompt.
  const prompt = part(page, 'prompt').first();
  await expect(prompt).toHaveText('Track an order');
  await expect(prompt.locator('svg')).toHaveCount(1);
  await prompt.click();
  await expect(userMessages(page).first()).toContainText('Where is order 42?');
  await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
  const reply = assistantMessages(page).first();
  await expect(reply).toHaveAccessibleName('Ada Support');
  await expect(reply.locator('img[part~="assistant-avatar"]')).toHaveCount(1);
  await expect(userMessages(page).first().locator('[part~="user-avatar"]')).toHaveText('JD');
  // Named, the thread's title moves under the name.
  await expect(part(page, 'subtitle')).not.toBeEmpty();

  // Header actions fire chat-header-action from the keyboard.
  await actions.first().focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(actions.nth(1)).toBeFocused();
  await page.keyboard.press('Space');
  expect((await events(page, 'chat-header-action')).map((e) => e.detail)).toEqual([
    { id: 'help' },
    { id: 'call' },
  ]);

  expect(await axeViolations(page, 'chat-widget')).toEqual([]);
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await docs(page, 'screenshot-branded.png');

  // A `javascript:` avatar is refused: the initials of the name instead.
  await page.locator('chat-widget').evaluate((el) => {
    el.setAttribute('assistant-avatar', 'javascript:alert(1)');
  });
  const avatar = part(page, 'header').locator('[part~="assistant-avatar"]');
  await expect(avatar).toHaveText('AS');
  await expect(page.locator('chat-widget img[src^="javascript"]')).toHaveCount(0);
});

test('sidebar: docked full height at the end side in ltr and rtl, pushes the page when asked', async ({
  page,
  site,
}) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await signIn(page, site);
  await openPage(page, site, { mode: 'sidebar', open: '', push: '', 'assistant-name': 'Ada' });
  const widget = page.locator('chat-widget');
  await expect(part(page, 'input')).toBeEditable();
  let panel = await box(page, 'panel');
  expect(panel).toEqual({ x: 1200 - panel.width, y: 0, width: 380, height: 800 });
  await expect(widget).toHaveAttribute('docked', 'right');
  // Pushed: the page's content ends where the sidebar starts.
  const main = (await page.locator('main').boundingBox())!;
  expect(main.x + main.width).toBeLessThanOrEqual(1200 - 380);
  expect(await page.evaluate(() => getComputedStyle(document.body).marginRight)).toBe('380px');
  await expect(part(page, 'panel')).toHaveAttribute('role', 'region');
  expect(await axeViolations(page, 'chat-widget')).toEqual([]);
  await sendMessage(page, 'Docked to the side');
  await docs(page, 'screenshot-sidebar.png');

  // Closed: the launcher is back, the page gets its margin back.
  await part(page, 'close-button').click();
  await expect(part(page, 'panel')).toHaveCount(0);
  await expect(part(page, 'launcher')).toBeFocused();
  await expect(widget).not.toHaveAttribute('docked');
  expect(await page.evaluate(() => getComputedStyle(document.body).marginRight)).toBe('0px');

  // side="start" in ltr: the left edge.
  await widget.evaluate((el) => {
    el.setAttribute('side', 'start');
    el.removeAttribute('push');
    el.setAttribute('open', '');
  });
  await expect(widget).toHaveAttribute('docked', 'left');
  expect((await box(page, 'panel')).x).toBe(0);

  // Arabic: the end side is the left edge; overlaying, the body keeps its margin.
  await openPage(page, site, { mode: 'sidebar', open: '', locale: 'ar' });
  await expect(part(page, 'title')).toHaveText('الدردشة');
  await expect(widget).toHaveAttribute('docked', 'left');
  panel = await box(page, 'panel');
  expect(panel).toEqual({ x: 0, y: 0, width: 380, height: 800 });
  expect(await page.evaluate(() => getComputedStyle(document.body).marginLeft)).toBe('0px');
  expect(await axeViolations(page, 'chat-widget')).toEqual([]);
});

test('auto-height grows with its content without an inner scrollbar; heading-level shifts headings', async ({
  page,
  site,
}) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await signIn(page, site);
  await openPage(page, site, { mode: 'inline', 'auto-height': '', 'heading-level': '3' });
  const widget = page.locator('chat-widget');
  await expect(part(page, 'input')).toBeEditable();
  const before = (await widget.boundingBox())!.height;
  const reply = await sendMessage(page, 'one two three four five six seven eight');
  await sendMessage(page, 'and a second question to grow past the viewport');
  const after = (await widget.boundingBox())!.height;
  expect(after).toBeGreaterThan(before);
  // Taller than the viewport: the page scrolls, the conversation does not.
  expect(after).toBeGreaterThan(700);
  const messages = part(page, 'messages');
  expect(await messages.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(700);
  // The reply's "## You said" is one below heading-level 3; the title one above.
  await expect(reply.locator('h4')).toHaveText('You said');
  await expect(reply.locator('h2')).toHaveCount(0);
  await expect(part(page, 'title')).toHaveAttribute('aria-level', '2');
  // A wide panel (here 850px) shows a header action's label beside its icon.
  await widget.evaluate((el) => {
    (el as unknown as { headerActions: unknown }).headerActions = [
      { id: 'help', label: 'Help centre', icon: 'help' },
    ];
  });
  const label = part(page, 'header-action').locator('span');
  await expect(label).toHaveText('Help centre');
  expect(await label.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(40);
  await docs(page, 'screenshot-auto-height.png', true);
});
