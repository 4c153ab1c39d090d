// Playwright helpers shared by every browser suite (e2e/, packages/widget/test/browser,
// packages/auth/test/browser): reaching the widget's parts, sending a message, the axe
// scan, and bundling a package's src for a test page. Fixtures (servers, sign-in) stay
// with their suite; what is here works on any page that has a <chat-widget>.
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { build } from 'esbuild';

/** A page (its `<chat-widget>` elements) or one widget. */
export type WidgetScope = Page | Locator;

const widgetOf = (scope: WidgetScope): Locator =>
  'goto' in scope ? scope.locator('chat-widget') : scope;

/** The elements of `scope`'s widget that carry `part="name"` (CSS locators pierce open shadow roots). */
export const part = (scope: WidgetScope, name: string): Locator =>
  widgetOf(scope).locator(`[part~="${name}"]`);

export const assistantMessages = (scope: WidgetScope): Locator => part(scope, 'assistant');
export const userMessages = (scope: WidgetScope): Locator => part(scope, 'user');

/** Types `text` into the composer and presses Enter; does not wait for the reply. */
export async function send(scope: WidgetScope, text: string): Promise<void> {
  const input = part(scope, 'input');
  await expect(input).toBeEnabled();
  await input.fill(text);
  await input.press('Enter');
}

/** Sends `text` and waits until the reply has finished; returns that reply. */
export async function sendMessage(scope: WidgetScope, text: string): Promise<Locator> {
  const before = await assistantMessages(scope).count();
  await send(scope, text);
  const reply = assistantMessages(scope).nth(before);
  await expect(reply).toBeVisible();
  // Finished when the send button is back (the stop button shows while streaming).
  await expect(part(scope, 'send-button')).toBeVisible({ timeout: 20_000 });
  return reply;
}

/** Opens a launcher-mode widget with its button and waits for a usable composer. */
export async function openLauncher(widget: Locator): Promise<void> {
  await widget.getByRole('button', { name: 'Open chat' }).click();
  await expect(part(widget, 'panel')).toBeVisible();
  await expect(part(widget, 'input')).toBeEditable();
}

/** Text without any whitespace: compares rendered markdown with its source words. */
export const squash = (text: string | null): string => (text ?? '').replace(/\s+/g, '');

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  /** Where: the selector of every failing node. */
  nodes: string[];
}

/**
 * Runs axe-core on `page` (only inside `include` when given) and returns its violations,
 * reduced to rule, impact and where: enough to act on a failure without the full report.
 */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Bundles a source entry (TypeScript) for a test page, in memory, with the repo's tsconfig. */
export async function bundleForBrowser(entry: URL, format: 'iife' | 'esm'): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format,
    minify: format === 'iife',
    platform: 'browser',
    target: 'es2022',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
