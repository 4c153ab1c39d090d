// Journey 2: with 3-second JWTs, a conversation spanning several lifetimes
// never shows an error, and the token endpoint is called about once per
// lifetime (no refresh storm, no token per request). The lifetime only has to be
// long next to a /token round trip (the refresh starts 20% of it before expiry);
// every turn waits one lifetime, so a longer one only makes the journey slower.
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
} from '../fixtures.ts';

const LIFETIME_S = 3;
let demo: DemoServer;
test.beforeAll(async () => {
  demo = await launchDemo({ env: { JWT_EXPIRES_IN: String(LIFETIME_S) } });
});
test.afterAll(async () => {
  await demo?.dispose();
});

test('a conversation over several 3 s token lifetimes: no error, about one /token call per lifetime', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const tokenCalls: number[] = [];
  page.on('request', (req) => {
    if (req.url() === `${demo.mainOrigin}/api/auth/token`) tokenCalls.push(Date.now());
  });
  await signUpOnHostPage(page, demo);
  // From here on (signed in), nothing may fail: no 401s, no token errors.
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  await page.evaluate(() => {
    const w = window as unknown as { chatErrors: string[] };
    w.chatErrors = [];
    document.addEventListener('chat-error', (e) => {
      w.chatErrors.push(JSON.stringify((e as CustomEvent).detail));
    });
  });
  const widget = launcher(page);
  await openLauncher(widget);

  const started = Date.now();
  const turns = 5;
  for (let turn = 1; turn <= turns; turn++) {
    const reply = await sendMessage(widget, `Turn ${turn}: still there?`);
    await expect(reply).not.toBeEmpty();
    await expect(part(widget, 'error')).toHaveCount(0);
    // Let the current token age past its lifetime before the next turn.
    await page.waitForTimeout(LIFETIME_S * 1000 + 500);
  }
  const elapsedS = (Date.now() - started) / 1000;
  await expect(part(widget, 'error')).toHaveCount(0);
  await expect(assistantMessages(widget)).toHaveCount(turns);
  expect(
    await page.evaluate(() => (window as unknown as { chatErrors: string[] }).chatErrors),
  ).toEqual([]);

  const lifetimes = elapsedS / LIFETIME_S;
  const calls = tokenCalls.filter((t) => t >= started).length;
  test.info().annotations.push({
    type: 'token-calls',
    description: `${calls} GET /api/auth/token in ${elapsedS.toFixed(1)} s (${lifetimes.toFixed(1)} lifetimes)`,
  });
  console.log(
    `token calls: ${calls} in ${elapsedS.toFixed(1)} s = ${lifetimes.toFixed(1)} lifetimes of ${LIFETIME_S} s`,
  );
  // About once per lifetime: refreshing early is fine, a storm or a stale token is not.
  expect(calls, `${calls} /token calls in ${elapsedS.toFixed(1)} s`).toBeGreaterThanOrEqual(
    Math.floor(lifetimes * 0.6),
  );
  expect(calls, `${calls} /token calls in ${elapsedS.toFixed(1)} s`).toBeLessThanOrEqual(
    Math.ceil(lifetimes * 2) + 2,
  );
  // The host page's panel counted them too.
  expect(Number(await page.locator('#tm-refreshes').textContent())).toBeGreaterThanOrEqual(
    Math.floor(lifetimes * 0.6),
  );
  expect(consoleErrors).toEqual([]);
});
