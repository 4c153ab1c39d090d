// The launcher's two icons and the helper every icon is drawn with: part of the loader,
// so icons.ts (the panel's set) builds on this instead of repeating it.
import { svg, type TemplateResult } from 'lit';

/** Wraps SVG content in the common 24×24 stroked frame, decorative (aria-hidden). */
export const icon = (body: TemplateResult<2>) =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const chatIcon = icon(
  svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`,
);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
