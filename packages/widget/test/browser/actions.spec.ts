// Per-message actions against the fixture site's real ChatKit handler: Copy on
// every message, 👍/👎 on replies (items.feedback, the choice shown with
// aria-pressed, chat-feedback fired), Retry on the latest reply at any time,
// `no-feedback` hiding the thumbs; axe finds nothing in the action rows.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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

/** Sends a message and waits for its reply to finish. */
async function exchange(page: Page, text: string) {
  await send(page, text);
  await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
  await expect(assistantMessages(page).last()).toHaveAttribute('aria-busy', 'false');
}

test.describe('message actions', () => {
  test.beforeEach(async ({ page, site }) => {
    await signIn(page, site);
  });

  test('copy a user message and a reply', async ({ page, site, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await openPage(page, site, { open: '' });
    await exchange(page, 'copy me please');
    const copyUser = userMessages(page).first().locator('[part~="copy-message-button"]');
    await expect(copyUser).toHaveAccessibleName('Copy message');
    await copyUser.click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('copy me please');
    await expect(copyUser).toHaveAccessibleName('Copied');
    await expect(copyUser).toHaveAccessibleName('Copy message');
    const reply = assistantMessages(page).first();
    await reply.locator('[part~="copy-message-button"]').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('copy me please');
    // The reply's own text, not the buttons' labels.
    expect(copied).not.toContain('Good response');
  });

  test('👍/👎: items.feedback, the choice shown, chat-feedback fired', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await exchange(page, 'rate this');
    const reply = assistantMessages(page).first();
    const good = reply.getByRole('button', { name: 'Good response' });
    const bad = reply.getByRole('button', { name: 'Bad response' });
    await expect(good).toHaveAttribute('aria-pressed', 'false');
    await expect(bad).toHaveAttribute('aria-pressed', 'false');
    // The user's own message has no thumbs.
    await expect(userMessages(page).first().locator('[part~="feedback-button"]')).toHaveCount(0);
    const before = site.chatkitRequests.length;
    await good.click();
    await expect(good).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await events(page, 'chat-feedback')).length).toBe(1);
    const threadId = await page.locator('chat-widget').getAttribute('thread-id');
    const itemId = await reply.getAttribute('data-id');
    expect((await events(page, 'chat-feedback'))[0]?.detail).toEqual({
      threadId,
      itemIds: [itemId],
      kind: 'positive',
    });
    expect(site.chatkitRequests.slice(before)).toEqual(['items.feedback']);
    expect(site.chatkitStatuses.at(-1)).toBe(200);
    // Changing one's mind: 👎 pressed, 👍 released.
    await bad.click();
    await expect(bad).toHaveAttribute('aria-pressed', 'true');
    await expect(good).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await events(page, 'chat-feedback')).length).toBe(2);
    expect((await events(page, 'chat-feedback'))[1]?.detail).toMatchObject({ kind: 'negative' });
  });

  test('a refused feedback is taken back and says why', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await exchange(page, 'rate this too');
    const good = assistantMessages(page).first().getByRole('button', { name: 'Good response' });
    site.failNext(1, 500);
    await good.click();
    await expect(part(page, 'error')).toContainText('Could not save feedback');
    await expect(good).toHaveAttribute('aria-pressed', 'false');
    expect(await events(page, 'chat-feedback')).toEqual([]);
  });

  test('Retry on the latest reply answers the last message again', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await exchange(page, 'first question');
    await exchange(page, 'second question');
    // Only the latest reply offers Retry.
    await expect(
      assistantMessages(page).first().locator('[part~="retry-response-button"]'),
    ).toHaveCount(0);
    const retry = assistantMessages(page).last().getByRole('button', { name: 'Retry response' });
    const oldId = await assistantMessages(page).last().getAttribute('data-id');
    const before = site.chatkitRequests.length;
    await retry.click();
    await expect
      .poll(async () => (await events(page, 'chat-response-end')).length, { timeout: 15_000 })
      .toBe(3);
    expect(site.chatkitRequests.slice(before)).toEqual(['threads.retry_after_item']);
    await expect(userMessages(page)).toHaveText(['first question', 'second question']);
    await expect(assistantMessages(page)).toHaveCount(2);
    const last = assistantMessages(page).last();
    await expect(last).toContainText('second question');
    expect(await last.getAttribute('data-id')).not.toBe(oldId);
    await expect(last.locator('[part~="retry-response-button"]')).toHaveCount(1);
    // Opened again, the stored thread has the new reply only.
    const threadId = (await page.locator('chat-widget').getAttribute('thread-id')) ?? '';
    await openPage(page, site, { open: '', 'thread-id': threadId });
    await expect(assistantMessages(page)).toHaveCount(2, { timeout: 15_000 });
    expect(await assistantMessages(page).last().getAttribute('data-id')).not.toBe(oldId);
  });

  test('no-feedback hides the thumbs; Copy and Retry stay', async ({ page, site }) => {
    await openPage(page, site, { open: '', 'no-feedback': '' });
    await exchange(page, 'no thumbs');
    const reply = assistantMessages(page).first();
    await expect(reply.locator('[part~="copy-message-button"]')).toHaveCount(1);
    await expect(reply.locator('[part~="retry-response-button"]')).toHaveCount(1);
    await expect(reply.locator('[part~="feedback-button"]')).toHaveCount(0);
    await page.locator('chat-widget').evaluate((el) => {
      (el as HTMLElement & { noFeedback: boolean }).noFeedback = false;
    });
    await expect(reply.locator('[part~="feedback-button"]')).toHaveCount(2);
  });

  test('axe: the action rows, with a choice made', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    await exchange(page, 'accessible actions');
    await assistantMessages(page).first().getByRole('button', { name: 'Good response' }).click();
    await expect(part(page, 'good-button')).toHaveAttribute('aria-pressed', 'true');
    const result = await new AxeBuilder({ page }).include('chat-widget').analyze();
    expect(result.violations).toEqual([]);
  });
});
