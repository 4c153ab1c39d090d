import { html, nothing } from 'lit';
import { closeIcon, historyIcon, plusIcon } from '../icons.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * Panel header: the assistant's avatar, the title (and the thread's title under an
 * assistant name), the host's actions, new conversation, history toggle, close.
 */
export const renderHeader = (props: {
  // Keys `_`-prefixed: the panel's own, so the script-tag build shortens them.
  _title: string;
  _subtitle: string | null;
  /** `aria-level` of the title. */
  _level: number;
  _avatar: unknown;
  _actions: unknown;
  _strings: ChatWidgetStrings;
  _threadsEnabled: boolean;
  _historyOpen: boolean;
  _closable: boolean;
  _onNewThread: () => void;
  _onToggleHistory: () => void;
  _onClose: () => void;
}) => {
  const s = props._strings;
  return html`<div class="header" part="header">
    ${props._avatar}
    <div class="titles">
      <div class="title" id="title" part="title" role="heading" aria-level=${props._level}>
        ${props._title}
      </div>
      ${props._subtitle ? html`<p class="subtitle" part="subtitle">${props._subtitle}</p>` : nothing}
    </div>
    ${props._actions}
    <button
      class="icon-button"
      part="new-thread-button"
      type="button"
      title=${s.newChat}
      aria-label=${s.newChat}
      ?disabled=${!props._threadsEnabled}
      @click=${props._onNewThread}
    >
      ${plusIcon}
    </button>
    <button
      class="icon-button"
      part="history-button"
      type="button"
      title=${s.history}
      aria-label=${s.history}
      aria-pressed=${props._historyOpen ? 'true' : 'false'}
      aria-controls=${props._historyOpen ? 'history' : nothing}
      ?disabled=${!props._threadsEnabled}
      @click=${props._onToggleHistory}
    >
      ${historyIcon}
    </button>
    ${
      props._closable
        ? html`<button
          class="icon-button"
          part="close-button"
          type="button"
          title=${s.closeChat}
          aria-label=${s.closeChat}
          @click=${props._onClose}
        >
          ${closeIcon}
        </button>`
        : nothing
    }
  </div>`;
};
