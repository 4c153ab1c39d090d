import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { type ChatMessage, messageText } from '../controllers/chat-controller.js';
import { renderPlainText as renderMarkdown } from './plain-text.js';
import type { ChatWidgetStrings } from './strings.js';

/** One user or assistant message. Assistant text is markdown; user text is shown as typed. */
export const renderMessage = (message: ChatMessage, strings: ChatWidgetStrings) => {
  const user = message.role === 'user';
  const text = messageText(message);
  const streaming = message.status === 'streaming';
  return html`<div
    class=${classMap({ message: true, user, assistant: !user })}
    part="message ${message.role}"
    role="article"
    aria-label=${user ? strings.you : strings.assistant}
    aria-busy=${streaming ? 'true' : 'false'}
    data-id=${message.id}
  >
    ${
      user
        ? text
        : html`<div class=${classMap({ content: true, cursor: streaming })}>${renderMarkdown(text)}</div>`
    }
    ${message.status === 'stopped' ? html`<div class="note" part="note">${strings.stopped}</div>` : nothing}
  </div>`;
};
