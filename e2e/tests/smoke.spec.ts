import { expect, test } from '@playwright/test';

test('Chromium starts and renders a page', async ({ page }) => {
  await page.setContent('<p id="x">hello</p>');
  await expect(page.locator('#x')).toHaveText('hello');
});
