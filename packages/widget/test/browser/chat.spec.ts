import {
  assistantMessages,
  events,
  expect,
  openPage,
  part,
  send,
  signIn,
  test,
  userMessages,
} from './fixtures/test.ts';

test.describe('chat', () => {
  test.beforeEach(async ({ page, site }) => {
    await signIn(page, site);
  });

  test('sends a message and streams the reply into the panel', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await expect(part(page, 'greeting')).toBeVisible();
    await send(page, 'hello streaming world');
    await expect(userMessages(page)).toHaveText(['hello streaming world']);
    // While streaming, the send button is the stop button and the message is busy.
    await expect(part(page, 'stop-button')).toBeVisible();
    await expect(assistantMessages(page).first()).toHaveAttribute('aria-busy', 'true');
    await expect(assistantMessages(page).first()).toContainText('You said');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    const reply = assistantMessages(page).first();
    await expect(reply).toHaveAttribute('aria-busy', 'false');
    await expect(reply).toContainText('hello streaming world');
    // The thread exists now and is reflected to the attribute.
    await expect(page.locator('chat-widget')).toHaveAttribute('thread-id', /.+/);
    expect(site.chatkitRequests).toContain('threads.create');
    const ends = await events(page, 'chat-response-end');
    expect(ends.at(-1)?.detail).toMatchObject({ reason: 'complete' });
    // A second message goes to the same thread.
    await send(page, 'second');
    await expect(assistantMessages(page)).toHaveCount(2);
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    expect(site.chatkitRequests).toContain('threads.add_user_message');
  });

  test('a prompt chip sends its text', async ({ page, site }) => {
    await openPage(page, site, { open: '', prompts: '["What can you do?","Tell me a joke"]' });
    await part(page, 'prompt').filter({ hasText: 'Tell me a joke' }).click();
    await expect(userMessages(page)).toHaveText(['Tell me a joke']);
    await expect(assistantMessages(page).first()).toContainText('Tell me a joke');
  });

  test('stop keeps the partial text and aborts the request', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await send(page, 'please be [[slow]] about this long answer');
    const reply = assistantMessages(page).first();
    await expect(reply).toContainText('You said');
    await part(page, 'stop-button').click();
    await expect(part(page, 'send-button')).toBeVisible();
    await expect(reply.locator('[part~="note"]')).toHaveText('Stopped');
    const partial = await reply.textContent();
    await page.waitForTimeout(800);
    // Nothing more arrives after the stop.
    expect(await reply.textContent()).toBe(partial);
    expect(partial).not.toContain('offline demo responder');
    const ends = await events(page, 'chat-response-end');
    expect(ends.at(-1)?.detail).toMatchObject({ reason: 'stopped' });
    // The composer works again.
    await send(page, 'after stop');
    await expect(assistantMessages(page)).toHaveCount(2);
  });

  test('an in-stream error shows Retry, which re-answers the same message', async ({
    page,
    site,
  }) => {
    await openPage(page, site, { open: '' });
    await send(page, 'break [[error]] now');
    const error = part(page, 'error');
    await expect(error).toBeVisible({ timeout: 15_000 });
    await expect(error).toHaveAttribute('role', 'alert');
    expect((await events(page, 'chat-error')).length).toBeGreaterThan(0);
    await expect(part(page, 'retry-button')).toBeVisible();
    const before = site.chatkitRequests.length;
    await part(page, 'retry-button').click();
    // The retried answer errors again (same trigger): wait for the second response to end.
    await expect
      .poll(async () => (await events(page, 'chat-response-end')).length, { timeout: 15_000 })
      .toBe(2);
    expect(site.chatkitRequests.slice(before)).toEqual(['threads.retry_after_item']);
    // Still one user message, and one error (the new one), not duplicated.
    await expect(userMessages(page)).toHaveCount(1);
    await expect(part(page, 'error')).toHaveCount(1);
    expect((await events(page, 'chat-error')).length).toBe(2);
  });

  test('an HTTP failure restores the draft and Retry resends it', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await expect(part(page, 'input')).toBeEnabled();
    site.failNext(1, 503);
    await send(page, 'this one fails first');
    await expect(part(page, 'error')).toContainText('503');
    // The message never reached the server: it is back in the composer, not in the list.
    await expect(part(page, 'input')).toHaveValue('this one fails first');
    await expect(userMessages(page)).toHaveCount(0);
    await part(page, 'retry-button').click();
    await expect(userMessages(page)).toHaveText(['this one fails first']);
    await expect(assistantMessages(page).first()).toContainText('this one fails first');
    await expect(part(page, 'error')).toHaveCount(0);
  });

  test('code blocks have a working copy button', async ({ page, site, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await openPage(page, site, { open: '' });
    await send(page, 'copy me');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    const copy = page.locator('chat-widget [part~="assistant"] pre').first();
    await expect(copy).toContainText('const echo');
    const button = page.locator('chat-widget [part~="copy-button"]').first();
    await button.click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('const echo = "copy me";');
  });

  test('auto-scroll pauses when the user scrolls up, and "jump to latest" resumes', async ({
    page,
    site,
  }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await openPage(page, site, { open: '' });
    await send(page, 'one two three four five six seven');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    await send(page, 'eight nine ten [[slow]] eleven twelve');
    const list = part(page, 'messages');
    await expect(assistantMessages(page).nth(1)).toContainText('You said');
    await list.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    await expect(part(page, 'jump-button')).toBeVisible();
    await page.waitForTimeout(400);
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    await part(page, 'jump-button').click();
    await expect(part(page, 'jump-button')).toHaveCount(0);
    const gap = await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(gap).toBeLessThan(60);
    await part(page, 'stop-button').click();
  });
});
