// Journey 1: a new user signs up on the host page, chats through the launcher
// (the answer streams in as rendered Markdown), reloads and finds the thread
// in the history.
import {
  assistantMessages,
  expect,
  launcher,
  openLauncher,
  part,
  sendMessage,
  signUpOnHostPage,
  squash,
  test,
  userMessages,
} from '../fixtures.ts';

test('new user signs up, chats with a streamed Markdown answer, finds the thread after a reload', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.mainOrigin}/`);
  await expect(page.locator('#signed-out')).toBeVisible();
  await signUpOnHostPage(page, demo);
  await expect(page.locator('#tm-status')).toHaveText('signed-in');

  const widget = launcher(page);
  await openLauncher(widget);

  const streamed = page.waitForResponse(
    (res) =>
      res.url() === `${demo.mainOrigin}/api/chatkit` &&
      res.request().postData()?.includes('"threads.create"') === true,
  );
  const question = 'Show me some markdown please';
  const reply = await sendMessage(widget, question);
  const response = await streamed;
  expect(response.headers()['content-type']).toContain('text/event-stream');
  expect(response.request().headers().authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

  // Rendered Markdown, not the raw syntax.
  await expect(reply.locator('strong, em, code, li, h1, h2, h3, pre').first()).toBeVisible();
  await expect(reply).not.toContainText('**');
  await expect(userMessages(widget)).toContainText(question);
  const answer = squash(await reply.textContent());
  expect(answer.length).toBeGreaterThan(0);

  await page.reload();
  await expect(page.locator('#signed-in')).toBeVisible();
  await openLauncher(widget);
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  const item = part(widget, 'history-item-button');
  await expect(item).toHaveCount(1);
  await item.click();
  await expect(userMessages(widget)).toContainText(question);
  await expect
    .poll(async () => squash(await assistantMessages(widget).first().textContent()))
    .toBe(answer);
});

/** Text without whitespace: the same message rendered live and from history may differ only in that. */
