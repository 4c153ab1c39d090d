/** Inline SVG icons (no icon font, nothing fetched). All are decorative: aria-hidden. */
import { svg, type TemplateResult } from 'lit';

const icon = (body: TemplateResult<2>) =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const chatIcon = icon(
  svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`,
);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
export const sendIcon = icon(svg`<path d="M12 19V5M5 12l7-7 7 7"/>`);
export const stopIcon = icon(
  svg`<rect x="7" y="7" width="10" height="10" rx="1.5" fill="currentColor" stroke="none"/>`,
);
export const plusIcon = icon(svg`<path d="M12 5v14M5 12h14"/>`);
export const historyIcon = icon(
  svg`<path d="M3 12a9 9 0 1 0 3-6.7L3 8"/><path d="M3 3v5h5M12 7v5l3 2"/>`,
);
/** Points back along the line of text: wrap it in `.flip-rtl` so it mirrors right to left. */
export const backIcon = icon(svg`<path d="M15 18l-6-6 6-6"/>`);
export const editIcon = icon(svg`<path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4"/>`);
export const trashIcon = icon(svg`<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>`);
export const copyIcon = icon(
  svg`<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a1 1 0 0 1 1-1h10"/>`,
);
export const checkIcon = icon(svg`<path d="M5 12l5 5L20 7"/>`);
export const arrowDownIcon = icon(svg`<path d="M12 5v14M5 12l7 7 7-7"/>`);
export const retryIcon = icon(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7"/><path d="M20 4v7h-7"/>`);
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 8v5M12 16h.01"/>`);
export const thumbUpIcon = icon(
  svg`<path d="M7 11v9H4v-9h3zM7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7"/>`,
);
export const thumbDownIcon = icon(
  svg`<path d="M17 13V4h3v9h-3zM17 13l-4 7a2 2 0 0 1-3-2l1-4H6a2 2 0 0 1-2-2.3l1.2-6A2 2 0 0 1 7.2 4H17"/>`,
);
export const attachIcon = icon(
  svg`<path d="M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7"/>`,
);
export const helpIcon = icon(
  svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9a2.5 2.5 0 0 1 4.9.7c0 1.8-2.4 2.3-2.4 3.8M12 17h.01"/>`,
);
export const mailIcon = icon(
  svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>`,
);
export const phoneIcon = icon(
  svg`<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"/>`,
);
/** A box with an arrow leaving it: opens something elsewhere. */
export const externalIcon = icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5H5V6h5"/>`);
export const sparkIcon = icon(
  svg`<path d="M12 3l2 5.5L19.5 10 14 12l-2 5.5L10 12 4.5 10 10 8.5z"/>`,
);

/**
 * The icons a host may name (header actions, start-screen prompts): `icon: 'help'`.
 * Inline SVG, so naming one loads nothing.
 */
export const namedIcons = {
  chat: chatIcon,
  help: helpIcon,
  mail: mailIcon,
  phone: phoneIcon,
  external: externalIcon,
  spark: sparkIcon,
  history: historyIcon,
  plus: plusIcon,
  edit: editIcon,
  copy: copyIcon,
  check: checkIcon,
  alert: alertIcon,
  retry: retryIcon,
};

/** A name from {@link namedIcons}. */
export type IconName = keyof typeof namedIcons;
