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
  // Keys `_`-prefixed: the panel's own, so the script-tag build shortens them.
  _items: ThreadItem[];
  _threadId: string | null;
  _streamingIds: string[];
  _stoppedIds: string[];
  _busy: boolean;
  _strings: ChatWidgetStrings;
  _hostRenderer: HostItemRenderer | null;
  _submitStructuredInput: ItemContext['submitStructuredInput'];
  /** Feedback chosen per reply; `null`: 👍/👎 turned off. */
  _feedback: ReadonlyMap<string, FeedbackKind> | null;
  /** Retry is offered on the latest reply (a user message the server has precedes it). */
  _canRetry: boolean;
  /** Older items are on the server: `more` shows a button, `loading` a status line. */
  _older: 'more' | 'loading' | null;
  _onLoadOlder: () => void;
  _widgets: ItemContext['widgets'];
  /** The level replies' `#` headings render at. */
  _headingLevel: number;
  /** Avatars beside messages (the same values while they do not change), or `nothing`. */
  _avatars: { user: unknown; assistant: unknown };
  _start: unknown;
  _progress: string | null;
  _notices: NoticeEvent[];
  _waiting: boolean;
  _error: { text: string; retry: boolean } | null;
  _showJump: boolean;
  /** Covered by the history list: out of the tab order and the accessibility tree. */
  _inert: boolean;
  _onScroll: (event: Event) => void;
  _onClick: (event: Event) => void;
  _onRetry: () => void;
  _onJump: () => void;
}) => {
  const s = props._strings;
  const visible = props._items.filter((item) => !isInvisible(item));
  const latestReply = props._canRetry
    ? visible.findLast((item) => item.type === 'assistant_message')?.id
    : undefined;
  return html`<div
      class="messages"
      part="messages"
      id="messages"
      tabindex="0"
      ?inert=${props._inert}
      role="region"
      aria-label=${s.messages}
      @scroll=${props._onScroll}
      @click=${props._onClick}
    >
      ${
        props._older === 'loading'
          ? html`<p class="older" part="older-status" role="status">${s.loadingOlder}</p>`
          : props._older === 'more'
            ? html`<button
              class="text-button older"
              part="load-older-button"
              type="button"
              @click=${props._onLoadOlder}
            >
              ${s.loadOlder}
            </button>`
            : nothing
      }
      ${visible.length === 0 ? props._start : nothing}
      ${visible.map((item) => {
        const streaming = props._streamingIds.includes(item.id);
        const stopped = props._stoppedIds.includes(item.id);
        const message = item.type === 'user_message' || item.type === 'assistant_message';
        const reply = item.type === 'assistant_message';
        const feedback = reply && props._feedback ? (props._feedback.get(item.id) ?? null) : false;
        const retry = item.id === latestReply;
        // Only an item that changed is rendered again: a streamed reply re-renders its
        // own bubble each frame, not every earlier one.
        const widgetBusy = item.type === 'widget' ? props._widgets.busy(item.id) : null;
        return guard(
          [
            item,
            streaming,
            stopped,
            props._busy,
            s,
            props._hostRenderer,
            widgetBusy,
            props._widgets.allowedImageDomains,
            feedback,
            retry,
            props._headingLevel,
            props._avatars.user,
            props._avatars.assistant,
          ],
          () =>
            renderOne(
              item,
              {
                strings: s,
                streaming,
                stopped,
                busy: props._busy,
                submitStructuredInput: props._submitStructuredInput,
                widgets: props._widgets,
                headingLevel: props._headingLevel,
                avatar: reply ? props._avatars.assistant : props._avatars.user,
                ...(message ? { actions: { feedback, retry } } : {}),
              },
              props._hostRenderer,
              props._threadId,
            ),
        );
      })}
      ${props._notices.map(
        (
          notice,
        ) => html`<div class="notice ${notice.level}" part="notice" role="status" data-level=${notice.level}>
          ${notice.title ? html`<strong>${notice.title}</strong> ` : nothing}<span>${notice.message}</span>
        </div>`,
      )}
      ${
        props._progress || props._waiting
          ? html`<div class="status" part="status">
            <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
            <span>${props._progress ?? s.thinking}</span>
          </div>`
          : nothing
      }
      ${
        props._error
          ? html`<div class="error" part="error" role="alert">
            ${alertIcon}<span>${props._error.text}</span>
            ${
              props._error.retry
                ? html`<button
                  class="text-button"
                  part="retry-button"
                  type="button"
                  @click=${props._onRetry}
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
      props._showJump
        ? html`<button class="text-button jump" part="jump-button" type="button" @click=${props._onJump}>
          ${arrowDownIcon}${s.jumpToLatest}
        </button>`
        : nothing
    }`;
};
