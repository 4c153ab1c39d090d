// The script-tag build's pack loader: an IIFE cannot split code, so the packs are
// separate ES modules next to the script (dist/cdn/locales/<tag>.js), imported from
// the script's own URL. Same origin as the script, so `script-src 'self'` allows it.
import type { LocaleTag } from './locale.js';
import type { ChatWidgetStrings } from './strings.js';

// Captured while the script runs: `currentScript` is null once it has finished.
const script = typeof document === 'undefined' ? null : document.currentScript;
const base = (script as HTMLScriptElement | null)?.src;

/** The texts of a locale pack. */
export const loadPack = async (tag: LocaleTag): Promise<ChatWidgetStrings> => {
  // No script URL (e.g. loaded as a module): `new URL` throws and the texts stay English.
  const url = new URL(`locales/${tag}.js`, base).href;
  return ((await import(/* @vite-ignore */ url)) as { default: ChatWidgetStrings }).default;
};
