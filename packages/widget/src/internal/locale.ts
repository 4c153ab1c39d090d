// Which locale pack a widget shows: pure logic, no DOM, no loading.

/** The locale packs shipped besides English (each is src/locales/<tag>.ts). */
export const localeTags = [
  'ar',
  'de',
  'es',
  'fr',
  'hi',
  'id',
  'it',
  'ja',
  'ko',
  'nl',
  'pl',
  'pt-BR',
  'ru',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-CN',
  'zh-TW',
] as const;

/** A shipped locale pack. */
export type LocaleTag = (typeof localeTags)[number];

/** Chinese tags that mean traditional characters (else simplified). */
const traditional = /^zh-(hant|tw|hk|mo)\b/i;

/**
 * The pack for a BCP 47 tag: the exact tag, else one of the same language, else
 * `null` (English). Case does not matter; `_` counts as `-`.
 */
export const matchLocale = (tag: string | null | undefined): LocaleTag | null => {
  const wanted = (tag ?? '').trim().replace(/_/g, '-').toLowerCase();
  if (!wanted) return null;
  const exact = localeTags.find((t) => t.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  if (language === 'zh') return traditional.test(wanted) ? 'zh-TW' : 'zh-CN';
  return localeTags.find((t) => t.split('-')[0]?.toLowerCase() === language) ?? null;
};

/** Languages written right to left. */
const rtl = new Set(['ar', 'he', 'fa', 'ur']);

/** Whether texts in this tag run right to left. */
export const isRtl = (tag: string): boolean => rtl.has(tag.split('-')[0]?.toLowerCase() ?? '');
