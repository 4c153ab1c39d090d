// Loads a locale pack on demand (npm build: bundlers split each import into its own chunk).
// The script-tag build loads them by URL instead (locale-packs.cdn.ts, see rollup.config.mjs).
import type { LocaleTag } from './locale.js';
import type { ChatWidgetStrings } from './strings.js';

const packs: Record<LocaleTag, () => Promise<{ default: ChatWidgetStrings }>> = {
  ar: () => import('../locales/ar.js'),
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  hi: () => import('../locales/hi.js'),
  id: () => import('../locales/id.js'),
  it: () => import('../locales/it.js'),
  ja: () => import('../locales/ja.js'),
  ko: () => import('../locales/ko.js'),
  nl: () => import('../locales/nl.js'),
  pl: () => import('../locales/pl.js'),
  'pt-BR': () => import('../locales/pt-BR.js'),
  ru: () => import('../locales/ru.js'),
  sv: () => import('../locales/sv.js'),
  th: () => import('../locales/th.js'),
  tr: () => import('../locales/tr.js'),
  uk: () => import('../locales/uk.js'),
  vi: () => import('../locales/vi.js'),
  'zh-CN': () => import('../locales/zh-CN.js'),
  'zh-TW': () => import('../locales/zh-TW.js'),
};

/** The texts of a locale pack. */
export const loadPack = async (tag: LocaleTag): Promise<ChatWidgetStrings> =>
  (await packs[tag]()).default;
