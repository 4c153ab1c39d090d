// The widget's URL gate for what the host configures (the loader's part of it; server URLs
// are http-url.ts's, in the panel's chunk): it navigates to, opens, loads or links only
// http(s) URLs. Anything else (javascript:, data:, vbscript:, blob:, file:, …) is ignored
// with one console warning per value.

const warned = new Set<string>();

/** Warns once about an ignored URL (`what` names where it came from). */
export function warn(raw: string, what: string) {
  const key = `${what}\n${raw}`;
  if (warned.has(key) || warned.size > 200) return;
  warned.add(key);
  console.warn(
    `<chat-widget>: ignored ${what} ${JSON.stringify(raw.slice(0, 200))}: only http(s) URLs are allowed`,
  );
}

export const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:';

/**
 * A URL the host configured (attribute or property), absolute or relative to
 * the page: the resolved URL when it is http(s), else null with a warning.
 */
export function pageUrl(raw: string | null | undefined, what: string): URL | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  try {
    // Server-side rendering has no page: any base will do there (the browser re-checks).
    const base = (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
    const url = new URL(raw.trim(), base ?? 'http://localhost/');
    if (isHttp(url)) return url;
  } catch {
    // Unparseable: ignored below.
  }
  warn(raw, what);
  return null;
}
