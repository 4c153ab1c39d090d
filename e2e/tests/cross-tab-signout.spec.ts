// Journey 3: signing out in one tab signs the widget out in another tab,
// without a reload.
import {
  expect,
  launcher,
  openLauncher,
  PASSWORD,
  part,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

test('sign out in one tab signs the widget out in the other tab', async ({ context, demo }) => {
  const first = await context.newPage();
  const email = await signUpOnHostPage(first, demo);

  const second = await context.newPage();
  await second.goto(`${demo.mainOrigin}/`);
  await expect(second.locator('#signed-in')).toBeVisible();
  const widget = launcher(second);
  await openLauncher(widget);
  await expect(second.locator('#tm-status')).toHaveText('signed-in');
  await expect(part(widget, 'signed-out')).toHaveCount(0);

  await first.locator('#sign-out').click();
  await expect(first.locator('#signed-out')).toBeVisible();

  // The other tab learns it from the token manager's broadcast, not from a reload.
  await expect(part(widget, 'signed-out')).toBeVisible({ timeout: 10_000 });
  await expect(second.locator('#tm-status')).toHaveText('signed-out');
  await expect(second.locator('#signed-out')).toBeVisible();
  // And the server agrees: no session, no token.
  const res = await second.request.get(`${demo.mainOrigin}/api/auth/token`);
  expect(res.status()).toBe(401);

  // Signing back in in the first tab brings the second tab's widget back too.
  const form = first.locator('#sign-in-form');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(first.locator('#signed-in')).toBeVisible();
  await expect(part(widget, 'signed-out')).toHaveCount(0, { timeout: 10_000 });
  await expect(second.locator('#tm-status')).toHaveText('signed-in');
  await expect(part(widget, 'input')).toBeEditable();
});
