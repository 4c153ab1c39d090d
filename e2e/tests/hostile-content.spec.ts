// Journey 7: an assistant message full of markup (the demo responder echoes the
// user's words) renders as text: no element is injected, no dialog opens, no
// script runs, no javascript: link is produced.
import {
  assistantMessages,
  expect,
  launcher,
  openLauncher,
  part,
  sendMessage,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'; alert(1)">',
  '<svg onload="alert(2)"><circle r="1"/></svg>',
  '<a href="javascript:alert(3)">plain link</a>',
  '[markdown link](javascript:alert(4))',
  '<iframe src="javascript:alert(5)"></iframe>',
  '<div style="position:fixed;inset:0" onmouseover="alert(6)">cover</div>',
].join(' ');

test('hostile assistant content renders as text: no dialog, no script, no injected elements', async ({
  page,
  demo,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);
  const reply = await sendMessage(widget, HOSTILE);

  // The echo arrived and shows the markup as literal text.
  await expect(reply).toContainText('<script>');
  await expect(reply).toContainText('onerror');
  const panel = part(widget, 'panel');
  for (const selector of [
    'script',
    'img',
    'svg circle',
    'iframe',
    '[onerror]',
    '[onload]',
    '[onmouseover]',
    '[style*="inset"]',
  ]) {
    await expect(panel.locator(selector), selector).toHaveCount(0);
  }
  const hrefs = await panel
    .locator('a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs)
    expect(href.trim().toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);

  // Clicking whatever link text there is and hovering does nothing either.
  const link = reply.getByText('markdown link');
  if (await link.count()) await link.first().click({ noWaitAfter: true });
  await reply.hover();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
  ).toBeUndefined();

  // Same after a reload, when the message comes back from the store.
  await page.reload();
  await openLauncher(widget);
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  // The thread title comes from the message too: the history list shows it as text.
  const historyItem = part(widget, 'history-item-button').first();
  await expect(historyItem).toContainText('<script>');
  await expect(panel.locator('img, script, iframe, [onerror]')).toHaveCount(0);
  await historyItem.click();
  await expect(assistantMessages(widget).first()).toContainText('<script>');
  await expect(panel.locator('img, script, iframe, [onerror]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
