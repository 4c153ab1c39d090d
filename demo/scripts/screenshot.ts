// Regenerates docs/demo.png: the host page, signed in, with the launcher panel
// open after one exchange. Run after `npm run build`:
//   node --import tsx demo/scripts/screenshot.ts [out.png]
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium.ts';
import { startDemo } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { signUpAndOpenLauncher } from './host-page.ts';

const out = resolve(process.argv[2] ?? 'docs/demo.png');
const demo = await startDemo(readConfig({ PORT: '0', DATABASE_PATH: ':memory:' }), {
  info: () => {},
  warn: () => {},
});
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage({
    viewport: { width: 1360, height: 900 },
    deviceScaleFactor: 1,
  });
  await page.goto(`${demo.mainOrigin}/`);
  const widget = await signUpAndOpenLauncher(page, {
    name: 'Ada Lovelace',
    email: 'ada@example.test',
  });
  const input = widget.locator('[part~="input"]');
  await input.fill('How does the widget get its tokens?');
  await input.press('Enter');
  await widget.locator('[part~="send-button"]').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await demo.close();
}
