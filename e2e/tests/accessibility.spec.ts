// Journey 9: axe-core finds no violations on the host page with the panel open
// (signed in, after a reply), nor on the third-party page.
import {
  axeViolations,
  expect,
  launcher,
  openLauncher,
  sendMessage,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

test('axe: no violations on the host page with the chat panel open', async ({ page, demo }) => {
  await page.goto(`${demo.mainOrigin}/`);
  expect(await axeViolations(page), 'signed-out host page').toEqual([]);

  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);
  await sendMessage(widget, 'Give me a short **markdown** answer with a list');
  expect(await axeViolations(page)).toEqual([]);
});

test('axe: no violations on the third-party page with the chat panel open', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.embedOrigin}/`);
  await expect(page.locator('#session-pill')).toHaveAttribute('data-state', 'guest');
  const widget = launcher(page, '#embed-chat');
  await openLauncher(widget);
  expect(await axeViolations(page)).toEqual([]);
});
