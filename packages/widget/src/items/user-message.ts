import type { Attachment, UserMessageItem } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { itemText } from '../controllers/conversation-controller.js';
import { httpUrl } from '../internal/http-url.js';
import type { ItemContext } from './context.js';
import { renderMessageActions } from './message-actions.js';

/** Human-readable size for a byte count (servers may add `size`; the protocol has none). */
export const formatSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
};

/** Images get their source from the element (internal/previews.ts: private ones need the token). */
const renderAttachment = (attachment: Attachment) => {
  const preview = attachment.type === 'image' ? httpUrl(attachment.preview_url) : null;
  if (preview)
    return html`<img
      class="thumb"
      part="attachment attachment-image"
      data-src=${preview.href}
      alt=${attachment.name}
      loading="lazy"
      referrerpolicy="no-referrer"
    />`;
  const size = (attachment as { size?: unknown }).size;
  return html`<span class="file-chip" part="attachment attachment-file"
    ><span class="name">${attachment.name}</span>${
      typeof size === 'number' && size >= 0
        ? html` <span class="size">${formatSize(size)}</span>`
        : nothing
    }</span
  >`;
};

/** The user's message as typed, with what it quotes and its attachments. */
export const renderUserMessage = (item: UserMessageItem, context: ItemContext) => {
  const { strings } = context;
  return html`<div
    class="message user"
    part="message user"
    role="article"
    aria-label=${strings.you}
    data-id=${item.id}
  >
    ${context.avatar ?? nothing}
    ${
      item.quoted_text
        ? html`<blockquote class="quote" part="quote" aria-label=${strings.quoted}>${item.quoted_text}</blockquote>`
        : nothing
    }
    ${
      item.attachments?.length
        ? html`<div class="attachments" role="group" aria-label=${strings.attachments}>
          ${item.attachments.map(renderAttachment)}
        </div>`
        : nothing
    }
    <div class="text">${itemText(item)}</div>
    ${context.actions ? renderMessageActions({ feedback: false, retry: false }, strings) : nothing}
  </div>`;
};
