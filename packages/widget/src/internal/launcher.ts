// The loader's own DOM, built with DOM calls (the loader has no template library; Lit's
// renderer arrives with the panel): the floating launcher button and its icons.
import type { ChatWidgetStrings } from './strings.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 icon (stroked as the panel's icons in icons.ts, by the loader's CSS). */
const icon = (d: string): SVGSVGElement => {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.appendChild(document.createElementNS(SVG, 'path')).setAttribute('d', d);
  return svg;
};

/** An element with a class and attributes. */
export const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
};

/** The floating round button that opens and closes the panel (launcher mode). */
export const createLauncher = (onToggle: () => void, onIntent: () => void): HTMLButtonElement => {
  const button = element('button', { class: 'launcher', part: 'launcher', type: 'button' });
  button.addEventListener('click', onToggle);
  // The pointer is over it or it has focus: the panel may open soon.
  button.addEventListener('pointerenter', onIntent);
  button.addEventListener('focus', onIntent);
  return button;
};

/** What each launcher shows now (its icon and badge are redrawn only when this changes). */
const looks = new WeakMap<HTMLButtonElement, string>();

/**
 * Brings the launcher up to date: label, expanded state, icon, the unread badge. With a
 * `label` ("Ask us") the closed launcher is a pill showing it beside the chat icon.
 */
export const updateLauncher = (
  button: HTMLButtonElement,
  props: { open: boolean; unread: boolean; strings: ChatWidgetStrings; label: string | null },
): void => {
  const { open, strings: s } = props;
  const unread = props.unread && !open;
  const label = open ? null : props.label || null;
  const name = label ?? s.openChat;
  button.setAttribute('aria-label', open ? s.closeChat : unread ? `${name} (${s.newReply})` : name);
  button.classList.toggle('labelled', label !== null);
  button.setAttribute('aria-expanded', String(open));
  if (open) button.setAttribute('aria-controls', 'panel');
  else button.removeAttribute('aria-controls');
  const look = `${open} ${unread} ${label}`;
  if (looks.get(button) === look) return;
  looks.set(button, look);
  button.replaceChildren(
    icon(open ? 'M6 6l12 12M18 6L6 18' : 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z'),
  );
  if (label) button.append(label);
  if (unread) button.append(element('span', { class: 'badge', part: 'badge' }));
};
