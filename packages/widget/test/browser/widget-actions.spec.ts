// Widgets inside <chat-widget> against the real ChatKit handler and the demo
// responder: the demo's order card (Track: threads.sync_custom_action; Cancel: a
// streamed threads.custom_action) and booking form, exact request bodies, the
// element's chat-widget-action event, axe and the strict CSP.
import AxeBuilder from '@axe-core/playwright';
import { events, expect, openPage, part, send, signIn, test } from './fixtures/test.ts';

const card = (page: import('@playwright/test').Page) =>
  page.locator('chat-widget [part~="widget-card"]').last();

test.describe('widgets in the chat', () => {
  test('the order card: Track updates it in place (sync), Cancel streams an update and a reply', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '' });
    await send(page, 'show my order');
    await expect(card(page).locator('.w-badge')).toHaveText('Processing');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    const threadId = (await events(page, 'chat-thread-change')).at(-1)?.detail as {
      threadId: string;
    };
    const itemId = await page
      .locator('chat-widget [part~="widget"][data-id]')
      .last()
      .getAttribute('data-id');

    const before = site.chatkitBodies.length;
    await card(page).getByRole('button', { name: 'Track' }).click();
    await expect(card(page).locator('.w-badge')).toHaveText('In transit');
    expect(site.chatkitBodies.slice(before)).toEqual([
      {
        type: 'threads.sync_custom_action',
        params: {
          thread_id: threadId.threadId,
          item_id: itemId,
          action: { type: 'order.track', payload: { order_id: 'A-1001' } },
        },
      },
    ]);

    await card(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(card(page).locator('.w-badge')).toHaveText('Cancelled');
    await expect(card(page).getByRole('button')).toHaveCount(0);
    await expect(page.locator('chat-widget [part~="assistant"]').last()).toContainText(
      'Order A-1001 is cancelled',
    );
    expect(site.chatkitBodies.at(-1)).toEqual({
      type: 'threads.custom_action',
      params: {
        thread_id: threadId.threadId,
        item_id: itemId,
        action: { type: 'order.cancel', payload: { order_id: 'A-1001' } },
      },
    });
    const fired = (await events(page, 'chat-widget-action')).map((e) => e.detail);
    expect(fired).toEqual([
      {
        action: {
          type: 'order.track',
          payload: { order_id: 'A-1001' },
          handler: 'server',
          loadingBehavior: 'self',
          streaming: false,
        },
        itemId,
        values: null,
      },
      {
        action: {
          type: 'order.cancel',
          payload: { order_id: 'A-1001' },
          handler: 'server',
          loadingBehavior: 'auto',
          streaming: true,
        },
        itemId,
        values: null,
      },
    ]);
    // Reloading the thread shows the stored (cancelled) card.
    await openPage(page, site, { open: '', 'thread-id': threadId.threadId });
    await expect(card(page).locator('.w-badge')).toHaveText('Cancelled');
  });

  test('the booking form sends its fields with the action and becomes a confirmation', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '' });
    await send(page, 'book a table please');
    const form = card(page);
    await expect(form.locator('form')).toBeVisible();
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    await form.getByLabel('Name').fill('Ada');
    await form.getByLabel('Guests').selectOption('4');
    await form.getByLabel('Date').fill('2026-12-24');
    await form.getByLabel('Terrace').check();
    await form.getByLabel('Email me a reminder').check();
    await form.getByRole('button', { name: 'Book table' }).click();
    await expect(form.locator('.w-badge')).toHaveText('Confirmed');
    await expect(form.locator('.w-text')).toHaveText('Ada, 4 guests, terrace, on 2026-12-24.');
    const body = site.chatkitBodies.at(-1) as { type: string; params: Record<string, unknown> };
    expect(body.type).toBe('threads.custom_action');
    expect(body.params.action).toEqual({
      type: 'booking.submit',
      payload: {
        restaurant: 'Demo bistro',
        name: 'Ada',
        guests: '4',
        date: '2026-12-24',
        seating: 'terrace',
        reminder: true,
      },
    });
    await expect(page.locator('chat-widget [part~="assistant"]').last()).toContainText(
      'Done: a table for 4',
    );
    expect(
      await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    ).toEqual([]);
    const scan = await new AxeBuilder({ page }).include('chat-widget').analyze();
    expect(scan.violations).toEqual([]);
  });

  test('a host that cancels chat-widget-action keeps the action from the server', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '' });
    await send(page, 'show my order');
    await expect(card(page).getByRole('button', { name: 'Cancel' })).toBeEnabled({
      timeout: 15_000,
    });
    await page.evaluate(() => {
      (window as unknown as { __cancelWidgetActions: boolean }).__cancelWidgetActions = true;
    });
    const before = site.chatkitRequests.length;
    await card(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => (await events(page, 'chat-widget-action')).length).toBe(1);
    await page.waitForTimeout(300);
    expect(site.chatkitRequests.length).toBe(before);
    await expect(card(page).locator('.w-badge')).toHaveText('Processing');
    await expect(card(page).getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });
});
