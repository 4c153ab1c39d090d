// Journey: attachments against the demo. An image dropped on the panel and a PDF from
// the file picker upload with visible progress, go out with the message, show on it
// and again after a reload; a pasted image joins the next message; a file too big and
// one of a refused type are turned away with clear errors while the typed text and the
// other files stay; a hostile file name is only ever text; axe is clean with files in
// the tray (and the fixture's guard fails the test on any CSP violation).
import type { Locator, Page } from '@playwright/test';
import {
  axeViolations,
  expect,
  launcher,
  openLauncher,
  part,
  signUpOnHostPage,
  test,
  userMessages,
} from '../fixtures.ts';

/** A 1×1 PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
const XSS = `<img src=x onerror="window.__xss=1">"><svg onload=alert(1)>`;

/** Drops (or pastes, images only) files built in the page onto the widget's panel. */
async function dropOrPaste(
  widget: Locator,
  kind: 'drop' | 'paste',
  files: { name: string; type: string; base64?: string; size?: number }[],
) {
  await widget.evaluate(
    (host, { kind, files }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = f.base64
          ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
          : new Uint8Array(f.size ?? 0);
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const root = host.shadowRoot!;
      const target =
        kind === 'drop' ? root.querySelector('[part~="panel"]')! : root.querySelector('#input')!;
      const init = { bubbles: true, composed: true, cancelable: true };
      if (kind === 'drop') {
        target.dispatchEvent(new DragEvent('dragover', { ...init, dataTransfer: data }));
        target.dispatchEvent(new DragEvent('drop', { ...init, dataTransfer: data }));
      } else {
        target.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: data }));
      }
    },
    { kind, files },
  );
}

/** Holds every upload request until `release()` (so progress can be seen), then lets it through. */
async function holdUploads(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/chatkit\?upload=/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('attachments: drop, pick, progress, send, reload, paste, refusals, hostile names, axe', async ({
  page,
  demo,
}) => {
  await signUpOnHostPage(page, demo);
  const widget = launcher(page);
  await openLauncher(widget);
  const input = part(widget, 'input');
  const tray = part(widget, 'draft-attachment');

  // An image by drag and drop, a PDF (hostile name) by the file picker; uploads held open.
  const release = await holdUploads(page);
  await dropOrPaste(widget, 'drop', [{ name: 'leaf.png', type: 'image/png', base64: PNG_BASE64 }]);
  const chooser = page.waitForEvent('filechooser');
  // The attach button is a labelled file input, reachable by role and name.
  await widget.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({
    name: `${XSS}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(PDF),
  });
  await expect(tray).toHaveCount(2);
  await expect(part(widget, 'upload-progress')).toHaveCount(2);
  await expect(widget.getByRole('progressbar', { name: 'Uploading leaf.png' })).toBeVisible();
  await expect(part(widget, 'send-button')).toBeDisabled();
  // The local image previews from an object URL; the name is text, never markup.
  await expect(tray.first().locator('img')).toHaveAttribute('src', /^blob:/);
  await expect(tray.nth(1)).toContainText(`${XSS}.pdf`);
  expect(await axeViolations(page, '#launcher-chat')).toEqual([]);
  release();
  await expect(part(widget, 'upload-progress')).toHaveCount(0);
  await expect(tray.first()).toHaveAttribute('data-status', 'done');
  await expect(tray.nth(1)).toHaveAttribute('data-status', 'done');

  // Refused: a file over the 10 MiB limit and a type the demo does not take. The text
  // typed so far and both uploaded files stay.
  await input.fill('Here are my files');
  await dropOrPaste(widget, 'drop', [
    { name: 'huge.png', type: 'image/png', size: 10 * 1024 * 1024 + 1 },
    { name: 'notes.html', type: 'text/html', size: 20 },
  ]);
  const errors = part(widget, 'attachment-error');
  await expect(errors).toContainText('huge.png is too large (the limit is 10 MB).');
  await expect(errors).toContainText('notes.html is a type of file that cannot be attached.');
  await expect(errors).toHaveAttribute('role', 'alert');
  await expect(input).toHaveValue('Here are my files');
  await expect(tray).toHaveCount(2);

  // Removing an uploaded file deletes it on the server (`attachments.delete`).
  await dropOrPaste(widget, 'drop', [{ name: 'extra.png', type: 'image/png', base64: PNG_BASE64 }]);
  await expect(tray.nth(2)).toHaveAttribute('data-status', 'done');
  const deleted = page.waitForRequest(
    (r) => r.method() === 'POST' && (r.postData() ?? '').includes('"attachments.delete"'),
  );
  await widget.getByRole('button', { name: 'Remove extra.png' }).click();
  await deleted;
  await expect(tray).toHaveCount(2);

  // Send: the message carries both, the tray empties.
  await input.press('Enter');
  const message = userMessages(widget).first();
  await expect(message).toContainText('Here are my files');
  await expect(part(message, 'attachment-image')).toHaveAttribute('alt', 'leaf.png');
  // The private preview loads with the token, shown from an object URL.
  await expect(part(message, 'attachment-image')).toHaveAttribute('src', /^blob:/);
  await expect(part(message, 'attachment-file')).toContainText(`${XSS}.pdf`);
  await expect(tray).toHaveCount(0);
  await expect(part(widget, 'send-button')).toBeVisible({ timeout: 20_000 });

  // A pasted image goes with the next message (no text needed).
  await dropOrPaste(widget, 'paste', [
    { name: 'pasted.png', type: 'image/png', base64: PNG_BASE64 },
  ]);
  await expect(tray.first()).toHaveAttribute('data-status', 'done');
  await part(widget, 'send-button').click();
  await expect(userMessages(widget)).toHaveCount(2);
  await expect(part(userMessages(widget).nth(1), 'attachment-image')).toHaveAttribute(
    'alt',
    'pasted.png',
  );
  await expect(part(widget, 'send-button')).toBeVisible({ timeout: 20_000 });

  // After a reload the stored thread shows the same attachments.
  await page.reload();
  await expect(page.locator('#signed-in')).toBeVisible();
  await openLauncher(widget);
  await widget.getByRole('button', { name: 'Conversation history' }).click();
  await part(widget, 'history-item-button').first().click();
  const stored = userMessages(widget).first();
  await expect(part(stored, 'attachment-image')).toHaveAttribute('src', /^blob:/);
  await expect(part(stored, 'attachment-file')).toContainText(`${XSS}.pdf`);
  await expect(part(userMessages(widget).nth(1), 'attachment-image')).toHaveAttribute(
    'alt',
    'pasted.png',
  );
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(widget.locator('img[src="x"], svg[onload]')).toHaveCount(0);
});
