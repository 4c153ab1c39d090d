import type { AssistantMessageItem, Source } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { itemText } from '../controllers/conversation-controller.js';
import { renderCopyButton } from '../internal/copy-button.js';
import type { ChatWidgetStrings } from '../internal/strings.js';
import { type MdBlock, parseMarkdown, renderMarkdownTree } from '../markdown/index.js';
import { createStreamingParser } from '../markdown/stream.js';
import type { ItemContext } from './context.js';
import { externalLink } from './link.js';
import { renderMessageActions } from './message-actions.js';

/**
 * Rendered markdown per item. While a reply streams, every delta re-renders the
 * list; without this, every earlier message would be parsed again too.
 */
const rendered = new WeakMap<
  AssistantMessageItem,
  { text: string; strings: ChatWidgetStrings; level: number; result: unknown }
>();

/** Replies being streamed: a parser each that keeps the blocks already finished. */
const streams = new Map<string, (text: string) => MdBlock[]>();

const parseOf = (id: string, streaming: boolean, text: string): MdBlock[] => {
  let parse = streams.get(id);
  if (!streaming) {
    // The finished reply keeps the blocks (and so the rendered DOM) it streamed.
    streams.delete(id);
    return parse ? parse(text) : parseMarkdown(text);
  }
  if (!parse) {
    // A reply abandoned mid-stream (another thread opened) is never seen finished.
    if (streams.size >= 4) streams.delete(streams.keys().next().value as string);
    parse = createStreamingParser();
    streams.set(id, parse);
  }
  return parse(text);
};

const markdownOf = (
  item: AssistantMessageItem,
  streaming: boolean,
  strings: ChatWidgetStrings,
  level = 1,
) => {
  const text = itemText(item);
  const hit = rendered.get(item);
  if (hit && hit.text === text && hit.strings === strings && hit.level === level) return hit.result;
  const options = { codeBlockButton: renderCopyButton(strings), headingLevel: level };
  // A finished block of a streamed reply is the same object every frame: Lit skips it
  // instead of walking its whole subtree again.
  const result = parseOf(item.id, streaming, text).map((block) =>
    guard([block, options.codeBlockButton, level], () => renderMarkdownTree([block], options)),
  );
  rendered.set(item, { text, strings, level, result });
  return result;
};

const sourceKey = (source: Source) =>
  source.type === 'url'
    ? `u:${source.url}`
    : source.type === 'file'
      ? `f:${source.filename}`
      : `e:${source.id}`;

/** The message's sources, once each, in the order they were cited. */
export const sourcesOf = (item: AssistantMessageItem): Source[] => {
  const seen = new Map<string, Source>();
  for (const part of item.content)
    for (const annotation of part.annotations ?? []) {
      const source = annotation?.source;
      if (source && !seen.has(sourceKey(source))) seen.set(sourceKey(source), source);
    }
  return [...seen.values()];
};

/** One source: a link for http(s) URLs (title + host), else text (file name, entity label). */
const renderSource = (source: Source) => {
  if (source.type === 'url') {
    const [link, url] = externalLink(source.url, source.title);
    return url ? html`${link} <span class="host">${url.hostname}</span>` : link;
  }
  const detail = source.type === 'file' ? source.filename : (source.label ?? '');
  return html`<span>${source.title}</span>${
    detail && detail !== source.title ? html` <span class="host">${detail}</span>` : nothing
  }`;
};

/** An assistant reply: markdown as streamed, then its numbered sources. */
export const renderAssistantMessage = (item: AssistantMessageItem, context: ItemContext) => {
  const { strings, streaming } = context;
  const sources = sourcesOf(item);
  return html`<div
    class="message assistant"
    part="message assistant"
    role="article"
    aria-label=${strings.assistant}
    aria-busy=${streaming ? 'true' : 'false'}
    data-id=${item.id}
  >
    ${context.avatar ?? nothing}
    <div class="content ${streaming ? 'cursor' : ''}">${markdownOf(item, streaming, strings, context.headingLevel)}</div>
    ${
      sources.length
        ? html`<nav class="sources" part="sources" aria-label=${strings.sources}>
          <p class="sources-title">${strings.sources}</p>
          <ol>
            ${sources.map((source) => html`<li part="source">${renderSource(source)}</li>`)}
          </ol>
        </nav>`
        : nothing
    }
    ${context.stopped ? html`<div class="note" part="note">${strings.stopped}</div>` : nothing}
    ${context.actions && !streaming ? renderMessageActions(context.actions, strings) : nothing}
  </div>`;
};
