// Journey 4: a page on another site (the embed origin) loads the widget script
// from the main origin. The guest chats cross-origin in bearer mode, then
// creates an account and keeps the conversation (Better Auth links the guest,
// the demo moves its threads to the new user id).
import {
  assistantMessages,
  expect,
  launcher,
  openLauncher,
  PASSWORD,
  part,
  sendMessage,
  squash,
  test,
  uniqueEmail,
  userMessages,
} from '../fixtures.ts';

test('guest chat on a third-party origin, then sign-up keeps the conversation', async ({
  page,
  demo,
}) => {
  expect(new URL(demo.embedOrigin).hostname).not.toBe(new URL(demo.mainOrigin).hostname);
  const chatRequests: Promise<Record<string, string>>[] = [];
  page.on('request', (req) => {
    if (req.url() === `${demo.mainOrigin}/api/chatkit` && req.method() === 'POST') {
      chatRequests.push(req.allHeaders());
    }
  });

  await page.goto(`${demo.embedOrigin}/`);
  await expect(page.locator('#session-pill')).toHaveAttribute('data-state', 'guest');
  const guestToken = await page.evaluate(() =>
    sessionStorage.getItem('chat-widget-demo.session-token'),
  );
  expect(guestToken).toBeTruthy();

  const widget = launcher(page, '#embed-chat');
  await openLauncher(widget);
  const question = 'Which seeds grow best in shade?';
  const reply = await sendMessage(widget, question);
  await expect(reply).not.toBeEmpty();
  const guestAnswer = squash(await reply.textContent());

  expect(chatRequests.length).toBeGreaterThan(0);
  for (const req of await Promise.all(chatRequests)) {
    expect(req.origin).toBe(demo.embedOrigin);
    expect(req.authorization).toMatch(/^Bearer /);
    expect(req.cookie).toBeUndefined();
  }

  // Close the chat, create an account with the guest session attached.
  await widget.getByRole('button', { name: 'Close chat' }).first().click();
  const email = uniqueEmail('linked');
  const form = page.locator('#link-form');
  await form.getByLabel('Name').fill('Linked Guest');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#session-pill')).toHaveAttribute('data-state', 'in');
  await expect(page.locator('#session-pill-text')).toContainText(email);
  const accountToken = await page.evaluate(() =>
    sessionStorage.getItem('chat-widget-demo.session-token'),
  );
  expect(accountToken).toBeTruthy();
  expect(accountToken).not.toBe(guestToken);

  // The conversation is still there for the new account.
  await openLauncher(widget);
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  const item = part(widget, 'history-item-button');
  await expect(item).toHaveCount(1);
  await item.click();
  await expect(userMessages(widget).first()).toContainText(question);
  await expect
    .poll(async () => squash(await assistantMessages(widget).first().textContent()))
    .toBe(guestAnswer);
  // …and it continues under the new account.
  const followUp = await sendMessage(widget, 'And in full sun?');
  await expect(followUp).not.toBeEmpty();
  await expect(part(widget, 'error')).toHaveCount(0);

  // Server side: the account signs in with email+password and owns exactly that thread.
  const signIn = await page.request.post(`${demo.mainOrigin}/api/auth/sign-in/email`, {
    headers: { origin: demo.mainOrigin },
    data: { email, password: PASSWORD },
  });
  expect(signIn.ok()).toBe(true);
  const sessionToken = signIn.headers()['set-auth-token']!;
  const tokenRes = await page.request.get(`${demo.mainOrigin}/api/auth/token`, {
    headers: { authorization: `Bearer ${sessionToken}` },
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const list = await page.request.post(`${demo.mainOrigin}/api/chatkit`, {
    headers: { authorization: `Bearer ${token}` },
    data: { type: 'threads.list', params: {} },
  });
  expect(list.status()).toBe(200);
  const threads = (await list.json()) as { data: { id: string }[] };
  expect(threads.data).toHaveLength(1);
});

/** Text without whitespace: the same message rendered live and from history may differ only in that. */
