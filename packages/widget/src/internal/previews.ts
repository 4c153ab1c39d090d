// Stored image attachments render as `<img data-src>`; this gives them their source.
// A preview on the API's own origin is the user's private file, served only with the
// bearer token: it is fetched with the token and shown from an object URL. Any other
// http(s) preview loads as a plain image. Nothing else ever becomes a source.
import { httpUrl } from './http-url.js';

const loaded = new Map<string, Promise<string>>();

/** Fills the pending previews under `root`. */
export function fillPreviews(
  root: ParentNode,
  apiOrigin: string | null,
  fetch: (url: string) => Promise<Response>,
): void {
  for (const img of root.querySelectorAll<HTMLImageElement>('img[data-src]:not([src])')) {
    const url = httpUrl(img.dataset.src);
    if (!url) continue;
    if (url.origin !== apiOrigin) {
      img.src = url.href;
      continue;
    }
    let source = loaded.get(url.href);
    if (!source) {
      source = fetch(url.href)
        .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`HTTP ${r.status}`))))
        .then((blob) => URL.createObjectURL(blob));
      loaded.set(url.href, source);
      source.catch(() => loaded.delete(url.href));
    }
    source.then(
      (src) => {
        img.src = src;
      },
      () => {
        // No preview (gone, or not this user's): the alt text stays.
      },
    );
  }
}
