import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { ChatFailure, ChatMessage } from '../controllers/chat-controller.js';
import { alertIcon, arrowDownIcon, retryIcon } from '../icons.js';
import { renderMessage } from './message.js';
import type { ChatWidgetStrings } from './strings.js';

/** The scrolling conversation: messages, the transient status line, the inline error. */
export const renderMessageList = (props: {
  messages: ChatMessage[];
  strings: ChatWidgetStrings;
  start: unknown;
  progress: string | null;
  notice: string | null;
  waiting: boolean;
  failure: ChatFailure | null;
  showJump: boolean;
  /** Covered by the history list: out of the tab order and the accessibility tree. */
  inert: boolean;
  onScroll: (event: Event) => void;
  onClick: (event: Event) => void;
  onRetry: () => void;
  onJump: () => void;
}) => {
  const s = props.strings;
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
      ${props.messages.length === 0 ? props.start : nothing}
      ${props.messages.map((m) =>
        // Only a message that changed is rendered again: a streamed reply re-renders its
        // own bubble each frame, not every earlier one (a status changes in place).
        guard([m, m.status, s], () => renderMessage(m, s)),
      )}
      ${
        props.progress || props.waiting
          ? html`<div class="status" part="status">
            <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
            <span>${props.progress ?? s.thinking}</span>
          </div>`
          : nothing
      }
      ${props.notice ? html`<div class="status" part="notice">${props.notice}</div>` : nothing}
      ${
        props.failure
          ? html`<div class="error" part="error" role="alert">
            ${alertIcon}<span>${props.failure.message}</span>
            ${
              props.failure.retry
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
