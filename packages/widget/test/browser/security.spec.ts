import {
  assistantMessages,
  expect,
  openPage,
  part,
  send,
  signIn,
  test,
  userMessages,
} from './fixtures/test.ts';

const PAYLOAD = [
  '<script>window.__xss++</script>',
  '<img src=x onerror="window.__xss++">',
  '[click me](javascript:window.__xss++)',
  '<a href="javascript:window.__xss++">raw link</a>',
  '<b onmouseover="window.__xss++">bold?</b>',
  '<iframe srcdoc="<script>parent.__xss++</script>"></iframe>',
  '![img](javascript:window.__xss++)',
].join(' ');

/** Every element in the widget's shadow tree, flattened. */
const shadowAudit = () =>
  Array.from(document.querySelector('chat-widget')!.shadowRoot!.querySelectorAll('*')).map(
    (el) => ({
      tag: el.tagName.toLowerCase(),
      handlers: el.getAttributeNames().filter((n) => n.startsWith('on')),
      href: el.getAttribute('href') ?? el.getAttribute('src') ?? '',
    }),
  );

test.describe('untrusted text', () => {
  test('markdown with <script>, onerror, javascript: links and raw HTML executes nothing', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    // No CSP here: the renderer itself must be safe.
    await openPage(page, site, { open: '', csp: 'off' });
    await send(page, PAYLOAD);
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    await expect(assistantMessages(page).first()).toContainText('You said');
    // The user's own bubble shows the text literally.
    await expect(userMessages(page).first()).toContainText('<script>window.__xss++</script>');
    // Click every link and hover every bold text the reply has.
    const links = page.locator('chat-widget [part~="assistant"] a');
    for (const link of await links.all()) await link.click({ timeout: 2000 }).catch(() => {});
    const bold = page.locator('chat-widget [part~="assistant"] :is(b, strong)');
    for (const el of await bold.all()) await el.hover({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    const audit = await page.evaluate(shadowAudit);
    expect(audit.filter((e) => ['script', 'iframe', 'object', 'embed'].includes(e.tag))).toEqual(
      [],
    );
    expect(audit.filter((e) => e.handlers.length)).toEqual([]);
    expect(audit.filter((e) => /^\s*javascript:/i.test(e.href))).toEqual([]);
    // And we are still on the page.
    expect(new URL(page.url()).pathname).toBe('/');
  });

  test('the IIFE works under script-src/style-src self with no CSP violations', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    const response = await page.goto(`${site.origin}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForFunction(() => customElements.get('chat-widget') !== undefined);
    const launcher = part(page, 'launcher');
    await expect(launcher).toBeVisible();
    // Styles applied (adoptedStyleSheets are allowed by style-src 'self').
    const bg = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(79, 70, 229)');
    await launcher.click();
    await send(page, 'csp check');
    await expect(assistantMessages(page).first()).toContainText('csp check');
    await expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });
    expect(
      await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    ).toEqual([]);
  });
});

test.describe('host pages', () => {
  test('a page without a charset shows the texts correctly (the script-tag file is ASCII)', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { charset: 'none', open: '' });
    // The condition under test: the browser fell back to a legacy encoding for the page.
    expect(await page.evaluate(() => document.characterSet)).not.toBe('UTF-8');
    await expect(part(page, 'input')).toBeEnabled();
    await expect(part(page, 'input')).toHaveAttribute('placeholder', 'Message…');
    await expect(part(page, 'panel')).not.toContainText('\u00e2\u20ac');
  });
});

test.describe('hostile URL attributes', () => {
  const HOSTILE_URLS = [
    'javascript:window.__xss++',
    ' JaVaScRiPt:window.__xss++',
    '\tjavascript:window.__xss++',
    'data:text/html,<script>opener && opener.__xss++</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
  ];
  for (const hostile of HOSTILE_URLS) {
    test(`sign-in-url=${JSON.stringify(hostile)}: Sign in opens nothing, navigates nowhere, warns`, async ({
      page,
      site,
    }) => {
      const warnings: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'warning') warnings.push(msg.text());
      });
      const popups: string[] = [];
      page.context().on('page', (popup) => popups.push(popup.url()));
      // No CSP: the widget itself must refuse the URL.
      await openPage(page, site, { open: '', 'sign-in-url': hostile, csp: 'off' });
      const before = page.url();
      await part(page, 'sign-in-button').click();
      await expect.poll(() => warnings.join('\n')).toMatch(/ignored sign-in-url/);
      await page.waitForTimeout(300);
      expect(popups).toEqual([]);
      expect(page.url()).toBe(before);
      expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    });
  }

  test('the same through the signInUrl property; an http(s) URL set afterwards works again', async ({
    page,
    site,
  }) => {
    const warnings: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'warning') warnings.push(msg.text());
    });
    const popups: string[] = [];
    page.context().on('page', (popup) => popups.push(popup.url()));
    await openPage(page, site, { open: '', csp: 'off' });
    await page.locator('chat-widget').evaluate((el: HTMLElement & { signInUrl: string }) => {
      el.signInUrl = 'javascript:window.__xss++';
    });
    await part(page, 'sign-in-button').click();
    await expect.poll(() => warnings.join('\n')).toMatch(/ignored sign-in-url/);
    expect(popups).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    await page.locator('chat-widget').evaluate((el: HTMLElement & { signInUrl: string }) => {
      el.signInUrl = '/login?from=property';
    });
    await part(page, 'sign-in-button').click();
    await page.waitForURL(/\/login\?from=property$/);
  });

  test('api-url with a data: URL is not used: warned, no request made with it', async ({
    page,
    site,
  }) => {
    const warnings: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'warning') warnings.push(msg.text());
    });
    const dataRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith('data:')) dataRequests.push(req.url());
    });
    await signIn(page, site);
    await openPage(page, site, { open: '', csp: 'off' });
    await page.locator('chat-widget').evaluate((el: HTMLElement & { apiUrl: string }) => {
      el.apiUrl = 'data:application/json,{"data":[],"has_more":false}';
    });
    await expect.poll(() => warnings.join('\n')).toMatch(/ignored api-url/);
    expect(dataRequests).toEqual([]);
  });
});
