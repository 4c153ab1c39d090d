import { html, nothing } from 'lit';
import { sendIcon, stopIcon } from '../icons.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * Textarea + one button that is "send" when idle and "stop" while a response
 * streams (the same node, so keyboard focus survives the switch).
 */
export const renderComposer = (props: {
  // Keys `_`-prefixed: the panel's own, so the script-tag build shortens them.
  /** The attach button, when attachments are on. */
  _attach: unknown;
  /** Text or files to send, and every file uploaded. */
  _canSend: boolean;
  _draft: string;
  _placeholder: string;
  _strings: ChatWidgetStrings;
  _disabled: boolean;
  _streaming: boolean;
  _canStop: boolean;
  _onInput: (event: Event) => void;
  _onKeydown: (event: KeyboardEvent) => void;
  _onSubmit: (event: Event) => void;
  /** Buttons before send (the microphone). */
  _actions?: unknown;
  /** Rows under the textarea (tool menu, model select, dictation status). */
  _footer?: unknown;
}) => {
  const s = props._strings;
  const stop = props._streaming;
  return html`<form class="composer" part="composer" @submit=${props._onSubmit}>
    ${props._attach}
    <textarea
      class="input"
      part="input"
      id="input"
      rows="1"
      aria-label=${props._placeholder || s.placeholder}
      placeholder=${props._placeholder}
      .value=${props._draft}
      ?disabled=${props._disabled || props._streaming}
      @input=${props._onInput}
      @keydown=${props._onKeydown}
    ></textarea>
    ${props._actions ?? nothing}
    <button
      class="send"
      part=${stop ? 'stop-button' : 'send-button'}
      id="send"
      type="submit"
      aria-label=${stop ? s.stop : s.send}
      title=${stop ? s.stop : s.send}
      ?disabled=${stop ? !props._canStop : props._disabled || !props._canSend}
    >
      ${stop ? stopIcon : sendIcon}
    </button>
    ${props._footer ?? nothing}
  </form>`;
};
