// The widget renderer in a real browser: every component the Python SDK defines, the
// recorded widget streams, streaming updates in place, actions (exact request bodies,
// loading states, the chat-widget-action event), XSS vectors, axe and a strict CSP.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { startWidgetSite, type WidgetSite } from './fixtures/widget-server.ts';

// biome-ignore lint/complexity/noBannedTypes: Playwright's way to say "no test-scoped fixtures".
const test = base.extend<{}, { site: WidgetSite }>({
  site: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructured first argument.
    async ({}, use) => {
      const site = await startWidgetSite();
      await use(site);
      await site.close();
    },
    { scope: 'worker' },
  ],
});

const rich = (name: string) =>
  readFileSync(
    new URL(`../../../../test-support/fixtures/chatkit/rich/${name}`, import.meta.url),
    'utf8',
  );
type Event = { type: string; [key: string]: unknown };
const sse = (name: string): Event[] =>
  rich(name)
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)));
const json = (name: string) => JSON.parse(rich(name));

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const thread = (id = 'thr_t', extra: Record<string, unknown> = {}): Event => ({
  type: 'thread.created',
  thread: {
    id,
    created_at: '2025-01-02T03:04:05',
    status: { type: 'active' },
    metadata: {},
    items: { data: [], has_more: false },
    ...extra,
  },
});
const widgetItem = (id: string, widget: unknown): Event => ({
  type: 'thread.item.done',
  item: { id, thread_id: 'thr_t', created_at: '2025-01-02T03:04:05', type: 'widget', widget },
});

/** One widget item per entry of widgets.components.json (components wrapped in a Basic root). */
function everyComponent(): Event[] {
  const components = json('widgets.components.json') as Record<string, { type: string }>;
  return [
    thread(),
    ...Object.entries(components).map(([type, node]) =>
      widgetItem(
        `w_${type}`,
        ['Card', 'ListView', 'Basic'].includes(type) ? node : { type: 'Basic', children: [node] },
      ),
    ),
  ];
}

async function open(page: Page, site: WidgetSite, query = '') {
  await page.route(/^https:\/\/(images\.)?example\.com\//, (route) =>
    route.fulfill({ contentType: 'image/png', body: PNG }),
  );
  await page.goto(`${site.origin}/${query}`);
  await page.waitForFunction(() => customElements.get('widget-harness') !== undefined);
}
const apply = (page: Page, events: Event[]) =>
  page.evaluate((e) => document.querySelector('widget-harness')!.apply(e as never), events);
const item = (page: Page, id: string) => page.locator(`widget-harness [data-item="${id}"]`);
const pageState = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __xss: number; __violations: string[]; __actions: unknown[] };
    return { xss: w.__xss, violations: w.__violations, actions: w.__actions };
  });

test.describe('widget renderer', () => {
  test('renders every component of widgets.components.json, none as a fallback', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, everyComponent());
    await expect(page.locator('widget-harness .item')).toHaveCount(27);
    await expect(page.locator('widget-harness .w-fallback')).toHaveCount(0);

    const card = item(page, 'w_Card');
    await expect(card.locator('.w-status')).toHaveText('Order A-1234');
    await expect(card.locator('.w-text')).toHaveText('Place this order for €24.00?');
    await expect(card.locator('[part~="widget-confirm"]')).toHaveText('Place order');
    await expect(card.locator('[part~="widget-cancel"]')).toHaveText('Cancel');
    await expect(card.locator('form.w-card-form')).toHaveCount(1); // asForm

    const listView = item(page, 'w_ListView');
    await expect(listView.locator('.w-root')).toHaveAttribute('data-theme', 'dark');
    await expect(listView.locator('.w-favicon')).toHaveAttribute(
      'src',
      'https://example.com/favicon.ico',
    );
    await expect(listView.locator('.w-li')).toHaveCount(2);
    await expect(listView.locator('.w-li[role="button"]')).toHaveCount(1);

    await expect(item(page, 'w_Basic').locator('.w-title')).toHaveText('Ada Lovelace');
    const editable = item(page, 'w_Text').locator('input.w-editable');
    await expect(editable).toHaveValue('Hello, world');
    await expect(editable).toHaveAttribute('name', 'greeting');
    await expect(item(page, 'w_Title').locator('.w-title')).toHaveText('Order summary');
    await expect(item(page, 'w_Caption').locator('.w-caption')).toHaveText('Updated 2 minutes ago');
    const chart = item(page, 'w_Chart');
    await expect(chart.locator('svg rect')).toHaveCount(2);
    await expect(chart.locator('svg polyline')).toHaveCount(2);
    await expect(chart.locator('svg polygon')).toHaveCount(1);
    await expect(chart.locator('svg text', { hasText: 'January' })).toHaveCount(1);
    await expect(chart.locator('.w-legend')).toHaveText(/Revenue\s*Target\s*Forecast/);
    const badge = item(page, 'w_Badge').locator('.w-badge');
    await expect(badge).toHaveText('Pending');
    await expect(badge).toHaveAttribute('data-color', 'warning');
    // Its colour is the warning status colour's default (light-dark(#a16207, #facc15)).
    expect(await badge.evaluate((el) => getComputedStyle(el).getPropertyValue('--_c'))).toMatch(
      /light-dark\(\s*#a16207\s*,\s*#facc15\s*\)/,
    );
    const md = item(page, 'w_Markdown').locator('.w-md');
    await expect(md.locator('strong')).toHaveText('Bold');
    await expect(md.locator('code')).toHaveText('code');
    await expect(md.locator('a')).toHaveAttribute('href', 'https://example.com/');
    await expect(item(page, 'w_Box').locator('.w-box .w-text')).toHaveText(['Subtotal', '€24.00']);
    const box = item(page, 'w_Box').locator('.w-box').nth(1);
    expect(
      await box.evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.flexDirection, s.justifyContent, s.borderTopStyle, s.minHeight, s.paddingLeft];
      }),
    ).toEqual(['row', 'space-between', 'solid', '40px', '12px']);
    await expect(item(page, 'w_Row').locator('.w-icon svg path')).toHaveCount(1);
    await expect(item(page, 'w_Col').locator('.w-caption')).toHaveText('Admin');
    await expect(item(page, 'w_Divider').locator('hr.w-divider')).toHaveCount(1);
    await expect(item(page, 'w_Icon').locator('.w-icon')).toHaveAttribute('data-size', 'lg');
    const img = item(page, 'w_Image').locator('img');
    await expect(img).toHaveAttribute('src', 'https://images.example.com/beans.jpg');
    await expect(img).toHaveAttribute('alt', 'Coffee beans');
    expect(
      await img.evaluate((el) => [(el as HTMLElement).offsetWidth, getComputedStyle(el).objectFit]),
    ).toEqual([180, 'cover']);
    await expect(item(page, 'w_ListViewItem').locator('.w-li[role="button"]')).toContainText(
      'Order A-1234',
    );
    const button = item(page, 'w_Button').locator('button');
    await expect(button).toHaveText('Approve');
    await expect(button.locator('svg')).toHaveCount(2);
    // color: success wins over style: primary, and a plain button's default colour does not
    // override a status colour: its --_c is the success colour's default.
    const colours = await button.evaluate((el) => {
      const style = getComputedStyle(el);
      return ['--_c', '--_w-success', '--_accent'].map((name) => style.getPropertyValue(name));
    });
    expect(colours[0]).toBe(colours[1]);
    expect(colours[0]).not.toBe(colours[2]);
    await expect(item(page, 'w_Checkbox').locator('input[type="checkbox"]')).not.toBeChecked();
    await expect(item(page, 'w_Checkbox')).toContainText('This is a gift');
    await expect(item(page, 'w_Spacer').locator('.w-spacer')).toHaveCount(1);
    const select = item(page, 'w_Select').locator('select');
    await expect(select).toHaveValue('standard');
    await expect(select.locator('option[value="drone"]')).toBeDisabled();
    await expect(select.locator('option[value="express"]')).toHaveText('Express — Next day');
    const date = item(page, 'w_DatePicker').locator('input[type="date"]');
    await expect(date).toHaveValue('2025-01-10');
    await expect(date).toHaveAttribute('min', '2025-01-03');
    await expect(date).toHaveAttribute('max', '2025-01-31');
    await expect(item(page, 'w_Form').locator('form input[type="email"]')).toHaveAttribute(
      'required',
      '',
    );
    await expect(item(page, 'w_Form').locator('form button[type="submit"]')).toHaveText('Save');
    const input = item(page, 'w_Input').locator('input');
    await expect(input).toHaveValue('ada@example.com');
    await expect(input).toHaveAttribute('pattern', '.+@.+');
    const label = item(page, 'w_Label').locator('label');
    await expect(label).toHaveText('Email');
    await expect(label).toHaveAttribute('for', 'w_Label:email');
    const radios = item(page, 'w_RadioGroup').locator('input[type="radio"]');
    await expect(radios).toHaveCount(3);
    await expect(radios.nth(0)).toBeChecked();
    await expect(radios.nth(2)).toBeDisabled();
    await expect(item(page, 'w_RadioGroup').locator('[role="radiogroup"]')).toHaveAttribute(
      'aria-label',
      'Packaging',
    );
    const textarea = item(page, 'w_Textarea').locator('textarea');
    await expect(textarea).toHaveAttribute('rows', '3');
    await expect(textarea).toHaveAttribute('placeholder', 'Leave at the door…');
    await expect(item(page, 'w_Transition').locator('.w-badge')).toHaveText('Saved');
  });

  test('an unknown component or a malformed tree renders a neutral fallback', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, [
      thread(),
      widgetItem('w_unknown', {
        type: 'Card',
        children: [{ type: 'Hologram', value: 'x' }, { type: 'Text', value: 'still here' }, 42],
      }),
      widgetItem('w_bad_props', {
        type: 'Card',
        children: [
          { type: 'Select', name: 's', options: 'not a list' },
          { type: 'Row', children: { nope: true } },
          { type: 'Chart', data: 5, series: null },
          { type: 'Image', src: 17 },
        ],
        status: 3,
        confirm: { label: 5, action: 'x' },
      }),
      widgetItem('w_null', null),
    ]);
    await expect(item(page, 'w_unknown').locator('.w-fallback')).toHaveCount(2);
    await expect(item(page, 'w_unknown').locator('.w-text')).toHaveText('still here');
    await expect(item(page, 'w_bad_props').locator('select')).toHaveCount(1);
    await expect(item(page, 'w_null').locator('.w-fallback')).toHaveCount(1);
  });

  test('the recorded widget stream renders, and streamed text updates the same DOM', async ({
    page,
    site,
  }) => {
    await open(page, site);
    const events = sse('widget.threads.create.response.sse');
    const added = events.findIndex((e) => e.type === 'thread.item.added');
    await apply(page, events.slice(0, added + 1));
    const eta = item(page, 'msg_00000016');
    await expect(eta.locator('.w-md')).toHaveAttribute('aria-busy', 'true');
    await eta.locator('.w-card').evaluate((el) => {
      (window as unknown as { __card: Element }).__card = el;
    });
    await eta.locator('.w-md').evaluate((el) => {
      (window as unknown as { __md: Element }).__md = el;
    });
    for (const event of events.slice(added + 1)) await apply(page, [event]);
    await expect(eta.locator('.w-md strong')).toHaveText('today');
    await expect(eta.locator('.w-md')).toHaveText(
      'Your order ships today and arrives in 2–3 days.',
    );
    await expect(eta.locator('.w-md')).toHaveAttribute('aria-busy', 'false');
    await expect(eta.locator('.w-text')).toHaveText('Checked just now');
    await expect(eta.locator('.w-badge')).toHaveText('On schedule');
    // widget.root.updated patched the card in place: same elements as before the stream.
    expect(
      await page.evaluate(() => {
        const w = window as unknown as { __card: Element; __md: Element };
        const root = document.querySelector('widget-harness')!.shadowRoot!;
        return [
          w.__card === root.querySelector('[data-item="msg_00000016"] .w-card'),
          w.__md === root.querySelector('[data-item="msg_00000016"] .w-md'),
        ];
      }),
    ).toEqual([true, true]);
    // The other two widgets of the stream.
    await expect(item(page, 'msg_00000014').locator('.w-status')).toHaveText('Coffee shop');
    await expect(item(page, 'msg_00000015').locator('.w-li')).toHaveCount(3);
    await expect(page.locator('widget-harness .w-fallback')).toHaveCount(0);
    // thread.updated brought allowed_image_domains; the fixture's image is on that host.
    await expect(item(page, 'msg_00000014').locator('img')).toHaveAttribute(
      'src',
      'https://images.example.com/beans.jpg',
    );
  });

  test('updates into a widget keep focus and what the user typed', async ({ page, site }) => {
    await open(page, site);
    await apply(page, sse('widget.threads.create.response.sse'));
    const card = item(page, 'msg_00000014');
    await card.locator('input[name="name"]').fill('Ada');
    await card.locator('select[name="speed"]').selectOption('express');
    await card.locator('input[name="gift"]').check();
    const note = card.locator('textarea[name="note"]');
    await note.fill('Ring twice');
    await expect(note).toBeFocused();
    // Two component updates (the recorded approve answer), then a whole new root.
    const updates = sse('action.threads.custom_action.approve.response.sse').filter(
      (e) => (e.update as { type?: string } | undefined)?.type === 'widget.component.updated',
    );
    for (const update of updates) await apply(page, [update]);
    const root = json('action.threads.get_by_id.response.json').items.data[1].widget;
    const withForm = {
      ...root,
      children: root.children.map((c: { id?: string }) =>
        c.id === 'delivery-saved'
          ? (
              sse('widget.threads.create.response.sse')[3]!.item as {
                widget: { children: unknown[] };
              }
            ).widget.children[5]
          : c,
      ),
    };
    await apply(page, [
      {
        type: 'thread.item.updated',
        item_id: 'msg_00000014',
        update: { type: 'widget.root.updated', widget: withForm },
      },
    ]);
    await expect(card.locator('.w-badge')).toHaveText('Approved');
    await expect(card.locator('.w-caption')).toHaveText('Refreshed 2 Jan 2025, 03:04: roasting');
    await expect(card.locator('button', { hasText: 'Approved' })).toBeDisabled();
    await expect(note).toBeFocused();
    await expect(note).toHaveValue('Ring twice');
    await expect(card.locator('input[name="name"]')).toHaveValue('Ada');
    await expect(card.locator('select[name="speed"]')).toHaveValue('express');
    await expect(card.locator('input[name="gift"]')).toBeChecked();
    await page.keyboard.type('!');
    await expect(note).toHaveValue('Ring twice!');
  });

  test('reordered, inserted and removed children: kept nodes keep their DOM and input', async ({
    page,
    site,
  }) => {
    await open(page, site);
    const text = (id: string) => ({ type: 'Text', id, value: id });
    const field = { type: 'Input', id: 'f', name: 'f' };
    const root = (children: unknown[]) => ({ type: 'Basic', children });
    await apply(page, [
      thread(),
      widgetItem('w_keys', root([text('a'), field, text('b'), text('c')])),
    ]);
    const box = item(page, 'w_keys');
    await box.locator('input[name="f"]').fill('typed');
    await box
      .locator('.w-text')
      .first()
      .evaluate((el) => {
        (window as unknown as { __a: Element }).__a = el;
      });
    const update = (children: unknown[]) =>
      apply(page, [
        {
          type: 'thread.item.updated',
          item_id: 'w_keys',
          update: { type: 'widget.root.updated', widget: root(children) },
        },
      ]);
    await update([text('c'), text('d'), field, text('a')]);
    const order = () =>
      box
        .locator('.w-text, input')
        .evaluateAll((els) => els.map((el) => el.textContent || el.tagName));
    expect(await order()).toEqual(['c', 'd', 'INPUT', 'a']);
    await expect(box.locator('input[name="f"]')).toHaveValue('typed');
    expect(
      await box
        .locator('.w-text', { hasText: 'a' })
        .evaluate((el) => el === (window as unknown as { __a: Element }).__a),
    ).toBe(true);
    await update([field]);
    expect(await order()).toEqual(['INPUT']);
    await expect(box.locator('input[name="f"]')).toHaveValue('typed');
  });

  test('submitting the form sends the exact threads.custom_action body; the widget is busy until the reply', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, sse('widget.threads.create.response.sse'));
    const card = item(page, 'msg_00000014');
    await card.locator('input[name="name"]').fill('Ada');
    await card.locator('textarea[name="note"]').fill('Leave at the door');
    await card.locator('select[name="speed"]').selectOption('express');
    await card.getByLabel('Paper bag').check();
    await card.locator('input[name="date"]').fill('2025-01-10');
    await card.locator('input[name="gift"]').check();
    const before = site.requests.length;
    const release = site.hold();
    await card.getByRole('button', { name: 'Save details' }).click();
    // loadingBehavior "container": the whole card waits.
    await expect(card.locator('.w-root')).toHaveAttribute('aria-busy', 'true');
    for (const button of await card.locator('button').all()) await expect(button).toBeDisabled();
    await expect.poll(() => site.requests.length).toBe(before + 1);
    expect(site.requests.at(-1)).toEqual(json('action.threads.custom_action.form.request.json'));
    release();
    // The recorded reply replaces the form with a Text.
    await expect(card.locator('form')).toHaveCount(0);
    await expect(card.locator('.w-text', { hasText: 'Delivery saved' })).toBeVisible();
    await expect(card.locator('.w-root')).toHaveAttribute('aria-busy', 'false');
    await expect(card.getByRole('button', { name: 'Details', exact: true })).toBeEnabled();
    const events = (await pageState(page)).actions as {
      action: { type: string };
      values: unknown;
    }[];
    expect(events.at(-1)?.action.type).toBe('order.delivery');
  });

  test('a required field blocks the submit', async ({ page, site }) => {
    await open(page, site);
    await apply(page, sse('widget.threads.create.response.sse'));
    const before = site.requests.length;
    await item(page, 'msg_00000014').getByRole('button', { name: 'Save details' }).click();
    await expect(item(page, 'msg_00000014').locator('input[name="name"]')).toBeFocused();
    expect(site.requests.length).toBe(before);
  });

  test('pressing a button sends the exact body and applies the streamed widget updates', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, sse('widget.threads.create.response.sse'));
    const card = item(page, 'msg_00000014');
    const release = site.hold();
    const before = site.requests.length;
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect(card.locator('.w-root')).toHaveAttribute('aria-busy', 'true');
    await expect(card.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    // The pressed button keeps focus while it waits (aria-disabled, not disabled), and a
    // second press sends nothing.
    await expect(card.getByRole('button', { name: 'Approve' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => site.requests.length).toBe(before + 1);
    expect(site.requests.at(-1)).toEqual(json('action.threads.custom_action.approve.request.json'));
    release();
    await expect(card.locator('.w-badge')).toHaveText('Approved');
    await expect(card.getByRole('button', { name: 'Approved' })).toBeDisabled();
    await expect(card.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  });

  test('a streaming:false action sends threads.sync_custom_action and disables only itself', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, sse('widget.threads.create.response.sse'));
    const card = item(page, 'msg_00000014');
    const release = site.hold();
    const before = site.requests.length;
    await card.getByRole('button', { name: 'Refresh' }).click();
    await expect(card.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    await expect(card.getByRole('button', { name: 'Refresh' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await expect(card.getByRole('button', { name: 'Approve' })).toBeEnabled();
    await expect.poll(() => site.requests.length).toBe(before + 1);
    expect(site.requests.at(-1)).toEqual(json('action.threads.sync_custom_action.request.json'));
    release();
    await expect(card.locator('.w-caption')).toHaveText('Refreshed 2 Jan 2025, 03:04: roasting');
    await expect(card.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  });

  test('client actions fire chat-widget-action and send nothing; a cancelled server action is not sent', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, sse('widget.threads.create.response.sse'));
    const before = site.requests.length;
    await item(page, 'msg_00000014').getByRole('button', { name: 'Details', exact: true }).click();
    await expect.poll(async () => (await pageState(page)).actions.length).toBe(1);
    expect((await pageState(page)).actions[0]).toEqual({
      action: {
        type: 'order.details',
        payload: { order_id: 'A-1234' },
        handler: 'client',
        loadingBehavior: 'none',
        streaming: true,
      },
      itemId: 'msg_00000014',
      values: null,
    });
    // A host that cancels the event keeps a server action (a template ListViewItem) local.
    await page.evaluate(() => {
      (window as unknown as { __cancelActions: boolean }).__cancelActions = true;
    });
    const row = item(page, 'msg_00000015').locator('.w-li[role="button"]').first();
    await row.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await pageState(page)).actions.length).toBe(2);
    expect((await pageState(page)).actions[1]).toMatchObject({
      action: { type: 'order.open', handler: 'server', loadingBehavior: 'auto', streaming: true },
      itemId: 'msg_00000015',
    });
    await page.waitForTimeout(200);
    expect(site.requests.length).toBe(before);
  });

  test('XSS vectors in every text and URL prop render inert', async ({ page, site }) => {
    const x = '<img src=x onerror="window.__xss++"><script>window.__xss++</script>';
    const js = 'javascript:window.__xss++';
    await open(page, site, '?csp=off');
    await apply(page, [
      thread(),
      widgetItem('w_xss', {
        type: 'Card',
        id: `"><img src=x onerror=window.__xss++>`,
        status: { text: x, favicon: js },
        asForm: true,
        confirm: { label: x, action: { type: x, payload: { x } } },
        cancel: { label: x, action: { type: 'c' } },
        background: `red;background-image:url(${js})`,
        children: [
          { type: 'Title', value: x, color: `url(${js})` },
          { type: 'Text', value: x, width: `1px;background:url(${js})` },
          { type: 'Caption', value: x },
          { type: 'Label', value: x, fieldName: x },
          { type: 'Markdown', value: `${x} [link](${js}) ![img](${js}) <a href="${js}">raw</a>` },
          { type: 'Badge', label: x, color: x },
          { type: 'Icon', name: x },
          { type: 'Image', src: js, alt: x },
          { type: 'Image', src: 'data:image/svg+xml,<svg onload="window.__xss++"/>', alt: 'd' },
          { type: 'Button', label: x, iconStart: x, onClickAction: { type: 'b' } },
          { type: 'Input', name: x, placeholder: x, defaultValue: x, pattern: x },
          { type: 'Textarea', name: 't', placeholder: x, defaultValue: x },
          {
            type: 'Select',
            name: 's',
            placeholder: x,
            options: [{ value: x, label: x, description: x }],
          },
          { type: 'Checkbox', name: 'c', label: x },
          { type: 'RadioGroup', name: 'r', ariaLabel: x, options: [{ value: x, label: x }] },
          { type: 'DatePicker', name: 'd', placeholder: x, min: x },
          { type: 'Text', value: 'e', editable: { name: x, placeholder: x, pattern: x } },
          {
            type: 'Chart',
            data: [{ k: x, v: 1 }],
            series: [{ type: 'bar', dataKey: 'v', label: x, color: x }],
            xAxis: { dataKey: 'k', labels: { [x]: x } },
          },
          { type: 'Transition', children: { type: 'Text', value: x } },
          { type: x, value: x },
        ],
      }),
      widgetItem('w_xss_list', {
        type: 'ListView',
        status: { text: x, favicon: 'https://evil.test/a.png' },
        children: [{ type: 'ListViewItem', key: x, children: [{ type: 'Text', value: x }] }],
      }),
    ]);
    const root = item(page, 'w_xss');
    await expect(root.locator('.w-title')).toHaveText(x);
    await expect(root.locator('.w-status')).toHaveText(x);
    await expect(root.locator('input[name="d"]')).toHaveCount(1);
    for (const el of await page.locator('widget-harness :is(a, button, .w-li)').all())
      await el.click({ timeout: 1000, trial: false }).catch(() => {});
    await page.waitForTimeout(300);
    expect((await pageState(page)).xss).toBe(0);
    const audit = await page.evaluate(() =>
      Array.from(document.querySelector('widget-harness')!.shadowRoot!.querySelectorAll('*')).map(
        (el) => ({
          tag: el.tagName.toLowerCase(),
          handlers: el.getAttributeNames().filter((n) => n.startsWith('on')),
          url: el.getAttribute('href') ?? el.getAttribute('src') ?? '',
          style: (el as HTMLElement).style?.cssText ?? '',
        }),
      ),
    );
    expect(audit.filter((e) => ['script', 'iframe', 'object', 'embed'].includes(e.tag))).toEqual(
      [],
    );
    expect(audit.filter((e) => e.handlers.length)).toEqual([]);
    expect(audit.filter((e) => e.url && !/^https:\/\/[a-z.]+\/[a-z./]*$/.test(e.url))).toEqual([]);
    expect(audit.filter((e) => /url\(|javascript/i.test(e.style))).toEqual([]);
    // Only the two safe images exist: the javascript: and data: ones became placeholders.
    await expect(root.locator('img')).toHaveCount(0);
    await expect(root.locator('.w-img-blocked')).toHaveCount(2);
    // Not on the allow list once the thread has one: the favicon is left out.
    await apply(page, [
      {
        type: 'thread.updated',
        thread: { ...(thread().thread as object), allowed_image_domains: ['images.example.com'] },
      },
    ]);
    await expect(item(page, 'w_xss_list').locator('img')).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe('/');
  });

  test('axe finds no violations in every component and the recorded widgets', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, [...everyComponent(), ...sse('widget.threads.create.response.sse').slice(1)]);
    await expect(page.locator('widget-harness .item')).toHaveCount(30);
    const result = await new AxeBuilder({ page }).include('widget-harness').analyze();
    expect(result.violations).toEqual([]);
  });

  test('no CSP violations under script-src/style-src self while rendering and acting', async ({
    page,
    site,
  }) => {
    await open(page, site);
    await apply(page, [...everyComponent(), ...sse('widget.threads.create.response.sse').slice(1)]);
    const card = item(page, 'msg_00000014');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect(card.locator('.w-badge')).toHaveText('Approved');
    await expect(item(page, 'w_Image').locator('img')).toHaveJSProperty('complete', true);
    // CSSOM styles did apply.
    expect(
      await item(page, 'w_Box')
        .locator('.w-box')
        .nth(1)
        .evaluate((el) => getComputedStyle(el).justifyContent),
    ).toBe('space-between');
    expect((await pageState(page)).violations).toEqual([]);
  });
});
