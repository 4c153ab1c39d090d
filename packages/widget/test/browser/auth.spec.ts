import { type Fixture, startFixture } from './fixtures/server.ts';
import {
  assistantMessages,
  events,
  expect,
  openPage,
  part,
  send,
  signIn,
  test,
} from './fixtures/test.ts';

test.describe('auth states', () => {
  test('signed out: says so; Sign in (handled by the host) recovers by itself', async ({
    page,
    site,
  }) => {
    await openPage(page, site, { signin: 'host' });
    await part(page, 'launcher').click();
    await expect(part(page, 'signed-out')).toContainText('signed out');
    await expect(part(page, 'input')).toBeDisabled();
    // Opening put focus on the way forward.
    await expect(part(page, 'sign-in-button')).toBeFocused();
    const ready = await events(page, 'chat-ready');
    expect(ready[0]?.detail).toEqual({ status: 'signed-out' });
    await part(page, 'sign-in-button').click();
    await expect(part(page, 'signed-out')).toHaveCount(0);
    await expect(part(page, 'input')).toBeEnabled();
    await expect(part(page, 'input')).toBeFocused();
    const changes = await events(page, 'chat-auth-change');
    expect(changes.at(-1)?.detail).toMatchObject({ status: 'signed-in' });
    await send(page, 'hello after sign in');
    await expect(assistantMessages(page).first()).toContainText('hello after sign in');
  });

  test('signed out: the tab coming back (visible + focus) asks for a session once, not twice', async ({
    page,
    site,
  }) => {
    test.setTimeout(30_000);
    await openPage(page, site);
    await expect
      .poll(async () => (await events(page, 'chat-ready'))[0]?.detail)
      .toEqual({ status: 'signed-out' });
    // Past the token manager's re-check interval (5 s) since it learned the user is signed out.
    await page.waitForTimeout(5500);
    const signedOut = async () =>
      (await events(page, 'chat-auth-change')).filter(
        (e) => (e.detail as { status: string }).status === 'signed-out',
      ).length;
    const before = site.auth.tokenRequests();
    const answersBefore = await signedOut();
    // Switching back to a tab: it becomes visible, and a moment later the window gets focus.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => site.auth.tokenRequests()).toBe(before + 1);
    await expect.poll(signedOut).toBe(answersBefore + 1); // the 401 landed: signed out again
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForTimeout(1000);
    expect(site.auth.tokenRequests()).toBe(before + 1);
  });

  test('Sign in navigates to sign-in-url when the host does not handle it', async ({
    page,
    site,
  }) => {
    await openPage(page, site, { open: '', 'sign-in-url': '/login?from=chat' });
    await part(page, 'sign-in-button').click();
    await page.waitForURL(/\/login\?from=chat$/);
  });

  test('sign-out from the widget drops to the signed-out panel', async ({ page, site }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '' });
    await expect(part(page, 'input')).toBeEnabled();
    await page
      .locator('chat-widget')
      .evaluate((el: HTMLElement & { signOut(): Promise<void> }) => el.signOut());
    await expect(part(page, 'signed-out')).toBeVisible();
  });
});

test.describe('token expiry', () => {
  // Short, so outliving two lifetimes takes seconds; still long next to a /token round trip.
  const LIFETIME_S = 2;
  let short: Fixture;
  test.beforeAll(async () => {
    short = await startFixture({ jwtExpiresIn: LIFETIME_S });
  });
  test.afterAll(async () => {
    await short.close();
  });

  test('an expiring JWT is renewed silently during a conversation', async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, short);
    await openPage(page, short, { open: '' });
    await send(page, 'before expiry');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    const tokensBefore = short.auth.tokenRequests();
    // Outlive two token lifetimes.
    await page.waitForTimeout(2 * LIFETIME_S * 1000 + 500);
    await send(page, 'after expiry');
    await expect(assistantMessages(page).nth(1)).toContainText('after expiry', { timeout: 15_000 });
    expect(short.auth.tokenRequests()).toBeGreaterThan(tokensBefore);
    expect(await events(page, 'chat-error')).toEqual([]);
    const statuses = (await events(page, 'chat-auth-change')).map(
      (e) => (e.detail as { status: string }).status,
    );
    expect(statuses).not.toContain('signed-out');
    expect(statuses).not.toContain('error');
  });
});
