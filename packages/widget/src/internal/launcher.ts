import { html, nothing } from 'lit';
import { chatIcon, closeIcon } from './launcher-icons.js';
import type { ChatWidgetStrings } from './strings.js';

/** The floating round button that opens and closes the panel (launcher mode). */
export const renderLauncher = (props: {
  open: boolean;
  unread: boolean;
  strings: ChatWidgetStrings;
  onToggle: () => void;
  /** The pointer is over the launcher or it has focus: the panel may open soon. */
  onIntent: () => void;
}) =>
  html`<button
    class="launcher"
    part="launcher"
    type="button"
    aria-label=${
      props.open
        ? props.strings.closeChat
        : props.unread
          ? `${props.strings.openChat} (${props.strings.newReply})`
          : props.strings.openChat
    }
    aria-expanded=${props.open ? 'true' : 'false'}
    aria-controls=${props.open ? 'panel' : nothing}
    @click=${props.onToggle}
    @pointerenter=${props.onIntent}
    @focus=${props.onIntent}
  >
    ${props.open ? closeIcon : chatIcon}
    ${props.unread && !props.open ? html`<span class="badge" part="badge"></span>` : nothing}
  </button>`;
