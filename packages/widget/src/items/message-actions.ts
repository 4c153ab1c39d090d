/**
 * The row of actions under a message: Copy on every message; 👍/👎 and Retry on
 * replies. Buttons carry `data-action`; the element handles their clicks in one
 * delegated listener (so a rendered message stays cached until its state changes).
 */
import type { FeedbackKind } from '@chat-widget/protocol';
import { css, html, nothing } from 'lit';
import { checkIcon, copyIcon, retryIcon, thumbDownIcon, thumbUpIcon } from '../icons.js';
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

const feedbackButton = (
  kind: FeedbackKind,
  chosen: FeedbackKind | null,
  label: string,
  icon: unknown,
) => html`<button
  class="icon-button action"
  part="action-button feedback-button ${kind === 'positive' ? 'good-button' : 'bad-button'}"
  type="button"
  data-action=${kind}
  aria-label=${label}
  title=${label}
  aria-pressed=${chosen === kind ? 'true' : 'false'}
>
  ${icon}
</button>`;

export const renderMessageActions = (actions: MessageActions, strings: ChatWidgetStrings) => {
  const { feedback } = actions;
  return html`<div class="actions" part="message-actions">
    <button
      class="icon-button action"
      part="action-button copy-message-button"
      type="button"
      data-action="copy"
      aria-label=${strings.copyMessage}
      title=${strings.copyMessage}
    >
      <span class="copy-idle">${copyIcon}</span><span class="copy-done">${checkIcon}</span>
    </button>
    ${
      feedback === false
        ? nothing
        : html`${feedbackButton('positive', feedback, strings.goodResponse, thumbUpIcon)}${feedbackButton(
            'negative',
            feedback,
            strings.badResponse,
            thumbDownIcon,
          )}`
    }
    ${
      actions.retry
        ? html`<button
          class="icon-button action"
          part="action-button retry-response-button"
          type="button"
          data-action="retry"
          aria-label=${strings.retryResponse}
          title=${strings.retryResponse}
        >
          ${retryIcon}
        </button>`
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
  .actions .action[aria-pressed='true'] {
    color: var(--chat-accent, currentColor);
  }
`;
