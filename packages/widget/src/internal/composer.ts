import { html, nothing } from 'lit';
import { sendIcon, stopIcon } from '../icons.js';
import type { ChatWidgetStrings } from './strings.js';

/**
 * Textarea + one button that is "send" when idle and "stop" while a response
 * streams (the same node, so keyboard focus survives the switch).
 */
export const renderComposer = (props: {
  /** The attach button, when attachments are on. */
  attach: unknown;
  /** Text or files to send, and every file uploaded. */
  canSend: boolean;
  draft: string;
  placeholder: string;
  strings: ChatWidgetStrings;
  disabled: boolean;
  streaming: boolean;
  canStop: boolean;
  onInput: (event: Event) => void;
  onKeydown: (event: KeyboardEvent) => void;
  onSubmit: (event: Event) => void;
  /** Buttons before send (the microphone). */
  actions?: unknown;
  /** Rows under the textarea (tool menu, model select, dictation status). */
  footer?: unknown;
}) => {
  const s = props.strings;
  const stop = props.streaming;
  return html`<form class="composer" part="composer" @submit=${props.onSubmit}>
    ${props.attach}
    <textarea
      class="input"
      part="input"
      id="input"
      rows="1"
      aria-label=${props.placeholder || s.placeholder}
      placeholder=${props.placeholder}
      .value=${props.draft}
      ?disabled=${props.disabled || props.streaming}
      @input=${props.onInput}
      @keydown=${props.onKeydown}
    ></textarea>
    ${props.actions ?? nothing}
    <button
      class="send"
      part=${stop ? 'stop-button' : 'send-button'}
      id="send"
      type="submit"
      aria-label=${stop ? s.stop : s.send}
      title=${stop ? s.stop : s.send}
      ?disabled=${stop ? !props.canStop : props.disabled || !props.canSend}
    >
      ${stop ? stopIcon : sendIcon}
    </button>
    ${props.footer ?? nothing}
  </form>`;
};
