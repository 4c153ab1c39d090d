import type { GeneratedImageItem } from '@chat-widget/protocol';
import { html } from 'lit';
import { httpUrl } from '../internal/http-url.js';
import type { ItemContext } from './context.js';

/** A generated image (http/https URLs only); a placeholder until its first version arrives. */
export const renderGeneratedImage = (item: GeneratedImageItem, context: ItemContext) => {
  const url = httpUrl(item.image?.url);
  const s = context.strings;
  return html`<figure class="generated-image" part="item generated-image" data-id=${item.id}>
    ${
      url
        ? html`<img src=${url.href} alt=${s.imageGenerated} referrerpolicy="no-referrer" />`
        : html`<div class="image-placeholder" role="status">${s.imageGenerating}</div>`
    }
  </figure>`;
};
