// The widget's URL gate: it navigates to, opens, loads or links only http(s)
// URLs. Anything else (javascript:, data:, vbscript:, blob:, file:, …) is
// ignored with one console warning per value. pageUrl (the host's URLs) lives in
// page-url.ts, in the loader; httpUrl (the server's) only the panel needs.
import { isHttp, warn } from './page-url.js';

export { pageUrl } from './page-url.js';

/**
 * `raw` as an absolute http(s) URL, else null (a non-empty string is warned
 * about): server-sent links, images and previews use nothing else.
 */
export function httpUrl(raw: unknown, what = 'URL from the server'): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw.trim());
    if (isHttp(url)) return url;
  } catch {
    // Not an absolute URL.
  }
  if (raw.trim() !== '') warn(raw, what);
  return null;
}
