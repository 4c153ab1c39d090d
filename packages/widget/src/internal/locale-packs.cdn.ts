// The script-tag build's pack loader: an IIFE cannot split code, so the packs are
// separate ES modules next to the script (dist/cdn/locales/<tag>.js), imported from
// the script's own URL. Same origin as the script, so `script-src 'self'` allows it.
import type { LocaleTag } from './locale.js';
import type { ChatWidgetStrings } from './strings.js';

// Captured while the script runs: `currentScript` is null once it has finished.
const script = typeof document === 'undefined' ? null : document.currentScript;
const base = script instanceof HTMLScriptElement && script.src ? script.src : null;

/** The texts of a locale pack. */
export const loadPack = async (tag: LocaleTag): Promise<ChatWidgetStrings> => {
  if (!base) throw new Error('chat-widget: cannot tell where the script was loaded from');
  const url = new URL(`locales/${tag}.js`, base).href;
  const module = (await import(/* @vite-ignore */ url)) as { default: ChatWidgetStrings };
  return module.default;
};
