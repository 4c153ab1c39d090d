// Journey: two tabs of the third-party page, each with its own guest session
// (per-tab storage, bearer mode), chatting in turns over several short token
// lifetimes. The tabs share one BroadcastChannel and one refresh lock, yet
// every ChatKit request must carry the JWT of its own tab's user, and each
// guest must find only its own conversation.
import type { Page } from '@playwright/test';
import {
  type DemoServer,
  expect,
  launchDemo,
  launcher,
  openLauncher,
  sendMessage,
  test,
} from '../fixtures.ts';

// Short enough that every half-lifetime pause between turns sees refreshes in
// both tabs (each refreshes ~0.4 s before expiry), long next to a /token round trip.
const LIFETIME_S = 2;
let demo: DemoServer;
test.beforeAll(async () => {
  demo = await launchDemo({ env: { JWT_EXPIRES_IN: String(LIFETIME_S) } });
});
test.afterAll(async () => {
  await demo?.dispose();
});

/** `sub` of a JWT (no verification needed: the server already accepted it). */
const subOf = (authorization: string | undefined) => {
  const jwt = authorization?.replace(/^Bearer /, '') ?? '';
  const payload = jwt.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString() || '{}') as { sub?: string }).sub;
};

async function guestTab(page: Page) {
  const subs: Promise<string | undefined>[] = [];
  page.on('request', (req) => {
    if (req.url() === `${demo.mainOrigin}/api/chatkit` && req.method() === 'POST') {
      subs.push(req.allHeaders().then((headers) => subOf(headers.authorization)));
    }
  });
  await page.goto(`${demo.embedOrigin}/`);
  await expect(page.locator('#session-pill')).toHaveAttribute('data-state', 'guest');
  const sessionToken = await page.evaluate(() =>
    sessionStorage.getItem('chat-widget-demo.session-token'),
  );
  expect(sessionToken).toBeTruthy();
  const res = await page.request.get(`${demo.mainOrigin}/api/auth/get-session`, {
    headers: { authorization: `Bearer ${sessionToken}` },
  });
  const userId = ((await res.json()) as { user: { id: string } }).user.id;
  const widget = launcher(page, '#embed-chat');
  await openLauncher(widget);
  return { page, userId, widget, subs };
}

test('two guests in two tabs, short tokens, turns over several refreshes: every request carries its own tab’s user', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const a = await guestTab(await context.newPage());
  const b = await guestTab(await context.newPage());
  expect(a.userId).not.toBe(b.userId);

  const turns = 4;
  for (let turn = 1; turn <= turns; turn++) {
    for (const [name, tab] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const reply = await sendMessage(tab.widget, `Tab ${name}, turn ${turn}`);
      await expect(reply).not.toBeEmpty();
    }
    // Both tabs refresh (and broadcast) while the other holds a token.
    await a.page.waitForTimeout((LIFETIME_S * 1000) / 2 + 300);
  }

  for (const tab of [a, b]) {
    const subs = await Promise.all(tab.subs);
    expect(subs.length).toBeGreaterThanOrEqual(turns);
    expect(subs, `requests of ${tab.userId}`).toEqual(subs.map(() => tab.userId));
    await expect(tab.widget.locator('[part~="error"]')).toHaveCount(0);
    // Each guest's history holds its own conversation, and only that one.
    await tab.widget.getByRole('button', { name: 'Conversation history' }).click();
    await expect(tab.widget.locator('[part~="history-item-button"]')).toHaveCount(1);
  }
});
