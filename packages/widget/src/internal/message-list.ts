import type { FeedbackKind, NoticeEvent, ThreadItem } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { alertIcon, arrowDownIcon, retryIcon } from '../icons.js';
import type { ItemContext } from '../items/context.js';
import { isInvisible, renderItem } from '../items/registry.js';
import type { ChatWidgetStrings } from './strings.js';

/** A host's own renderer for an item: a node placed in the thread, or null for the default. */
export type HostItemRenderer = (
  item: ThreadItem,
  context: { threadId: string | null; streaming: boolean },
) => Node | null;

/** Host-rendered nodes, per renderer and item object: the host renders an item once per change. */
const hostNodes = new WeakMap<HostItemRenderer, WeakMap<ThreadItem, Node | null>>();

const renderOne = (
  item: ThreadItem,
  context: ItemContext,
  host: HostItemRenderer | null,
  threadId: string | null,
) => {
  if (host) {
    let nodes = hostNodes.get(host);
    if (!nodes) {
      nodes = new WeakMap();
      hostNodes.set(host, nodes);
    }
    let node = nodes.get(item);
    if (node === undefined) {
      node = host(item, { threadId, streaming: context.streaming }) ?? null;
      nodes.set(item, node);
    }
    if (node)
      return html`<div class="host-item" part="item host-item" data-id=${item.id}>${node}</div>`;
  }
  return renderItem(item, context);
};

/** The scrolling conversation: items, notices, the transient status line, the inline error. */
export const renderMessageList = (props: {
  items: ThreadItem[];
  threadId: string | null;
  streamingIds: string[];
  stoppedIds: string[];
  busy: boolean;
  strings: ChatWidgetStrings;
  hostRenderer: HostItemRenderer | null;
  submitStructuredInput: ItemContext['submitStructuredInput'];
  /** Feedback chosen per reply; `null`: 👍/👎 turned off. */
  feedback: ReadonlyMap<string, FeedbackKind> | null;
  /** Retry is offered on the latest reply (a user message the server has precedes it). */
  canRetry: boolean;
  /** Older items are on the server: `more` shows a button, `loading` a status line. */
  older: 'more' | 'loading' | null;
  onLoadOlder: () => void;
  widgets: ItemContext['widgets'];
  /** The level replies' `#` headings render at. */
  headingLevel: number;
  /** Avatars beside messages (the same values while they do not change), or `nothing`. */
  avatars: { user: unknown; assistant: unknown };
  start: unknown;
  progress: string | null;
  notices: NoticeEvent[];
  waiting: boolean;
  error: { text: string; retry: boolean } | null;
  showJump: boolean;
  /** Covered by the history list: out of the tab order and the accessibility tree. */
  inert: boolean;
  onScroll: (event: Event) => void;
  onClick: (event: Event) => void;
  onRetry: () => void;
  onJump: () => void;
}) => {
  const s = props.strings;
  const visible = props.items.filter((item) => !isInvisible(item));
  const latestReply = props.canRetry
    ? visible.findLast((item) => item.type === 'assistant_message')?.id
    : undefined;
  return html`<div
      class="messages"
      part="messages"
      id="messages"
      tabindex="0"
      ?inert=${props.inert}
      role="region"
      aria-label=${s.messages}
      @scroll=${props.onScroll}
      @click=${props.onClick}
    >
      ${
        props.older === 'loading'
          ? html`<p class="older" part="older-status" role="status">${s.loadingOlder}</p>`
          : props.older === 'more'
            ? html`<button
              class="text-button older"
              part="load-older-button"
              type="button"
              @click=${props.onLoadOlder}
            >
              ${s.loadOlder}
            </button>`
            : nothing
      }
      ${visible.length === 0 ? props.start : nothing}
      ${visible.map((item) => {
        const streaming = props.streamingIds.includes(item.id);
        const stopped = props.stoppedIds.includes(item.id);
        const message = item.type === 'user_message' || item.type === 'assistant_message';
        const reply = item.type === 'assistant_message';
        const feedback = reply && props.feedback ? (props.feedback.get(item.id) ?? null) : false;
        const retry = item.id === latestReply;
        // Only an item that changed is rendered again: a streamed reply re-renders its
        // own bubble each frame, not every earlier one.
        const widgetBusy = item.type === 'widget' ? props.widgets.busy(item.id) : null;
        return guard(
          [
            item,
            streaming,
            stopped,
            props.busy,
            s,
            props.hostRenderer,
            widgetBusy,
            props.widgets.allowedImageDomains,
            feedback,
            retry,
            props.headingLevel,
            props.avatars.user,
            props.avatars.assistant,
          ],
          () =>
            renderOne(
              item,
              {
                strings: s,
                streaming,
                stopped,
                busy: props.busy,
                submitStructuredInput: props.submitStructuredInput,
                widgets: props.widgets,
                headingLevel: props.headingLevel,
                avatar: reply ? props.avatars.assistant : props.avatars.user,
                ...(message ? { actions: { feedback, retry } } : {}),
              },
              props.hostRenderer,
              props.threadId,
            ),
        );
      })}
      ${props.notices.map(
        (
          notice,
        ) => html`<div class="notice ${notice.level}" part="notice" role="status" data-level=${notice.level}>
          ${notice.title ? html`<strong>${notice.title}</strong> ` : nothing}<span>${notice.message}</span>
        </div>`,
      )}
      ${
        props.progress || props.waiting
          ? html`<div class="status" part="status">
            <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
            <span>${props.progress ?? s.thinking}</span>
          </div>`
          : nothing
      }
      ${
        props.error
          ? html`<div class="error" part="error" role="alert">
            ${alertIcon}<span>${props.error.text}</span>
            ${
              props.error.retry
                ? html`<button
                  class="text-button"
                  part="retry-button"
                  type="button"
                  @click=${props.onRetry}
                >
                  ${retryIcon}${s.retry}
                </button>`
                : nothing
            }
          </div>`
          : nothing
      }
    </div>
    ${
      props.showJump
        ? html`<button class="text-button jump" part="jump-button" type="button" @click=${props.onJump}>
          ${arrowDownIcon}${s.jumpToLatest}
        </button>`
        : nothing
    }`;
};
