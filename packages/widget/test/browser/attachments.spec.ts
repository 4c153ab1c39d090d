// Attachments in the composer against the fixture site (real Better Auth, real ChatKit
// handler): off by default; the `attachments` attribute turns them on; the direct upload
// strategy with the bearer token on the API's origin; a failed upload shown inline and
// retried; too many files refused; the sent message carries the ids; removing a file
// deletes it on the server.
import type { Locator, Page } from '@playwright/test';
import { expect, openPage, part, signIn, test } from './fixtures/test.ts';

async function drop(page: Page, files: { name: string; type: string; text: string }[]) {
  await page.evaluate((files) => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([f.text], f.name, { type: f.type }));
    const panel = document.querySelector('chat-widget')!.shadowRoot!.querySelector('#panel')!;
    panel.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: data,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }, files);
}

const file = (name: string) => ({ name, type: 'text/plain', text: `contents of ${name}` });
const status = (tray: Locator, i: number) => tray.nth(i).getAttribute('data-status');

test('attachments: off by default; direct uploads with the token, failure + retry, too many, send, remove', async ({
  page,
  site,
}) => {
  await signIn(page, site);
  await openPage(page, site, { mode: 'inline' });
  await expect(part(page, 'input')).toBeEditable();
  await expect(part(page, 'attach-button')).toHaveCount(0);
  await drop(page, [file('ignored.txt')]);
  await expect(part(page, 'draft-attachment')).toHaveCount(0);

  await openPage(page, site, { mode: 'inline', attachments: '' });
  await expect(part(page, 'attach-button')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Attach files' })).toBeEnabled();
  await page.evaluate(() => {
    document.querySelector('chat-widget')!.attachments = {
      maxCount: 2,
      accept: { 'text/plain': ['.txt'] },
      uploadStrategy: { type: 'direct', uploadUrl: '/direct-upload' },
    };
  });
  await expect(part(page, 'attach-button').locator('input')).toHaveAttribute(
    'accept',
    'text/plain,.txt',
  );

  // The first upload fails: the file stays, marked, with an inline error and a retry button.
  site.failUploads(1);
  await drop(page, [file('a.txt'), file('b.txt'), file('c.txt')]);
  const tray = part(page, 'draft-attachment');
  await expect(tray).toHaveCount(2);
  const error = part(page, 'attachment-error');
  await expect(error).toContainText('c.txt was not attached: at most 2 files per message.');
  await expect(error).toContainText(/Could not upload [ab]\.txt\./);
  await expect(part(page, 'upload-failed')).toHaveCount(1);
  await expect(part(page, 'send-button')).toBeDisabled();
  const failed = (await status(tray, 0)) === 'failed' ? 'a.txt' : 'b.txt';
  await page.getByRole('button', { name: `Retry uploading ${failed}` }).click();
  await expect(part(page, 'upload-failed')).toHaveCount(0);
  await expect.poll(() => status(tray, 0)).toBe('done');
  await expect.poll(() => status(tray, 1)).toBe('done');
  // Same origin as api-url: every direct upload carried the bearer token.
  expect(site.directUploads.map((u) => u.bearer)).toEqual([true, true, true]);
  expect(site.directUploads.map((u) => u.name).sort()).toEqual(['a.txt', 'b.txt', failed].sort());

  // Remove one (attachments.delete), send the other: its id goes in the message.
  await page.getByRole('button', { name: 'Remove b.txt' }).click();
  await expect.poll(() => site.chatkitRequests.at(-1)).toBe('attachments.delete');
  await expect(tray).toHaveCount(1);
  await part(page, 'input').fill('with a file');
  await part(page, 'input').press('Enter');
  await expect(part(page, 'user').first()).toContainText('with a file');
  await expect(part(part(page, 'user').first(), 'attachment-file')).toContainText('a.txt');
  await expect(tray).toHaveCount(0);
  // The latest threads.create: the site fixture may have served earlier tests too.
  const create = [...site.chatkitBodies]
    .reverse()
    .find((b) => (b as { type?: string } | null)?.type === 'threads.create') as {
    params: { input: { attachments: string[] } };
  };
  expect(create.params.input.attachments).toHaveLength(1);
  expect(create.params.input.attachments[0]).toMatch(/^atc_direct\d+$/);
  await expect(part(page, 'send-button')).toBeVisible();
});
