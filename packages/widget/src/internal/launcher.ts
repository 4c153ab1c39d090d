import { html, nothing } from 'lit';
import { chatIcon, closeIcon } from './launcher-icons.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * The floating button that opens and closes the panel: round, or a pill with the
 * chat icon and `label` ("Ask us") while the panel is closed.
 */
export const renderLauncher = (props: {
  open: boolean;
  label: string | null;
  unread: boolean;
  strings: ChatWidgetStrings;
  onToggle: () => void;
  /** The pointer is over the launcher or it has focus: the panel may open soon. */
  onIntent: () => void;
}) =>
  html`<button
    class="launcher ${props.label && !props.open ? 'labelled' : ''}"
    part="launcher"
    type="button"
    aria-label=${
      props.open
        ? props.strings.closeChat
        : props.unread
          ? `${props.label || props.strings.openChat} (${props.strings.newReply})`
          : props.label || props.strings.openChat
    }
    aria-expanded=${props.open ? 'true' : 'false'}
    aria-controls=${props.open ? 'panel' : nothing}
    @click=${props.onToggle}
    @pointerenter=${props.onIntent}
    @focus=${props.onIntent}
  >
    ${props.open ? closeIcon : chatIcon}${props.label && !props.open ? props.label : nothing}
    ${props.unread && !props.open ? html`<span class="badge" part="badge"></span>` : nothing}
  </button>`;
