import {
  assistantMessages,
  events,
  expect,
  openPage,
  part,
  signIn,
  test,
  userMessages,
} from './fixtures/test.ts';

type Widget = HTMLElement & {
  show(): void;
  hide(): void;
  toggle(): void;
  sendMessage(text: string): Promise<void>;
  setThread(id: string | null): Promise<void>;
  focusComposer(): Promise<void>;
  threadId: string | null;
  authStatus: string;
};

test.describe('public API', () => {
  test('show/hide/toggle fire chat-open/chat-close; hide does not steal focus from the page', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site);
    const widget = page.locator('chat-widget');
    await widget.evaluate((el: Widget) => el.show());
    await expect(part(page, 'panel')).toBeVisible();
    await expect(widget).toHaveAttribute('open', '');
    await expect(part(page, 'input')).toBeFocused();
    // The user goes back to the page; the host closes the chat.
    await page.locator('main a').focus();
    await widget.evaluate((el: Widget) => el.hide());
    await expect(part(page, 'panel')).toHaveCount(0);
    await expect(page.locator('main a')).toBeFocused();
    await widget.evaluate((el: Widget) => el.toggle());
    await expect(part(page, 'panel')).toBeVisible();
    expect(
      (await events(page))
        .filter((e) => e.type === 'chat-open' || e.type === 'chat-close')
        .map((e) => e.type),
    ).toEqual(['chat-open', 'chat-close', 'chat-open']);
  });

  test('sendMessage resolves after the reply; setThread switches threads; events carry details', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site);
    const widget = page.locator('chat-widget');
    await expect.poll(() => widget.evaluate((el: Widget) => el.authStatus)).toBe('signed-in');
    await widget.evaluate((el: Widget) => el.sendMessage('from the host'));
    // Resolved only once the reply was complete.
    await expect(assistantMessages(page)).toHaveCount(1);
    await expect(assistantMessages(page)).toHaveAttribute('aria-busy', 'false');
    const end = (await events(page, 'chat-response-end')).at(-1)?.detail as {
      threadId: string;
      itemId: string;
      text: string;
      reason: string;
    };
    expect(end.reason).toBe('complete');
    expect(end.text).toContain('from the host');
    expect(end.itemId).toBeTruthy();
    const first = end.threadId;
    expect(await widget.getAttribute('thread-id')).toBe(first);

    await widget.evaluate((el: Widget) => el.setThread(null));
    await expect(part(page, 'greeting')).toBeVisible();
    await widget.evaluate((el: Widget, id) => el.setThread(id), first);
    await expect(userMessages(page)).toHaveText(['from the host']);
    const changes = (await events(page, 'chat-thread-change')).map(
      (e) => (e.detail as { threadId: string | null }).threadId,
    );
    expect(changes).toContain(null);
    expect(changes.at(-1)).toBe(first);
    const starts = await events(page, 'chat-response-start');
    expect(starts.length).toBe(1);
  });

  test('a reply that finishes while the panel is closed marks the launcher unread', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '' });
    const input = part(page, 'input');
    await input.fill('tell me [[slow]] later');
    await input.press('Enter');
    await expect(assistantMessages(page).first()).toContainText('You said');
    await page.keyboard.press('Escape');
    await expect(part(page, 'panel')).toHaveCount(0);
    await expect(part(page, 'badge')).toBeVisible({ timeout: 20_000 });
    await expect(part(page, 'launcher')).toHaveAttribute('aria-label', 'Open chat (new reply)');
    await part(page, 'launcher').click();
    await expect(part(page, 'badge')).toHaveCount(0);
    await expect(part(page, 'launcher')).toHaveAttribute('aria-label', 'Close chat');
  });

  test('sendMessage rejects with a clear error when signed out', async ({ page, site }) => {
    await openPage(page, site);
    const widget = page.locator('chat-widget');
    await expect.poll(() => widget.evaluate((el: Widget) => el.authStatus)).toBe('signed-out');
    const message = await widget.evaluate((el: Widget) =>
      el.sendMessage('hello').then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(message).toMatch(/cannot send while signed-out/);
  });

  test('loading the script twice warns instead of throwing', async ({ page, site }) => {
    const errors: string[] = [];
    const warnings: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await openPage(page, site);
    await page.addScriptTag({ url: '/chat-widget.js' });
    await expect.poll(() => warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).toMatch(/<chat-widget> is already defined/);
    expect(errors).toEqual([]);
  });
});
