import {
  assistantMessages,
  expect,
  openPage,
  part,
  send,
  signIn,
  test,
  userMessages,
} from './fixtures/test.ts';

const idle = (page: import('@playwright/test').Page) =>
  expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });

test.describe('threads', () => {
  test.beforeEach(async ({ page, site }) => {
    await signIn(page, site);
  });

  test('new thread, history, open a past thread, rename, delete', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    const widget = page.locator('chat-widget');
    await send(page, 'first conversation');
    await idle(page);
    const firstId = await widget.getAttribute('thread-id');
    expect(firstId).toBeTruthy();

    await part(page, 'new-thread-button').click();
    await expect(widget).not.toHaveAttribute('thread-id', /./);
    await expect(part(page, 'greeting')).toBeVisible();
    await expect(part(page, 'input')).toBeFocused();
    await send(page, 'second conversation');
    await idle(page);
    const secondId = await widget.getAttribute('thread-id');
    expect(secondId).not.toBe(firstId);

    // History lists both, newest first.
    await part(page, 'history-button').click();
    const rows = part(page, 'history-item');
    await expect(rows).toHaveCount(2);
    expect(site.chatkitRequests).toContain('threads.list');
    await expect(rows.first()).toHaveAttribute('data-id', secondId!);

    // Open the first one: its messages come back from the server.
    await rows.nth(1).locator('[part~="history-item-button"]').click();
    await expect(part(page, 'history')).toHaveCount(0);
    await expect(widget).toHaveAttribute('thread-id', firstId!);
    await expect(userMessages(page)).toHaveText(['first conversation']);
    await expect(assistantMessages(page)).toContainText(['first conversation']);

    // Rename inline.
    await part(page, 'history-button').click();
    const row = part(page, 'history-item').nth(1);
    await row.locator('[part~="rename-button"]').click();
    const input = part(page, 'rename-input');
    await expect(input).toBeFocused();
    await input.fill('Renamed by test');
    await input.press('Enter');
    await expect(part(page, 'history-item').nth(1)).toContainText('Renamed by test');
    expect(site.chatkitRequests).toContain('threads.update');
    // The header shows the current thread's new title.
    await expect(part(page, 'title')).toHaveText('Renamed by test');

    // Escape cancels a rename.
    await part(page, 'history-item').nth(0).locator('[part~="rename-button"]').click();
    await part(page, 'rename-input').fill('should not stick');
    await part(page, 'rename-input').press('Escape');
    await expect(part(page, 'history-item').nth(0)).not.toContainText('should not stick');

    // Delete with confirmation (the current thread → back to a new conversation).
    await part(page, 'history-item').nth(1).locator('[part~="delete-button"]').click();
    await part(page, 'confirm-delete-button').click();
    await expect(part(page, 'history-item')).toHaveCount(1);
    expect(site.chatkitRequests).toContain('threads.delete');
    await expect(widget).not.toHaveAttribute('thread-id', /./);

    // After a reload the history still agrees with the server.
    await page.reload();
    await part(page, 'history-button').click();
    await expect(part(page, 'history-item')).toHaveCount(1);
    await expect(part(page, 'history-item')).toHaveAttribute('data-id', secondId!);
  });

  test('thread-id restores a conversation after reload, and setting it loads one', async ({
    page,
    site,
  }) => {
    await openPage(page, site, { open: '' });
    await send(page, 'remember me');
    await idle(page);
    const id = await page.locator('chat-widget').getAttribute('thread-id');
    await openPage(page, site, { open: '', 'thread-id': id! });
    await expect(userMessages(page)).toHaveText(['remember me']);
    await expect(assistantMessages(page)).toHaveCount(1);
    // Setting the property to null starts over; setting it back loads it again.
    await page.locator('chat-widget').evaluate((el: HTMLElement & { threadId: string | null }) => {
      el.threadId = null;
    });
    await expect(part(page, 'greeting')).toBeVisible();
    await page
      .locator('chat-widget')
      .evaluate((el: HTMLElement & { threadId: string | null }, v) => {
        el.threadId = v;
      }, id);
    await expect(userMessages(page)).toHaveText(['remember me']);
  });

  test('history paginates with "load more"', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await expect(part(page, 'input')).toBeEnabled();
    // 22 threads straight through the API with this user's JWT.
    const token = await page.evaluate(async () => {
      const res = await fetch('/api/auth/token');
      return ((await res.json()) as { token: string }).token;
    });
    await Promise.all(
      Array.from({ length: 22 }, (_, i) =>
        page.request
          .post(`${site.origin}/chatkit`, {
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            data: {
              type: 'threads.create',
              params: {
                input: {
                  content: [{ type: 'input_text', text: `thread ${i}` }],
                  attachments: [],
                  inference_options: {},
                },
              },
            },
          })
          .then((r) => r.body()),
      ),
    );
    await part(page, 'history-button').click();
    await expect(part(page, 'history-item')).toHaveCount(20);
    await part(page, 'load-more-button').click();
    await expect(part(page, 'history-item')).toHaveCount(22);
    await expect(part(page, 'load-more-button')).toHaveCount(0);
  });
});
