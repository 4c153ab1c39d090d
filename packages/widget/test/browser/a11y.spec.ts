import {
  assistantMessages,
  axeViolations,
  expect,
  openPage,
  part,
  signIn,
  test,
} from './fixtures/test.ts';

test.describe('accessibility', () => {
  test('keyboard only: open, type, send, stop, history, Escape back to the launcher', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site);
    const launcher = part(page, 'launcher');
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    // Tab from the top of the page reaches the launcher (after the host's link).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(part(page, 'panel')).toBeVisible();
    await expect(launcher).toHaveAttribute('aria-expanded', 'true');
    // Focus moved into the panel, onto the message box.
    const input = part(page, 'input');
    await expect(input).toBeFocused();
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two [[slow]]');
    await expect(input).toHaveValue('line one\nline two [[slow]]');
    await page.keyboard.press('Enter');
    // Focus sits on the (now stop) button; Enter stops.
    const stop = part(page, 'stop-button');
    await expect(stop).toBeFocused();
    await expect(assistantMessages(page).first()).toContainText('You said');
    await page.keyboard.press('Enter');
    await expect(part(page, 'send-button')).toBeVisible();
    await expect(input).toBeFocused();
    // Only the finished reply reaches the live region (not the streamed deltas).
    const log = page.locator('chat-widget [role="log"]');
    await expect(log).toHaveText('');

    // History via keyboard: Shift+Tab back to the header buttons.
    await part(page, 'history-button').focus();
    await page.keyboard.press('Enter');
    await expect(part(page, 'history')).toBeVisible();
    await expect(part(page, 'history-item')).toHaveCount(1);
    // Focus moved into the list; Tab walks its row (open, rename, delete).
    await expect(part(page, 'history-item-button')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(part(page, 'rename-button')).toBeFocused();
    // Escape closes history first, then the panel; focus returns to the launcher.
    await page.keyboard.press('Escape');
    await expect(part(page, 'history')).toHaveCount(0);
    await expect(part(page, 'history-button')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(part(page, 'panel')).toHaveCount(0);
    await expect(launcher).toBeFocused();
  });

  test('the live region announces completed replies only', async ({ page, site }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '' });
    const log = page.locator('chat-widget [role="log"]');
    await part(page, 'input').fill('announce this');
    await part(page, 'input').press('Enter');
    await expect(assistantMessages(page).first()).toContainText('You said');
    // Mid-stream, nothing announced yet.
    await expect(log).toHaveText('');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    await expect(log).toContainText('announce this');
    await expect(log.locator('p')).toHaveCount(1);
    // The rendered text is spoken, not markdown source or the copy button's label.
    const spoken = (await log.textContent()) ?? '';
    expect(spoken).toContain('You said');
    expect(spoken).not.toContain('##');
    expect(spoken).not.toContain('```');
    expect(spoken).not.toContain('Copied');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no violations (${theme} theme)`, async ({ page, site }) => {
      await signIn(page, site);
      await openPage(page, site, { open: '', theme, prompts: '["What can you do?"]' });
      await expect(part(page, 'greeting')).toBeVisible();
      await expect(part(page, 'input')).toBeEnabled();
      const scan = () => axeViolations(page, 'chat-widget');
      expect(await scan()).toEqual([]);
      // With a conversation (a long code line included), an error and the history open.
      site.failNext(1, 500);
      await part(page, 'input').fill(`fails ${'averyveryverylongwordthatmustnotscroll'.repeat(4)}`);
      await part(page, 'input').press('Enter');
      await expect(part(page, 'error')).toBeVisible();
      await part(page, 'retry-button').click();
      await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
      await expect(assistantMessages(page)).toHaveCount(1);
      expect(await scan()).toEqual([]);
      await part(page, 'history-button').click();
      await expect(part(page, 'history-item')).toHaveCount(1);
      expect(await scan()).toEqual([]);
    });
  }

  test('axe: signed-out panel and inline mode', async ({ page, site }) => {
    await openPage(page, site, { mode: 'inline' });
    await expect(part(page, 'signed-out')).toBeVisible();
    expect(await axeViolations(page, 'chat-widget')).toEqual([]);
  });
});
