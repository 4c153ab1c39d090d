// Journey 8: on a 390×844 phone viewport the open panel covers the screen and
// is usable: type, send, read the answer, close.
import {
  expect,
  launcher,
  openLauncher,
  part,
  sendMessage,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('mobile 390×844: the panel is full-screen and usable', async ({ page, demo }) => {
  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);

  const box = await part(widget, 'panel').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeLessThanOrEqual(1);
  expect(box!.y).toBeLessThanOrEqual(1);
  expect(box!.width).toBeGreaterThanOrEqual(389);
  expect(box!.height).toBeGreaterThanOrEqual(843);

  // Composer and close button are on screen and reachable.
  for (const name of ['input', 'send-button']) {
    const b = await part(widget, name).boundingBox();
    expect(b, name).not.toBeNull();
    expect(b!.y + b!.height, name).toBeLessThanOrEqual(844);
    expect(b!.x + b!.width, name).toBeLessThanOrEqual(390);
  }
  const reply = await sendMessage(widget, 'Hello from a phone');
  await expect(reply).toBeInViewport();
  const replyBox = await reply.boundingBox();
  expect(replyBox!.width).toBeLessThanOrEqual(390);
  // No horizontal scrolling of the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await widget.getByRole('button', { name: 'Close chat' }).first().tap();
  await expect(part(widget, 'panel')).toBeHidden();
  await expect(widget.getByRole('button', { name: 'Open chat' })).toBeVisible();
});
