/**
 * The row of actions under a message: Copy on every message; 👍/👎 and Retry on
 * replies. Buttons carry `data-action`; the element handles their clicks in one
 * delegated listener (so a rendered message stays cached until its state changes).
 */
import type { FeedbackKind } from '@chat-widget/protocol';
import { html, nothing } from 'lit';
import { checkIcon, copyIcon, retryIcon, thumbDownIcon, thumbUpIcon } from '../icons.js';
import { css } from '../internal/element-base.js';
import type { ChatWidgetStrings } from '../internal/strings.js';

/** What a message shows in its action row. */
export interface MessageActions {
  /** The chosen feedback (`null`: none yet); `false` when feedback is turned off or not offered. */
  feedback: FeedbackKind | null | false;
  /** This is the latest reply and it can be answered again. */
  retry: boolean;
}

/** The action button names a click handler reads from `data-action`. */
export type MessageActionName = 'copy' | FeedbackKind | 'retry';

/** One button of the row; `pressed` only for the feedback toggles. */
const actionButton = (
  action: MessageActionName,
  part: string,
  label: string,
  content: unknown,
  pressed?: boolean,
) => html`<button
  class="icon-button action"
  part="action-button ${part}"
  type="button"
  data-action=${action}
  aria-label=${label}
  title=${label}
  aria-pressed=${pressed === undefined ? nothing : pressed ? 'true' : 'false'}
>
  ${content}
</button>`;

export const renderMessageActions = (actions: MessageActions, strings: ChatWidgetStrings) => {
  const { feedback } = actions;
  const feedbackButton = (kind: FeedbackKind, part: string, label: string, icon: unknown) =>
    actionButton(kind, `feedback-button ${part}`, label, icon, feedback === kind);
  return html`<div class="actions" part="message-actions">
    ${actionButton(
      'copy',
      'copy-message-button',
      strings.copyMessage,
      html`<span class="copy-idle">${copyIcon}</span><span class="copy-done">${checkIcon}</span>`,
    )}
    ${
      feedback === false
        ? nothing
        : html`${feedbackButton('positive', 'good-button', strings.goodResponse, thumbUpIcon)}${feedbackButton(
            'negative',
            'bad-button',
            strings.badResponse,
            thumbDownIcon,
          )}`
    }
    ${
      actions.retry
        ? actionButton('retry', 'retry-response-button', strings.retryResponse, retryIcon)
        : nothing
    }
  </div>`;
};

/** Styles of the action row. */
export const actionStyles = css`
  .actions {
    display: flex;
    gap: 2px;
    margin-top: 4px;
  }
  .message.user .actions {
    justify-content: flex-end;
    margin-bottom: -4px;
  }
  .message.user .actions .action {
    color: inherit;
  }
  .actions .action {
    width: 28px;
    height: 28px;
  }
  .actions .action svg {
    width: 16px;
    height: 16px;
  }
  .actions .copy-done,
  .actions [data-copied] .copy-idle {
    display: none;
  }
  .actions [data-copied] .copy-done {
    display: inline-flex;
  }
  .actions .action[aria-pressed=true] {
    color: var(--chat-accent, currentColor);
  }
`;
