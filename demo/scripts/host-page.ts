// Drives the demo's host page for the scripts that need a signed-in chat (the screenshot,
// bench/suites/resume-latency.ts): signs up through its form and opens the launcher.
import type { Locator, Page } from '@playwright/test';

/**
 * Signs a new user up on the host page `page` shows (goto it first), waits for the
 * session, opens the launcher widget and returns it.
 */
export async function signUpAndOpenLauncher(
  page: Page,
  user: { name: string; email: string; password?: string },
): Promise<Locator> {
  const form = page.locator('#sign-up-form');
  await form.getByLabel('Name').fill(user.name);
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill(user.password ?? 'correct-horse-battery');
  await form.getByRole('button', { name: 'Sign up' }).click();
  await page.locator('#signed-in').waitFor();
  const widget = page.locator('#launcher-chat');
  await widget.getByRole('button', { name: 'Open chat' }).click();
  return widget;
}
