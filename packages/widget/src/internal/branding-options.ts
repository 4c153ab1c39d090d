// The branding and layout options as the element takes them: their types and the
// plain checks the element itself needs (no rendering here: this is part of the loader).
import type { IconName } from '../icons.js';

/** A start-screen prompt: its text, or a label with the text it sends and an icon. */
export type ChatPrompt = string | { label: string; prompt?: string; icon?: IconName };

/** A header button: pressing it fires `chat-header-action` with `{ id }`. */
export interface HeaderAction {
  id: string;
  /** Its accessible name and tooltip (shown beside the icon when the panel is wide). */
  label: string;
  icon?: IconName;
}

/** A piece of the disclaimer line: text, a link when `href` is an http(s) URL. */
export interface DisclaimerPart {
  text: string;
  href?: string;
}

/** Keeps the usable prompts of a host value (strings and objects with a `label`). */
export const validPrompts = (value: unknown): ChatPrompt[] =>
  Array.isArray(value)
    ? value.filter(
        (p): p is ChatPrompt =>
          (typeof p === 'string' && p.trim() !== '') ||
          (typeof p?.label === 'string' && p.label.trim() !== ''),
      )
    : [];

/**
 * `heading-level` → the level of replies' `#` headings and of the panel title (one
 * above, at least 1). Unset or invalid: title 2, replies unshifted.
 */
export const headingLevels = (value: number | null): { title: number; replies: number } => {
  const n = Math.min(6, Math.round(Number(value)));
  return n >= 1 ? { title: Math.max(1, n - 1), replies: n } : { title: 2, replies: 1 };
};
