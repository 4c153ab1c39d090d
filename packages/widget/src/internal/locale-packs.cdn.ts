// The script-tag build's pack loader (rollup.config.mjs puts it in place of
// locale-packs.ts): each pack is an ES module of its own, dist/cdn/locales/<tag>.js, imported
// by its URL relative to this chunk (dist/cdn/chunks/) instead of from a map of 20 imports.
// Same origin as the script, so `script-src 'self'` allows it.
import type { LocaleTag } from './locale.js';
import type { ChatWidgetStrings } from './strings.js';

/** The texts of a locale pack. */
export const loadPack = async (tag: LocaleTag): Promise<ChatWidgetStrings> =>
  (
    (await import(/* @vite-ignore */ new URL(`../locales/${tag}.js`, import.meta.url).href)) as {
      default: ChatWidgetStrings;
    }
  ).default;
