// Journey 5: two users never see each other's threads, neither in the UI nor
// by replaying the other user's thread id against the ChatKit endpoint.
import type { Page } from '@playwright/test';
import {
  expect,
  launcher,
  openLauncher,
  part,
  sendMessage,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

/** A JWT for the page's signed-in user, straight from Better Auth (cookie session). */
async function jwtOf(page: Page, origin: string) {
  const res = await page.request.get(`${origin}/api/auth/token`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

test("users never see each other's threads (UI and replayed thread ids → 404)", async ({
  browser,
  demo,
}) => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  try {
    await signUpOnHostPage(alice, demo);
    const aliceWidget = launcher(alice);
    await openLauncher(aliceWidget);
    const threadId = new Promise<string>((resolve) => {
      alice.on('response', async (res) => {
        if (
          !res.url().endsWith('/api/chatkit') ||
          !res.request().postData()?.includes('threads.create')
        )
          return;
        const match = /"thread\.created","thread":\{"id":"([^"]+)"/.exec(await res.text());
        if (match) resolve(match[1]!);
      });
    });
    await sendMessage(aliceWidget, 'alice-secret-4711: my private note');
    const aliceThread = await threadId;
    expect(aliceThread).toBeTruthy();

    await signUpOnHostPage(bob, demo);
    const bobWidget = launcher(bob);
    await openLauncher(bobWidget);
    await sendMessage(bobWidget, 'bob says hi');
    await bobWidget.getByRole('button', { name: 'Conversation history' }).click();
    await expect(part(bobWidget, 'history-item-button')).toHaveCount(1);
    await expect(bobWidget).not.toContainText('alice-secret-4711');

    // Bob replays Alice's thread id with his own valid token.
    const bobToken = await jwtOf(bob, demo.mainOrigin);
    const call = (type: string, params: Record<string, unknown>) =>
      bob.request.post(`${demo.mainOrigin}/api/chatkit`, {
        headers: { authorization: `Bearer ${bobToken}` },
        data: { type, params },
      });
    for (const [type, params] of [
      ['threads.get_by_id', { thread_id: aliceThread }],
      ['items.list', { thread_id: aliceThread }],
      ['threads.update', { thread_id: aliceThread, title: 'pwned' }],
      ['threads.delete', { thread_id: aliceThread }],
    ] as const) {
      const res = await call(type, params);
      expect(res.status(), type).toBe(404);
      expect(await res.text()).not.toContain('alice-secret-4711');
    }
    const stream = await call('threads.add_user_message', {
      thread_id: aliceThread,
      input: {
        content: [{ type: 'input_text', text: 'hijack' }],
        attachments: [],
        inference_options: {},
      },
    });
    expect(await stream.text()).not.toContain('alice-secret-4711');
    const list = await call('threads.list', {});
    expect(JSON.stringify(await list.json())).not.toContain(aliceThread);

    // Alice's thread is untouched.
    const aliceToken = await jwtOf(alice, demo.mainOrigin);
    const own = await alice.request.post(`${demo.mainOrigin}/api/chatkit`, {
      headers: { authorization: `Bearer ${aliceToken}` },
      data: { type: 'threads.get_by_id', params: { thread_id: aliceThread } },
    });
    expect(own.status()).toBe(200);
    const body = JSON.stringify(await own.json());
    expect(body).toContain('alice-secret-4711');
    expect(body).not.toContain('hijack');
  } finally {
    await alice.context().close();
    await bob.context().close();
  }
});
