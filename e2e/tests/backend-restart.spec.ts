// Journey 6: the backend restarts mid-conversation. The widget shows a retry,
// nothing the user typed is lost, and the conversation continues after retry.
import {
  assistantMessages,
  type DemoServer,
  expect,
  launchDemo,
  launcher,
  openLauncher,
  part,
  sendMessage,
  signUpOnHostPage,
  test,
  userMessages,
} from '../fixtures.ts';

let demo: DemoServer;
test.beforeAll(async () => {
  demo = await launchDemo();
});
test.afterAll(async () => {
  await demo?.dispose();
});

test('backend restart mid-conversation: retry shown, typed text kept, conversation continues', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);
  await sendMessage(widget, 'First message before the restart');

  await demo.stop();
  const typed = 'Second message, typed while the server was down';
  const input = part(widget, 'input');
  await input.fill(typed);
  await input.press('Enter');

  const error = part(widget, 'error');
  await expect(error).toBeVisible({ timeout: 20_000 });
  const retry = part(widget, 'retry-button');
  await expect(retry).toBeVisible();
  // Nothing lost: the text is still in the composer or in the conversation.
  const inComposer = (await input.inputValue()) === typed;
  const inConversation = (await userMessages(widget).allInnerTexts()).some((t) =>
    t.includes(typed),
  );
  expect(inComposer || inConversation, 'typed text survives the failure').toBe(true);

  await demo.start();
  await retry.click();
  await expect(error).toHaveCount(0, { timeout: 20_000 });
  await expect(assistantMessages(widget)).toHaveCount(2, {
    timeout: 20_000,
  });
  await expect(part(widget, 'send-button')).toBeVisible({ timeout: 20_000 });
  const users = await userMessages(widget).allInnerTexts();
  expect(users.filter((t) => t.includes(typed))).toHaveLength(1);

  // And it keeps going.
  const third = await sendMessage(widget, 'Third message after the restart');
  await expect(third).not.toBeEmpty();
  await expect(error).toHaveCount(0);
  await expect(assistantMessages(widget)).toHaveCount(3);
});
