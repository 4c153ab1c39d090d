import { html, nothing } from 'lit';
import { type ChatMessage, messageText } from '../controllers/chat-controller.js';
import { checkIcon, copyIcon } from '../icons.js';
import { renderMarkdown } from '../markdown/index.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * Rendered markdown per message. While a reply streams, every delta re-renders
 * the list; without this, every earlier message would be parsed again too.
 */
const rendered = new WeakMap<
  ChatMessage,
  { text: string; strings: ChatWidgetStrings; result: unknown }
>();

const markdownOf = (message: ChatMessage, text: string, strings: ChatWidgetStrings) => {
  const hit = rendered.get(message);
  if (hit && hit.text === text && hit.strings === strings) return hit.result;
  const result = renderMarkdown(text, {
    copyLabel: strings.copyCode,
    copyContent: html`<span class="copy-idle">${copyIcon}${strings.copy}</span><span class="copy-done">${checkIcon}${strings.copied}</span>`,
  });
  rendered.set(message, { text, strings, result });
  return result;
};

/** One user or assistant message. Assistant text is markdown; user text is shown as typed. */
export const renderMessage = (message: ChatMessage, strings: ChatWidgetStrings) => {
  const user = message.role === 'user';
  const text = messageText(message);
  const streaming = message.status === 'streaming';
  return html`<div
    class="message ${message.role}"
    part="message ${message.role}"
    role="article"
    aria-label=${user ? strings.you : strings.assistant}
    aria-busy=${streaming ? 'true' : 'false'}
    data-id=${message.id}
  >
    ${
      user
        ? html`<div class="text">${text}</div>`
        : html`<div class="content ${streaming ? 'cursor' : ''}">
          ${markdownOf(message, text, strings)}
        </div>`
    }
    ${message.status === 'stopped' ? html`<div class="note" part="note">${strings.stopped}</div>` : nothing}
  </div>`;
};
