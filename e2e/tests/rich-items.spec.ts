// Journey: a signed-in user meets every kind of item the demo responder can send —
// a reply with sources, a reasoning workflow, a client tool the page answers through
// onClientTool ("what time is it on my device?"), a client effect, and questions
// answered in the panel.
import { expect, launcher, openLauncher, signUpOnHostPage, test } from '../fixtures.ts';

test('sources, reasoning, a client tool, an effect and a structured question, end to end', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.mainOrigin}/`);
  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);
  const input = widget.locator('[part~="input"]');
  const ask = async (text: string) => {
    await expect(input).toBeEnabled();
    await input.fill(text);
    await input.press('Enter');
    await expect(widget.locator('[part~="send-button"]')).toBeVisible({ timeout: 20_000 });
  };

  // A reply with numbered sources; links go to http(s) only.
  await ask('[[sources]] where does this come from?');
  const sources = widget.locator('[part~="sources"]');
  await expect(sources.locator('[part~="source"]')).toHaveCount(3);
  await expect(sources.locator('a').first()).toHaveAttribute('href', /^https:\/\//);
  await expect(sources).toContainText('token-anchors.md');

  // A reasoning workflow: collapsed with its duration once done, expandable.
  await ask('[[reasoning]] think it through');
  const workflow = widget.locator('[part~="workflow"]');
  await expect(workflow.locator('summary')).toHaveText(/^Thought for \d+s$/);
  await workflow.locator('summary').click();
  await expect(workflow.locator('[part~="task"]')).toHaveCount(2);
  await expect(widget.locator('[part~="assistant"]').last()).toContainText('thinking it through');

  // A client tool: the page's onClientTool answers, the reply continues with its result.
  const toolOutput = page.waitForRequest(
    (req) => req.postData()?.includes('"threads.add_client_tool_output"') === true,
  );
  await ask('What time is it on my device?');
  const sent = JSON.parse((await toolOutput).postData() ?? '{}');
  expect(sent.params.result.timeZone).toBeTruthy();
  await expect(widget.locator('[part~="tool-call"]')).toHaveAttribute('data-state', 'done');
  await expect(widget.locator('[part~="assistant"]').last()).toContainText('get_device_time');
  await expect(widget.locator('[part~="assistant"]').last()).toContainText(sent.params.result.time);

  // An effect: the page hears chat-effect (its event log shows it), the notice shows.
  await ask('[[effect]]');
  await expect(page.locator('#event-log')).toContainText('chat-effect');
  await expect(page.locator('#event-log')).toContainText('confetti');
  await expect(widget.locator('[part~="notice"]')).toContainText('An effect was sent.');

  // Questions answered in the panel; the item then shows the answers, the reply names them.
  await ask('[[question]]');
  const form = widget.locator('[part~="structured-input"]');
  await form.getByLabel('Large').check();
  await form.getByLabel('Name for the order?').fill('Ada');
  await form.locator('[part~="submit-button"]').click();
  await expect(widget.locator('[part~="send-button"]')).toBeVisible({ timeout: 20_000 });
  await expect(widget.locator('dl.answers')).toContainText('Large');
  await expect(widget.locator('dl.answers')).toContainText('Ada');
  await expect(widget.locator('[part~="assistant"]').last()).toContainText('Which size? Large');
});
