// Journey 9: axe-core finds no violations on the host page with the panel open
// (signed in, after a reply), nor on the third-party page.
import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import {
  expect,
  launcher,
  openLauncher,
  sendMessage,
  signUpOnHostPage,
  test,
} from '../fixtures.ts';

test('axe: no violations on the host page with the chat panel open', async ({ page, demo }) => {
  await page.goto(`${demo.mainOrigin}/`);
  const signedOut = await new AxeBuilder({ page }).analyze();
  expect(summary(signedOut.violations), 'signed-out host page').toEqual([]);

  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);
  await sendMessage(widget, 'Give me a short **markdown** answer with a list');
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    })),
  ).toEqual([]);
});

test('axe: no violations on the third-party page with the chat panel open', async ({
  page,
  demo,
}) => {
  await page.goto(`${demo.embedOrigin}/`);
  await expect(page.locator('#session-pill')).toHaveAttribute('data-state', 'guest');
  const widget = launcher(page, '#embed-chat');
  await openLauncher(widget);
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    })),
  ).toEqual([]);
});

/** Rule id, impact and where: enough to act on a failure without the full axe report. */
function summary(violations: Result[]) {
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}
