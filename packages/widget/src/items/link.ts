import { html } from 'lit';
import { httpUrl } from '../internal/http-url.js';

/**
 * A link to an http(s) URL showing `title` (its host when there is none), opening in a
 * new tab; any other URL shows the title as text. Also returns the URL, if linked.
 */
export const externalLink = (raw: string | undefined, title: string) => {
  const url = httpUrl(raw);
  return [
    url
      ? html`<a href=${url.href} target="_blank" rel="noopener noreferrer nofollow">${title || url.hostname}</a>`
      : html`<span>${title}</span>`,
    url,
  ] as const;
};
