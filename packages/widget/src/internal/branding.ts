// The site's branding inside the panel: avatars, the disclaimer line under the composer,
// the header's own action buttons and start-screen prompts with icons. Host-given text
// only reaches the DOM through Lit bindings; URLs pass the http(s) gate (http-url.ts).
import { html, nothing } from 'lit';
import { type IconName, namedIcons } from '../icons.js';
import type { ChatPrompt, DisclaimerPart, HeaderAction } from './branding-options.js';
import { pageUrl } from './http-url.js';

const iconOf = (name: unknown) =>
  typeof name === 'string' && Object.hasOwn(namedIcons, name)
    ? namedIcons[name as IconName]
    : nothing;

/** A prompt as label (shown), prompt (sent) and icon. */
export const promptOf = (p: ChatPrompt) =>
  typeof p === 'string'
    ? { label: p, prompt: p, icon: nothing }
    : { label: p.label, prompt: p.prompt || p.label, icon: iconOf(p.icon) };

const URLISH = /[/.:]/;
const initialsOf = (name: string | null) =>
  (name ?? '')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase();

/** Rendered avatars per (value, name): the same template while they stay (messages are cached). */
const avatars = new Map<string, unknown>();

/**
 * An avatar: `value` is an image URL (anything with `/`, `.` or `:`; only http(s),
 * absolute or relative to the page) or initials; a refused or missing URL falls back to
 * the initials of `name`. Decorative (the name is in the text around it).
 */
export const renderAvatar = (value: string | null, name: string | null, who: string): unknown => {
  const key = `${who}\n${value}\n${name}`;
  let avatar = avatars.get(key);
  if (avatar === undefined) {
    const raw = value?.trim() ?? '';
    const url = URLISH.test(raw) ? pageUrl(raw, `${who}-avatar`) : null;
    const initials = [...(raw && !URLISH.test(raw) ? raw : initialsOf(name))].slice(0, 3).join('');
    avatar = url
      ? html`<img class="avatar" part="avatar ${who}-avatar" src=${url.href} alt="" referrerpolicy="no-referrer" />`
      : initials
        ? html`<span class="avatar" part="avatar ${who}-avatar" aria-hidden="true">${initials}</span>`
        : nothing;
    if (avatars.size > 16) avatars.clear();
    avatars.set(key, avatar);
  }
  return avatar;
};

/** `[text](url)` in a disclaimer string (the URL may hold one level of parentheses). */
const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;

/** The disclaimer as parts: a string's `[text](url)` become links; anything else is text. */
export const disclaimerParts = (value: unknown): DisclaimerPart[] => {
  if (Array.isArray(value))
    return value.filter((p): p is DisclaimerPart => typeof p?.text === 'string');
  if (typeof value !== 'string' || !value.trim()) return [];
  const parts: DisclaimerPart[] = [];
  let at = 0;
  for (const m of value.matchAll(LINK)) {
    if (m.index > at) parts.push({ text: value.slice(at, m.index) });
    parts.push({ text: m[1] as string, href: m[2] as string });
    at = m.index + m[0].length;
  }
  if (at < value.length) parts.push({ text: value.slice(at) });
  return parts;
};

/** The line under the composer; links open in a new tab (said to screen readers). */
export const renderDisclaimer = (value: unknown, newTab: string) => {
  const parts = disclaimerParts(value);
  return parts.length
    ? html`<p class="disclaimer" part="disclaimer">${parts.map((part) => {
        const url = part.href ? pageUrl(part.href, 'disclaimer link') : null;
        return url
          ? html`<a href=${url.href} target="_blank" rel="noopener noreferrer">${part.text}<span class="sr-only"> (${newTab})</span></a>`
          : part.text;
      })}</p>`
    : nothing;
};

/** The host's header buttons (two at most). */
export const renderHeaderActions = (
  actions: readonly HeaderAction[] | null,
  onAction: (id: string) => void,
) =>
  (actions ?? [])
    .filter((a) => typeof a?.id === 'string' && typeof a.label === 'string')
    .slice(0, 2)
    .map(
      (a) =>
        html`<button class="icon-button header-action" part="header-action" type="button" title=${a.label} data-id=${a.id} @click=${() => onAction(a.id)}>${iconOf(a.icon)}<span class="sr-only">${a.label}</span></button>`,
    );
