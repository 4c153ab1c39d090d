import type { ChatWidget } from '../../src/chat-widget.ts';
import { expect, openPage, part, signIn, test } from './fixtures/test.ts';

const panelStyle = (page: import('@playwright/test').Page) =>
  part(page, 'panel').evaluate((el) => {
    const style = getComputedStyle(el);
    return { bg: style.backgroundColor, animation: style.animationDuration };
  });

test.describe('theming', () => {
  test.beforeEach(async ({ page, site }) => {
    await signIn(page, site);
  });

  test('theme="auto" follows prefers-color-scheme; light and dark are fixed', async ({
    page,
    site,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage(page, site, { open: '', theme: 'auto' });
    expect((await panelStyle(page)).bg).toBe('rgb(23, 24, 28)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect((await panelStyle(page)).bg).toBe('rgb(255, 255, 255)');
    await page.locator('chat-widget').evaluate((el) => el.setAttribute('theme', 'dark'));
    expect((await panelStyle(page)).bg).toBe('rgb(23, 24, 28)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('chat-widget').evaluate((el) => el.setAttribute('theme', 'light'));
    expect((await panelStyle(page)).bg).toBe('rgb(255, 255, 255)');
  });

  test('every styling property works when set as a property (framework bindings), not only as an attribute', async ({
    page,
    site,
  }) => {
    await openPage(page, site);
    const widget = page.locator('chat-widget');
    // open: the launcher panel appears, laid out as a floating dialog.
    await widget.evaluate((el: ChatWidget) => {
      el.open = true;
    });
    await expect(part(page, 'panel')).toBeVisible();
    expect(await part(page, 'panel').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect((await panelStyle(page)).bg).toBe('rgb(255, 255, 255)');
    // theme: the palette follows the property and the attribute mirrors it for page CSS.
    await widget.evaluate((el: ChatWidget) => {
      el.theme = 'dark';
    });
    expect((await panelStyle(page)).bg).toBe('rgb(23, 24, 28)');
    await expect(widget).toHaveAttribute('theme', 'dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await widget.evaluate((el: ChatWidget) => {
      el.theme = 'auto';
    });
    expect((await panelStyle(page)).bg).toBe('rgb(23, 24, 28)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect((await panelStyle(page)).bg).toBe('rgb(255, 255, 255)');
    await widget.evaluate((el: ChatWidget) => {
      el.theme = 'light';
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect((await panelStyle(page)).bg).toBe('rgb(255, 255, 255)');
    // mode: inline puts the panel in the flow and fills its container (no launcher).
    await widget.evaluate((el: ChatWidget) => {
      const box = document.createElement('div');
      box.style.height = '400px';
      document.body.append(box);
      box.append(el);
      el.mode = 'inline';
    });
    await expect(part(page, 'launcher')).toHaveCount(0);
    await expect(widget).toHaveAttribute('mode', 'inline');
    expect(await part(page, 'panel').evaluate((el) => getComputedStyle(el).position)).toBe(
      'relative',
    );
    expect(await widget.evaluate((el) => getComputedStyle(el).height)).toBe('400px');
    // open=false back in launcher mode hides the panel again.
    await widget.evaluate((el: ChatWidget) => {
      el.mode = 'launcher';
      el.open = false;
    });
    await expect(part(page, 'panel')).toHaveCount(0);
    await expect(part(page, 'launcher')).toBeVisible();
  });

  test('custom properties and ::part() restyle it from the page', async ({ page, site }) => {
    // Without CSP only so the test can add an inline <style>.
    await openPage(page, site, { open: '', csp: 'off' });
    await page.addStyleTag({
      content:
        'chat-widget { --chat-accent: rgb(1, 2, 3); --chat-bg: rgb(4, 5, 6); } chat-widget::part(header) { border-bottom-width: 7px; }',
    });
    expect((await panelStyle(page)).bg).toBe('rgb(4, 5, 6)');
    expect(
      await part(page, 'launcher').evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(1, 2, 3)');
    expect(
      await part(page, 'header').evaluate((el) => getComputedStyle(el).borderBottomWidth),
    ).toBe('7px');
  });

  test('prefers-reduced-motion turns the animations off', async ({ page, site }) => {
    await openPage(page, site, { open: '' });
    expect((await panelStyle(page)).animation).not.toBe('0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect((await panelStyle(page)).animation).toBe('0s');
  });
});

test.describe('inline sizing', () => {
  test.beforeEach(async ({ page, site }) => {
    await signIn(page, site);
  });

  test('inline mode fills a sized container with no CSS on the element, and is capped without one', async ({
    page,
    site,
  }) => {
    await openPage(page, site, { mode: 'inline', csp: 'off' });
    // Move the element into a plain 400px box: only the widget's own styles size it.
    const sized = await page.evaluate(() => {
      const widget = document.querySelector('chat-widget')!;
      const box = document.createElement('div');
      box.style.height = '400px';
      document.body.append(box);
      box.append(widget);
      return new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const panel = widget.shadowRoot!.querySelector('[part~="panel"]')!;
          resolve(panel.getBoundingClientRect().height);
        }),
      );
    });
    expect(sized).toBe(400);
    // In a container with no definite height, the panel stops at the viewport.
    const capped = await page.evaluate(() => {
      const widget = document.querySelector('chat-widget')!;
      document.body.append(widget);
      const panel = widget.shadowRoot!.querySelector('[part~="panel"]')!;
      return { maxHeight: getComputedStyle(panel).maxHeight, viewport: innerHeight };
    });
    expect(capped.maxHeight).toBe(`${capped.viewport}px`);
  });
});
