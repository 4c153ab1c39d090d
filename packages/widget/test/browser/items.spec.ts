// The item renderers, fed the Python SDK's real streams (test-support/fixtures/chatkit/rich)
// through a routed /chatkit, and a stream of hostile values: every text renders as text,
// links and images are http/https only, axe finds nothing, the strict CSP sees no violation.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import { expect, openPage, part, send, signIn, test } from './fixtures/test.ts';

const rich = (name: string) =>
  readFileSync(
    new URL(`../../../../test-support/fixtures/chatkit/rich/${name}`, import.meta.url),
    'utf8',
  );
const sse = (events: unknown[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');

/** Answers the next streaming ChatKit requests with these bodies, in order; records them. */
async function answerWith(page: Page, bodies: string[]) {
  const seen: { type: string; params: unknown }[] = [];
  await page.route('**/chatkit', async (route: Route) => {
    const request = route.request().postDataJSON() as { type: string; params: unknown };
    seen.push(request);
    const body = bodies.shift();
    if (body === undefined) return route.fallback();
    await route.fulfill({ status: 200, contentType: 'text/event-stream', body });
  });
  return seen;
}

const XSS = '<img src=x onerror="window.__xss++"><script>window.__xss++</script>';
const JS_URL = 'javascript:window.__xss++';
const at = { thread_id: 'thr_x', created_at: '2025-01-02T03:04:05' };

/** One stream carrying hostile text in every field a renderer shows. */
function hostileStream(origin: string) {
  const image = `${origin}/missing.png`;
  return sse([
    {
      type: 'thread.created',
      thread: {
        id: 'thr_x',
        ...at,
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 'u1',
        ...at,
        type: 'user_message',
        content: [{ type: 'input_text', text: `hi ${XSS}` }],
        quoted_text: `quote ${XSS}`,
        attachments: [
          {
            type: 'file',
            id: 'f1',
            name: `file ${XSS}.pdf`,
            mime_type: 'application/pdf',
            size: 2048,
          },
          {
            type: 'image',
            id: 'i1',
            name: `pic ${XSS}`,
            mime_type: 'image/png',
            preview_url: JS_URL,
          },
          { type: 'image', id: 'i2', name: 'ok.png', mime_type: 'image/png', preview_url: image },
        ],
        inference_options: {},
      },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 'w1',
        ...at,
        type: 'workflow',
        workflow: {
          type: 'custom',
          expanded: true,
          summary: { title: `summary ${XSS}` },
          tasks: [
            { type: 'thought', title: `thought ${XSS}`, content: `content ${XSS}` },
            { type: 'custom', title: `custom ${XSS}`, content: `more ${XSS}` },
            {
              type: 'web_search',
              title_query: `query ${XSS}`,
              queries: [`q ${XSS}`],
              sources: [
                { type: 'url', title: `bad ${XSS}`, url: JS_URL },
                { type: 'url', title: 'good', url: 'https://example.com/a' },
              ],
            },
            {
              type: 'file',
              title: `files ${XSS}`,
              sources: [{ type: 'file', title: 't', filename: `doc ${XSS}` }],
            },
            { type: 'image', title: `image ${XSS}` },
          ],
        },
      },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 'a1',
        ...at,
        type: 'assistant_message',
        content: [
          {
            type: 'output_text',
            text: 'An answer [1] [2] [3].',
            annotations: [
              {
                type: 'annotation',
                index: 12,
                source: { type: 'url', title: `title ${XSS}`, url: JS_URL },
              },
              {
                type: 'annotation',
                index: 16,
                source: { type: 'url', title: 'safe', url: 'https://example.org/x' },
              },
              {
                type: 'annotation',
                index: 20,
                source: { type: 'file', title: `file ${XSS}`, filename: `name ${XSS}` },
              },
            ],
          },
        ],
      },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 't1',
        ...at,
        type: 'client_tool_call',
        status: 'completed',
        call_id: 'c',
        name: `tool ${XSS}`,
        arguments: {},
        output: {},
      },
    },
    {
      type: 'thread.item.done',
      item: {
        id: 's1',
        ...at,
        type: 'structured_input',
        status: 'pending',
        inputs: [
          {
            type: 'multiple_choice',
            id: 'pick',
            question: `pick ${XSS}`,
            options: [{ value: `opt ${XSS}` }],
          },
          { type: 'freeform', id: 'free', question: `free ${XSS}`, description: `desc ${XSS}` },
        ],
      },
    },
    {
      type: 'thread.item.done',
      item: { id: 'g1', ...at, type: 'generated_image', image: { id: 'g', url: JS_URL } },
    },
    {
      type: 'thread.item.done',
      item: { id: 'g2', ...at, type: 'generated_image', image: { id: 'g', url: image } },
    },
    { type: 'thread.item.done', item: { id: 'x1', ...at, type: 'future_item', text: XSS } },
    { type: 'thread.item.done', item: { id: 'e1', ...at, type: 'end_of_turn' } },
    { type: 'notice', level: 'warning', title: `notice ${XSS}`, message: `message ${XSS}` },
  ]);
}

/** Every element of the widget's shadow tree: tag, event-handler attributes, URLs. */
const audit = () =>
  Array.from(document.querySelector('chat-widget')!.shadowRoot!.querySelectorAll('*')).map(
    (el) => ({
      tag: el.tagName.toLowerCase(),
      handlers: el.getAttributeNames().filter((n) => n.startsWith('on')),
      // Attachment thumbnails wait in data-src for their (possibly token-fetched) source.
      url: el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('data-src') ?? '',
    }),
  );

test.describe('item renderers', () => {
  test('hostile values in every item type render as text; links and images http/https only', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '', mode: 'inline' });
    await answerWith(page, [hostileStream(site.origin)]);
    await send(page, 'go');
    await expect(part(page, 'send-button')).toBeVisible();
    await expect(part(page, 'notice')).toContainText(`notice ${XSS}`);
    // Shown literally.
    await expect(part(page, 'quote')).toHaveText(`quote ${XSS}`);
    await expect(part(page, 'attachment-file').first()).toContainText(`file ${XSS}.pdf`);
    await expect(part(page, 'attachment-file').first()).toContainText('2.0 KB');
    // The javascript: thumbnail falls back to a chip with its name.
    await expect(part(page, 'attachment-file').nth(1)).toHaveText(`pic ${XSS}`);
    await expect(part(page, 'tool-call')).toContainText(`Ran tool ${XSS}`);
    await expect(part(page, 'workflow')).toContainText(`content ${XSS}`);
    await expect(part(page, 'workflow-summary')).toHaveText(`summary ${XSS}`);
    await expect(part(page, 'structured-input')).toContainText(`opt ${XSS}`);
    await expect(part(page, 'sources')).toContainText(`title ${XSS}`);
    await expect(part(page, 'sources')).toContainText(`name ${XSS}`);
    await expect(part(page, 'unknown-item')).toHaveText('This content cannot be shown here.');
    await expect(part(page, 'source')).toHaveCount(3);
    // Only the https source is a link; the javascript: one is text.
    const links = page.locator('chat-widget [part~="sources"] a');
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', 'https://example.org/x');
    await expect(links).toHaveAttribute('rel', /noopener/);
    // Hover and click everything clickable that is not a form button.
    for (const link of await page.locator('chat-widget :is(a, summary)').all())
      await link.click({ modifiers: ['ControlOrMeta'], timeout: 2000 }).catch(() => {});
    const elements = await page.evaluate(audit);
    expect(elements.filter((e) => ['script', 'iframe', 'object', 'embed'].includes(e.tag))).toEqual(
      [],
    );
    expect(elements.filter((e) => e.handlers.length)).toEqual([]);
    expect(elements.filter((e) => e.url && !/^(https?:|#)/.test(e.url))).toEqual([]);
    // The javascript: image and thumbnail became placeholders; the http ones are images.
    expect(elements.filter((e) => e.tag === 'img').map((e) => e.url)).toEqual([
      `${site.origin}/missing.png`,
      `${site.origin}/missing.png`,
    ]);
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    // Strict CSP (the fixture page's default): nothing was blocked.
    expect(
      await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    ).toEqual([]);
  });

  test('axe: sources, workflow, tool row, questions form, attachments and notices', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '', mode: 'inline' });
    await answerWith(page, [hostileStream(site.origin)]);
    await send(page, 'go');
    await expect(part(page, 'notice')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('chat-widget').analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    ).toEqual([]);
  });

  test('reasoning: expanded while it streams, collapsed with its duration when done', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '', mode: 'inline' });
    // A /chatkit stream the test feeds by hand (fetch is looked up at call time).
    await page.evaluate(() => {
      const w = window as unknown as { __feed: (text: string) => void; __end: () => void };
      const original = window.fetch;
      window.fetch = (input, init) => {
        const url =
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (!url.includes('/chatkit')) return original(input, init);
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            w.__feed = (text) => controller.enqueue(encoder.encode(text));
            w.__end = () => controller.close();
          },
        });
        return Promise.resolve(
          new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
        );
      };
    });
    const body = rich('reasoning.threads.create.response.sse');
    const cut = body.indexOf('\n\n', body.indexOf('workflow.task.added')) + 2;
    await send(page, 'think');
    await page.waitForFunction(() => '__feed' in window);
    await page.evaluate(
      (text) => (window as unknown as { __feed: (t: string) => void }).__feed(text),
      body.slice(0, cut),
    );
    const workflow = part(page, 'workflow');
    await expect(workflow).toHaveAttribute('open', '');
    await expect(workflow).toHaveAttribute('aria-busy', 'true');
    await expect(part(page, 'workflow-summary')).toHaveText('Thinking…');
    await page.evaluate((text) => {
      const w = window as unknown as { __feed: (t: string) => void; __end: () => void };
      w.__feed(text);
      w.__end();
    }, body.slice(cut));
    await expect(part(page, 'workflow-summary')).toHaveText('Thought for 4 seconds');
    await expect(workflow).not.toHaveAttribute('open', '');
    await expect(part(page, 'assistant')).toHaveCount(1);
  });

  test('the rich fixtures: sources, custom workflow, generated image, attachments, effect', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '', mode: 'inline' });
    await answerWith(page, [
      rich('sources.threads.create.response.sse'),
      rich('reasoning.threads.create.response.sse'),
      rich('custom-workflow.threads.create.response.sse'),
      rich('attachments.threads.create.response.sse'),
      rich('effect.threads.create.response.sse'),
    ]);
    await send(page, 'sources');
    await expect(part(page, 'source')).toHaveCount(3);
    await expect(part(page, 'sources').locator('a').first()).toHaveAttribute('href', /^https:/);
    await send(page, 'reasoning');
    const reasoning = part(page, 'workflow').first();
    await expect(reasoning.locator('summary')).toHaveText('Thought for 4 seconds');
    await expect(reasoning).not.toHaveAttribute('open', '');
    await reasoning.locator('summary').click();
    await expect(reasoning.locator('[part~="task"]').first()).toBeVisible();
    await send(page, 'custom');
    const custom = part(page, 'workflow').nth(1);
    await expect(custom.locator('summary')).toHaveText('Compared 2 pages and 2 files');
    await expect(custom).toHaveAttribute('open', '');
    await expect(custom.locator('[part~="task"]')).toHaveCount(4);
    await expect(part(page, 'task-item')).toHaveCount(1);
    await send(page, 'attachments');
    await expect(part(page, 'attachment-file')).toContainText('report.pdf');
    await expect(part(page, 'attachment-image')).toHaveAttribute('alt', 'photo.png');
    await send(page, 'effect');
    await expect(part(page, 'notice')).toHaveCount(2);
    const effects = await page.evaluate(() =>
      (window as unknown as { __events: { type: string; detail: { name: string } }[] }).__events
        .filter((e) => e.type === 'chat-effect')
        .map((e) => e.detail.name),
    );
    expect(effects.length).toBe(1);
    // end_of_turn renders nothing; the removed placeholder is gone.
    await expect(page.locator('chat-widget [data-id^="msg_"]').last()).not.toHaveText('');
  });

  test('structured input: answer in the panel → add_structured_input; the replaced item shows the answers', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '', mode: 'inline' });
    const seen = await answerWith(page, [
      rich('structured.threads.create.response.sse'),
      rich('structured.threads.add_structured_input.response.sse'),
    ]);
    await send(page, 'order');
    const form = part(page, 'structured-input');
    await form.getByLabel('Large').check();
    await form.getByLabel('Oat milk').check();
    await form.getByLabel('Extra shot').check();
    await form.getByLabel('Name for the order?').fill('Ada');
    await part(page, 'submit-button').click();
    await expect(page.locator('chat-widget dl.answers')).toContainText('Oat milk, Extra shot');
    await expect(page.locator('chat-widget dl.answers')).toContainText('Skipped');
    const recorded = JSON.parse(rich('structured.threads.add_structured_input.request.json'));
    expect(seen[1]).toEqual(recorded);
  });

  test('renderItem: a host node replaces the default; null keeps it', async ({ page, site }) => {
    await signIn(page, site);
    await openPage(page, site, { open: '', mode: 'inline' });
    await page.evaluate(() => {
      const widget = document.querySelector('chat-widget')!;
      widget.renderItem = (item) => {
        if (item.type !== 'generated_image') return null;
        const p = document.createElement('p');
        p.textContent = 'host image';
        return p;
      };
    });
    await answerWith(page, [rich('image.threads.create.response.sse')]);
    await send(page, 'image');
    await expect(part(page, 'host-item')).toHaveText('host image');
    await expect(part(page, 'generated-image')).toHaveCount(0);
    await expect(part(page, 'assistant')).toHaveCount(1);
  });
});
