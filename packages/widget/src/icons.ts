/**
 * Inline SVG icons (no icon font, nothing fetched). All are decorative: aria-hidden.
 * Those that show what a widget icon shows use its path data (widgets/icons.ts).
 */
import type { SVGTemplateResult } from 'lit';
import { iconSvg, PATHS, ring } from './widgets/icons.js';

export const chatIcon = iconSvg('M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z');
export const closeIcon = iconSvg('M6 6l12 12M18 6L6 18');
export const sendIcon = iconSvg('M12 19V5M5 12l7-7 7 7');
export const stopIcon = iconSvg('M8 8h8v8H8z', true);
export const plusIcon = iconSvg(PATHS.plus!);
export const historyIcon = iconSvg('M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2');
/** Points back along the line of text: wrap it in `.flip-rtl` so it mirrors right to left. */
export const backIcon = iconSvg(PATHS['chevron-left']!);
export const editIcon = iconSvg(PATHS.write!);
export const trashIcon = iconSvg('M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3');
export const copyIcon = iconSvg(
  'M11 9h7a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-7a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2zM5 15V5a1 1 0 0 1 1-1h10',
);
export const checkIcon = iconSvg(PATHS.check!);
export const arrowDownIcon = iconSvg('M12 5v14M5 12l7 7 7-7');
export const retryIcon = iconSvg(PATHS.reload!);
export const alertIcon = iconSvg(`${ring}M12 8v5M12 16h.01`);
export const thumbUpIcon = iconSvg(
  'M7 11v9H4v-9h3zM7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7',
);
export const thumbDownIcon = iconSvg(
  'M17 13V4h3v9h-3zM17 13l-4 7a2 2 0 0 1-3-2l1-4H6a2 2 0 0 1-2-2.3l1.2-6A2 2 0 0 1 7.2 4H17',
);
export const attachIcon = iconSvg(
  'M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7',
);
export const helpIcon = iconSvg(PATHS['circle-question']!);
export const mailIcon = iconSvg(PATHS.mail!);
export const phoneIcon = iconSvg(PATHS.phone!);
/** A box with an arrow leaving it: opens something elsewhere. */
export const externalIcon = iconSvg(PATHS['external-link']!);
export const sparkIcon = iconSvg(PATHS.sparkle!);

/** A name from {@link namedIcons}. */
export type IconName =
  | 'chat'
  | 'help'
  | 'mail'
  | 'phone'
  | 'external'
  | 'spark'
  | 'history'
  | 'plus'
  | 'edit'
  | 'copy'
  | 'check'
  | 'alert'
  | 'retry';

/**
 * The icons a host may name (header actions, start-screen prompts): `icon: 'help'`.
 * Inline SVG, so naming one loads nothing. Typed by name so the declaration files name
 * `lit` (a dependency), not `lit-html`.
 */
export const namedIcons: Record<IconName, SVGTemplateResult> = {
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
