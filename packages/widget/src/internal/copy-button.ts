// The copy button of code blocks, in one place: its markup, its styles, the
// delegated click handler <chat-widget> installs on the message list, and the
// clipboard write. The markdown renderer only places the button it is given.
import { html, type TemplateResult } from 'lit';
import { checkIcon, copyIcon } from '../icons.js';
import { css } from './element-base.js';
import type { ChatWidgetStrings } from './strings.js';

type CopyStrings = Pick<ChatWidgetStrings, 'copy' | 'copied' | 'copyCode'>;

/** How long the button says "Copied" (ms). */
const COPIED_FOR = 1500;

/** One button template per strings object: rendered code blocks are guarded on it. */
const buttons = new WeakMap<CopyStrings, TemplateResult>();

/** The button for the top of a code block. Clicks are handled by {@link onCopyClick}. */
export function renderCopyButton(strings: CopyStrings): TemplateResult {
  let button = buttons.get(strings);
  if (!button) {
    button = html`<button type="button" class="copy-button" part="copy-button" aria-label=${strings.copyCode} data-copy><span class="copy-idle">${copyIcon}${strings.copy}</span><span class="copy-done">${checkIcon}${strings.copied}</span></button>`;
    buttons.set(strings, button);
  }
  return button;
}

/**
 * Delegated click handler: when `event` comes from a copy button, copies the text of
 * its code block and shows "Copied" for a moment. Other clicks are ignored.
 */
export async function onCopyClick(
  event: Event,
  root: ShadowRoot,
  strings: CopyStrings,
): Promise<void> {
  const button = (event.target as Element | null)?.closest?.<HTMLElement>('[data-copy]');
  if (!button) return;
  const code = button.closest('.code-block')?.querySelector('code');
  if (!code) return;
  if (await copyText(code.textContent ?? '', root))
    showCopied(button, strings.copied, strings.copyCode);
}

/** A copy button says `copied` for a moment (`data-copied`), then `label` again. */
export function showCopied(button: HTMLElement, copied: string, label: string): void {
  button.setAttribute('data-copied', '');
  button.setAttribute('aria-label', copied);
  setTimeout(() => {
    button.removeAttribute('data-copied');
    button.setAttribute('aria-label', label);
  }, COPIED_FOR);
}

/** Copies text: the async Clipboard API, else a hidden textarea + execCommand (http pages, old browsers). */
export async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or insecure context: fall through.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  root.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export const copyButtonStyles = css`
  .code-block {
    position: relative;
  }
  .code-block pre {
    padding-top: 34px;
  }
  .copy-button {
    position: absolute;
    z-index: 1;
    top: 6px;
    inset-inline-end: 6px;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 3px 8px;
    font-size: 0.75em;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_bg);
    color: var(--_muted);
  }
  .copy-button svg {
    width: 14px;
    height: 14px;
  }
  /* Its two labels (the rules below hide one: equal specificity, later). */
  .copy-button > * {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  /* Also the copy action of a message (items/message-actions.ts). */
  .copy-done,
  [data-copied] .copy-idle {
    display: none;
  }
  [data-copied] .copy-done {
    display: inline-flex;
  }
`;
