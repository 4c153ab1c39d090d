// Dictation and the composer's tool menu / model select against the fixture site's
// real ChatKit handler (demoTranscriber answers input.transcribe). Chromium's fake
// microphone records; a context without the microphone permission is refused. Two
// tests load the script-tag build (?charset=none, after `npm run build`) to see which
// chunks a page fetches: the loader and the panel, which carries the recording code and
// the tool menu and model select (chunks of their own cost more than they saved).
import type { Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../../e2e/chromium.ts';
import { axeViolations, expect, openPage, part, send, signIn, test } from './fixtures/test.ts';

test.use({
  launchOptions: {
    ...chromiumLaunchOptions,
    // A fake microphone; whether the page may use it is the context's permission.
    args: [...chromiumLaunchOptions.args, '--use-fake-device-for-media-stream'],
  },
});

const bodies = (site: { chatkitBodies: unknown[] }, type: string) =>
  site.chatkitBodies.filter((b) => (b as { type: string }).type === type);

/** Records the script-tag build's chunks the page fetches (file names without the hash). */
function chunksOf(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => {
    const m = /\/cdn\/chunks\/([a-z-]+)-[\w-]+\.js$/.exec(new URL(r.url()).pathname);
    if (m) names.push(m[1]!);
  });
  return names;
}

/** Waits for the reply to end (the send button is back). */
const replied = (page: Page) => expect(part(page, 'send-button')).toBeVisible({ timeout: 15_000 });

test.describe('composer extras', () => {
  test('dictation: the fake microphone fills the composer; Escape cancels; server errors say so', async ({
    page,
    site,
    context,
  }) => {
    await context.grantPermissions(['microphone'], { origin: site.origin });
    await signIn(page, site);
    const chunks = chunksOf(page);
    await openPage(page, site, { open: '', dictation: '', charset: 'none' });
    const mic = part(page, 'dictate-button');
    const input = part(page, 'input');
    await expect(mic).toHaveAccessibleName('Dictate');
    await expect(mic).toHaveAttribute('aria-pressed', 'false');
    expect([...new Set(chunks)].sort()).toEqual(['loader', 'panel']);
    await input.fill('Note:');

    await mic.click();
    await expect(mic).toHaveAttribute('aria-pressed', 'true');
    await expect(part(page, 'dictation-status')).toHaveText(/^Listening… .*Escape to cancel\.$/);
    await mic.click();
    // The heard text is appended for the user to edit, and focus is back in the composer.
    await expect(input).toHaveValue(/^Note: \(heard \d+(\.\d)? KB of audio\/webm\)$/);
    await expect(input).toBeFocused();
    await expect(mic).toHaveAttribute('aria-pressed', 'false');
    await expect(part(page, 'dictation-status')).toHaveCount(0);
    const [sent] = bodies(site, 'input.transcribe') as {
      params: { audio_base64: string; mime_type: string };
    }[];
    expect(Object.keys(sent!.params).sort()).toEqual(['audio_base64', 'mime_type']);
    expect(sent!.params.mime_type).toBe('audio/webm;codecs=opus');
    expect(sent!.params.audio_base64).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);

    // Escape cancels a recording: nothing is sent, the panel stays open.
    const value = await input.inputValue();
    await mic.click();
    await expect(mic).toHaveAttribute('aria-pressed', 'true');
    await mic.press('Escape');
    await expect(mic).toHaveAttribute('aria-pressed', 'false');
    await expect(part(page, 'panel')).toBeVisible();
    await expect(input).toHaveValue(value);
    expect(bodies(site, 'input.transcribe')).toHaveLength(1);

    // A server error is said inline.
    await mic.click();
    await expect(mic).toHaveAttribute('aria-pressed', 'true');
    site.failNext(1, 500);
    await mic.click();
    await expect(part(page, 'dictation-error')).toHaveText(
      'Could not transcribe: The server had a problem (500). Try again.',
    );
    await expect(input).toHaveValue(value);
    // The edited text is sent as usual.
    await input.press('Enter');
    await replied(page);
    expect(bodies(site, 'threads.create')).toHaveLength(1);
  });

  test('dictation: a blocked microphone and a browser without MediaRecorder get clear messages', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    const transcribed = bodies(site, 'input.transcribe').length;
    await openPage(page, site, { open: '', dictation: '' });
    await part(page, 'dictate-button').click();
    const error = part(page, 'dictation-error');
    await expect(error).toHaveText(
      'Microphone access is blocked. Allow it in your browser’s site settings to dictate.',
    );
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(part(page, 'dictate-button')).toHaveAttribute('aria-pressed', 'false');

    await page.addInitScript(() => {
      delete (window as { MediaRecorder?: unknown }).MediaRecorder;
    });
    await openPage(page, site, { open: '', dictation: '', locale: 'de' });
    await part(page, 'dictate-button').click();
    await expect(error).toHaveText('Dieser Browser kann keinen Ton aufnehmen.');
    expect(bodies(site, 'input.transcribe')).toHaveLength(transcribed);
  });

  test('tools and models: picked with the keyboard, sent in inference_options', async ({
    page,
    site,
  }) => {
    await signIn(page, site);
    const tools = [
      { id: 'search', label: 'Search the web', shortLabel: 'Search', icon: 'globe' },
      { id: 'code', label: 'Write code', placeholderOverride: 'Describe the program' },
      { id: 'draw', label: 'Draw', pinned: true, persistent: true },
    ];
    const models = [
      { id: 'fast', label: 'Fast' },
      { id: 'smart', label: 'Smart', default: true, description: 'Slower, better' },
      { id: 'old', label: 'Retired', disabled: true },
    ];
    const chunks = chunksOf(page);
    await openPage(page, site, {
      charset: 'none',
      open: '',
      tools: JSON.stringify(tools),
      models: JSON.stringify(models),
    });
    const from = site.chatkitBodies.length;
    const select = part(page, 'model-select');
    await expect(select).toHaveValue('smart');
    expect([...new Set(chunks)].sort()).toEqual(['loader', 'panel']);
    await expect(select).toHaveAccessibleName('Model');

    // Menu button: Enter opens it on the first tool, arrows move, Enter picks.
    const button = part(page, 'tools-button');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = page.getByRole('menu', { name: 'Tools' });
    // Pinned tools are not in the menu.
    await expect(menu.getByRole('menuitemradio')).toHaveText(['Search the web', 'Write code']);
    await expect(menu.getByRole('menuitemradio', { name: 'Search the web' })).toBeFocused();
    expect(await axeViolations(page, 'chat-widget')).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitemradio', { name: 'Write code' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const chip = part(page, 'tool-chip');
    await expect(chip).toHaveAccessibleName('Remove Search the web');
    await expect(chip).toHaveText('Search ×');
    await expect(part(page, 'input')).toBeFocused();
    await expect(menu).toHaveCount(0);
    // Escape closes the menu only.
    await button.press('Enter');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(part(page, 'panel')).toBeVisible();

    await select.selectOption('fast');
    await send(page, 'hello');
    await replied(page);
    // Not persistent: the tool is cleared after sending; the model stays.
    await expect(chip).toHaveCount(0);
    // A tool with a placeholder, then a pinned, persistent one.
    await button.click();
    await menu.getByRole('menuitemradio', { name: 'Write code' }).click();
    await expect(part(page, 'input')).toHaveAttribute('placeholder', 'Describe the program');
    await chip.click();
    const draw = part(page, 'pinned-tool');
    await draw.click();
    await expect(draw).toHaveAttribute('aria-pressed', 'true');
    await send(page, 'again');
    await replied(page);
    await expect(draw).toHaveAttribute('aria-pressed', 'true');

    const sent = site.chatkitBodies.slice(from) as { type: string; params: { input: unknown } }[];
    expect(sent.map((b) => b.type)).toEqual(['threads.create', 'threads.add_user_message']);
    expect(sent[0]).toEqual({
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: 'hello' }],
          attachments: [],
          quoted_text: '',
          inference_options: { tool_choice: { id: 'search' }, model: 'fast' },
        },
      },
    });
    expect(sent[1]!.params.input).toEqual({
      content: [{ type: 'input_text', text: 'again' }],
      attachments: [],
      quoted_text: '',
      inference_options: { tool_choice: { id: 'draw' }, model: 'fast' },
    });
  });
});
