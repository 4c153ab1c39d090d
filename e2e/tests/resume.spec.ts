// Journey: replies survive a dropped connection. Two demo instances share one
// PostgreSQL database behind a plain round-robin proxy (the origin the browser and
// Better Auth use). A long reply (`[[long]]`: "Long reply: 1 2 … 100 (end)", one delta
// every 100 ms) is (a) cut by taking the browser offline for a while, (b) interrupted by
// a page reload, (c) orphaned by killing the instance that streams it; (d) a message
// sent while offline waits and goes once. The final text is exactly the uninterrupted
// one (the responder is deterministic); no user message is ever stored twice.
import { type PostgresCluster, startPostgres } from '../../test-support/postgres.ts';
import {
  type RoundRobinProxy,
  startRoundRobinProxy,
} from '../../test-support/round-robin-proxy.ts';
import {
  assistantMessages,
  type DemoServer,
  expect,
  launchDemo,
  launcher,
  openLauncher,
  part,
  send,
  signUpOnHostPage,
  test,
  userMessages,
} from '../fixtures.ts';

const LONG = 'Tell me a long story [[long]]';
const FULL = `Long reply: ${Array.from({ length: 100 }, (_, i) => i + 1).join(' ')} (end)`;

let cluster: PostgresCluster;
let proxy: RoundRobinProxy;
const instances: DemoServer[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase();
  proxy = await startRoundRobinProxy();
  const env = {
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_URL: proxy.origin,
    BETTER_AUTH_SECRET: 'resume-journey-shared-secret-0123456789abcdef',
  };
  instances.push(...(await Promise.all([launchDemo({ env }), launchDemo({ env })])));
  proxy.upstreams = instances.map((demo) => demo.instanceOrigin);
});
test.afterAll(async () => {
  await Promise.all(instances.map((demo) => demo.dispose()));
  await proxy?.close();
  await cluster?.stop();
});

test('a long reply survives going offline, a reload and a dead instance; an offline message goes once', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  const [first] = instances;
  await signUpOnHostPage(page, first!);
  const widget = launcher(page);
  await openLauncher(widget);
  const status = part(widget, 'status');
  const sendButton = part(widget, 'send-button');
  const users = userMessages(widget);
  const replies = assistantMessages(widget);

  const resumes = () => proxy.log.filter((entry) => entry.op === 'threads.resume');

  // (a) The network goes for a while in the middle of the reply, then comes back.
  await send(widget, LONG);
  await expect(replies.nth(0)).toContainText('Long reply: 1 2 3');
  await context.setOffline(true);
  // The outage itself is the scenario: the server streams on meanwhile (grace period).
  await page.waitForTimeout(2_000);
  await context.setOffline(false);
  await expect(replies.nth(0)).toContainText('(end)', { timeout: 30_000 });
  await expect(sendButton).toBeVisible();
  expect(await replies.nth(0).textContent()).toContain(FULL);
  expect((await replies.nth(0).textContent())?.trim()).toBe(FULL);
  await expect(part(widget, 'error')).toHaveCount(0);
  // The widget dropped the stream when the browser went offline and resumed it after.
  const afterA = resumes().length;
  expect(afterA).toBeGreaterThan(0);

  // (b) Reload mid-reply, open the conversation again: the partial reply is there and goes on.
  await send(widget, LONG);
  await expect(replies.nth(1)).toContainText('Long reply: 1 2 3');
  await page.reload();
  await openLauncher(widget);
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  await part(widget, 'history-item-button').first().click();
  await expect(replies.nth(1)).toContainText('Long reply: 1', { timeout: 20_000 });
  // Still streaming when shown (the reply had ~8 s to go): Stop is offered.
  await expect(part(widget, 'stop-button')).toBeVisible();
  await expect(replies.nth(1)).toContainText('(end)', { timeout: 30_000 });
  expect((await replies.nth(1).textContent())?.trim()).toBe(FULL);
  await expect(users).toHaveCount(2);
  expect(resumes().length).toBeGreaterThan(afterA);

  // (d) Sent while offline: it waits visibly, then goes once the network is back.
  await context.setOffline(true);
  await send(widget, 'Sent while offline');
  await expect(status).toContainText("Will send when you're back online");
  await expect(users).toHaveCount(3);
  await context.setOffline(false);
  await expect(replies).toHaveCount(3, { timeout: 20_000 });
  await expect(sendButton).toBeVisible({ timeout: 20_000 });
  await expect(status).toHaveCount(0);

  // (c) The instance streaming the reply dies: another notices, the partial reply gets Retry.
  await send(widget, LONG);
  await expect(replies.nth(3)).toContainText('Long reply: 1 2 3');
  const streams = proxy.log.filter((entry) => entry.type.startsWith('text/event-stream'));
  const streaming = streams.at(-1)!.upstream;
  await instances.find((demo) => demo.instanceOrigin === streaming)!.kill();
  await expect(part(widget, 'retry-button')).toBeVisible({ timeout: 30_000 });
  // The survivor answered the resume (and told the widget the reply was interrupted).
  expect(resumes().at(-1)!.upstream).not.toBe(streaming);
  const partial = (await replies.nth(3).textContent())?.trim() ?? '';
  expect(partial.startsWith('Long reply: 1 2 3')).toBe(true);
  expect(partial).not.toContain('(end)');

  // Stored once each: the thread as the surviving instance has it.
  await page.reload();
  await openLauncher(widget);
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  await part(widget, 'history-item-button').first().click();
  await expect(users).toHaveCount(4, { timeout: 20_000 });
  expect(await users.allTextContents()).toEqual([
    expect.stringContaining(LONG),
    expect.stringContaining(LONG),
    expect.stringContaining('Sent while offline'),
    expect.stringContaining(LONG),
  ]);
  expect((await replies.nth(0).textContent())?.trim()).toBe(FULL);
  expect((await replies.nth(1).textContent())?.trim()).toBe(FULL);
});
