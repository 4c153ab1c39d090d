import { html, nothing } from 'lit';
import { closeIcon, historyIcon, plusIcon } from '../icons.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * Panel header: the assistant's avatar, the title (and the thread's title under an
 * assistant name), the host's actions, new conversation, history toggle, close.
 */
export const renderHeader = (props: {
  title: string;
  subtitle: string | null;
  /** `aria-level` of the title. */
  level: number;
  avatar: unknown;
  actions: unknown;
  strings: ChatWidgetStrings;
  threadsEnabled: boolean;
  historyOpen: boolean;
  closable: boolean;
  onNewThread: () => void;
  onToggleHistory: () => void;
  onClose: () => void;
}) => {
  const s = props.strings;
  return html`<div class="header" part="header">
    ${props.avatar}
    <div class="titles">
      <div class="title" id="title" part="title" role="heading" aria-level=${props.level}>
        ${props.title}
      </div>
      ${props.subtitle ? html`<p class="subtitle" part="subtitle">${props.subtitle}</p>` : nothing}
    </div>
    ${props.actions}
    <button
      class="icon-button"
      part="new-thread-button"
      type="button"
      title=${s.newChat}
      aria-label=${s.newChat}
      ?disabled=${!props.threadsEnabled}
      @click=${props.onNewThread}
    >
      ${plusIcon}
    </button>
    <button
      class="icon-button"
      part="history-button"
      type="button"
      title=${s.history}
      aria-label=${s.history}
      aria-pressed=${props.historyOpen ? 'true' : 'false'}
      aria-controls=${props.historyOpen ? 'history' : nothing}
      ?disabled=${!props.threadsEnabled}
      @click=${props.onToggleHistory}
    >
      ${historyIcon}
    </button>
    ${
      props.closable
        ? html`<button
          class="icon-button"
          part="close-button"
          type="button"
          title=${s.closeChat}
          aria-label=${s.closeChat}
          @click=${props.onClose}
        >
          ${closeIcon}
        </button>`
        : nothing
    }
  </div>`;
};
