// Link vetting and the few character references markdown text may carry.

const ALLOWED = /^(?:https?:\/\/|mailto:)/i;
const PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Returns a normalized URL when `raw` is an absolute http:, https: or mailto: URL,
 * else `null`. Applied after escapes and entities are decoded, so `&#106;avascript:`
 * and friends are judged by what they really are.
 */
export function safeHref(raw: string): string | null {
  const url = raw.trim();
  // Control characters are never part of a link we accept (spaces, allowed in
  // `<…>` destinations, are percent-encoded by the URL parser).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (!ALLOWED.test(url) || /[\u0000-\u001f\u007f-\u009f]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.protocol !== 'mailto:' && !parsed.hostname) return null;
  return parsed.href;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  times: '×',
  middot: '·',
  deg: '°',
  euro: '€',
};

/**
 * Decodes the character reference at `text[at] === '&'`. Returns the decoded text and
 * the index after it, or `null` when there is none (the `&` is then literal).
 */
export function decodeEntity(text: string, at: number): [string, number] | null {
  // Bounded look-ahead: "&&&&…" must not rescan the rest of the text per ampersand.
  const m = /^&(?:#(\d{1,7})|#x([\da-f]{1,6})|(\w+));/i.exec(text.slice(at, at + 11));
  if (!m) return null;
  const end = at + m[0].length;
  if (m[3]) return Object.hasOwn(NAMED, m[3]) ? [NAMED[m[3]]!, end] : null;
  const code = m[1] ? +m[1] : Number.parseInt(m[2]!, 16);
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return [valid ? String.fromCodePoint(code) : '\ufffd', end];
}

/** Decodes backslash escapes and character references in a link destination. */
export const unescapeDestination = (raw: string): string =>
  // `[#\w]+` holds no `\` or `&`: a reference that is none skips no escape or other reference.
  raw.replace(
    /\\([!-/:-@[-`{-~])|&[#\w]+;/g,
    (match, punctuation?: string) => punctuation ?? decodeEntity(match, 0)?.[0] ?? match,
  );
