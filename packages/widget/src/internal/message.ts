import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { type ChatMessage, messageText } from '../controllers/chat-controller.js';
import { type MdBlock, parseMarkdown, renderMarkdownTree } from '../markdown/index.js';
import { createStreamingParser } from '../markdown/stream.js';
import { renderCopyButton } from './copy-button.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * Rendered markdown per message. While a reply streams, every delta re-renders
 * the list; without this, every earlier message would be parsed again too.
 */
const rendered = new WeakMap<
  ChatMessage,
  { text: string; strings: ChatWidgetStrings; result: unknown }
>();

/** Replies being streamed: a parser each that keeps the blocks already finished. */
const streams = new Map<string, (text: string) => MdBlock[]>();

const parseOf = (message: ChatMessage, text: string): MdBlock[] => {
  let parse = streams.get(message.id);
  if (message.status !== 'streaming') {
    // The finished reply keeps the blocks (and so the rendered DOM) it streamed.
    streams.delete(message.id);
    return parse ? parse(text) : parseMarkdown(text);
  }
  if (!parse) {
    // A reply abandoned mid-stream (another thread opened) is never seen finished.
    if (streams.size >= 4) streams.delete(streams.keys().next().value as string);
    parse = createStreamingParser();
    streams.set(message.id, parse);
  }
  return parse(text);
};

const markdownOf = (message: ChatMessage, text: string, strings: ChatWidgetStrings) => {
  const hit = rendered.get(message);
  if (hit && hit.text === text && hit.strings === strings) return hit.result;
  const options = { codeBlockButton: renderCopyButton(strings) };
  // A finished block of a streamed reply is the same object every frame: Lit skips it
  // instead of walking its whole subtree again.
  const result = parseOf(message, text).map((block) =>
    guard([block, options.codeBlockButton], () => renderMarkdownTree([block], options)),
  );
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
