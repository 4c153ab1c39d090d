// Styles of everything inside the panel (header, conversation, composer, history). Loaded
// with the panel's code; the theme variables they use are set on :host by chat-widget.styles.ts.
import { css } from '../element-base.js';

export const panelStyles = css`
  /* ------------------------------------------------------------ header */
  .header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px 10px 10px 16px;
    border-bottom: 1px solid var(--_border);
    min-height: 56px;
  }
  .title {
    flex: 1;
    min-width: 0;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: 0;
    border-radius: 10px;
    background: transparent;
    color: var(--_muted);
    flex: none;
  }
  .icon-button:hover:not(:disabled),
  .icon-button[aria-pressed=true] {
    background: var(--_surface);
    color: var(--_fg);
  }

  /* ------------------------------------------------------------ body */
  .body {
    flex: 1;
    min-height: 0;
    position: relative;
    display: flex;
    flex-direction: column;
  }
  .messages {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .message {
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .message.user {
    align-self: flex-end;
    max-width: 85%;
    background: var(--_user-bg);
    color: var(--_user-fg);
    padding: 8px 14px;
    border-radius: 18px 18px 4px;
  }
  .message.user .text {
    white-space: pre-wrap;
  }
  .message.assistant .content > :first-child {
    margin-top: 0;
  }
  .message.assistant .content > :last-child {
    margin-bottom: 0;
  }
  .message p {
    margin: 0 0 0.6em;
  }
  .message :is(h1, h2, h3, h4, h5, h6) {
    font-size: 1.05em;
    line-height: 1.3;
    margin: 0.9em 0 0.4em;
  }
  .message h1 {
    font-size: 1.2em;
  }
  .message h2 {
    font-size: 1.12em;
  }
  .message hr {
    border: 0;
    border-top: 1px solid var(--_border);
  }
  .message img {
    max-width: 100%;
  }
  .message a {
    color: var(--_accent);
  }
  .message code {
    font-family: var(--_mono);
    font-size: 0.9em;
    background: var(--_code-bg);
    padding: 0.1em 0.3em;
    border-radius: 4px;
  }
  /* Long lines wrap: a scrolling <pre> would be a scroll region keyboard users cannot reach. */
  .message pre {
    background: var(--_code-bg);
    border: 1px solid var(--_border);
    border-radius: 10px;
    padding: 12px;
    margin: 0.6em 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .message pre code {
    background: none;
    padding: 0;
    font-size: 0.85em;
  }
  .message table {
    border-collapse: collapse;
    max-width: 100%;
  }
  .message th,
  .message td {
    border: 1px solid var(--_border);
    padding: 4px 8px;
  }
  .message blockquote {
    margin: 0.6em 0;
    padding-inline-start: 12px;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .message ul,
  .message ol {
    padding-inline-start: 1.4em;
    margin: 0 0 0.6em;
  }
  .cursor::after {
    content: '';
    display: inline-block;
    width: 0.5em;
    height: 1em;
    margin-inline-start: 2px;
    vertical-align: text-bottom;
    background: currentColor;
    opacity: 0.5;
    animation: blink 1s steps(2) infinite;
  }
  @keyframes blink {
    50% {
      opacity: 0;
    }
  }
  .note {
    font-size: 0.8em;
    color: var(--_muted);
    margin-top: 4px;
  }
  .status {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
    animation: bounce 1.2s infinite ease-in-out;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes bounce {
    0%,
    80%,
    100% {
      opacity: 0.3;
    }
    40% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .cursor::after,
    .dots i {
      animation: none;
    }
  }
  .error {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    padding: 10px 12px;
    border: 1px solid color-mix(in srgb, var(--_danger) 40%, transparent);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_bg));
    color: var(--_danger);
    border-radius: 10px;
    font-size: 0.9em;
  }
  .error > span {
    flex: 1;
  }
  .error svg {
    flex: none;
    margin-top: 1px;
  }
  .chip,
  .text-button {
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    border-radius: 999px;
    padding: 6px 12px;
    font-size: 0.9em;
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .chip:hover,
  .text-button:hover:not(:disabled) {
    background: var(--_surface);
  }
  .text-button svg {
    width: 16px;
    height: 16px;
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  .primary:hover:not(:disabled) {
    background: var(--_accent);
    filter: brightness(1.08);
  }
  .jump {
    position: absolute;
    left: 50%;
    bottom: 10px;
    transform: translateX(-50%);
    box-shadow: 0 2px 10px rgb(15 23 42 / 0.15);
  }

  /* "Show earlier messages" (button or status line) above the first message shown. */
  .older {
    align-self: center;
    margin: 0;
    color: var(--chat-muted, inherit);
    font-size: 0.875em;
  }

  /* ------------------------------------------------------------ start screen */
  .start {
    margin: auto 0;
    padding: 8px 4px 24px;
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .greeting {
    margin: 0;
    font-size: 1.35em;
    font-weight: 600;
    line-height: 1.3;
  }
  .prompts {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    text-align: start;
  }

  /* ------------------------------------------------------------ signed out */
  .signed-out {
    margin: auto;
    padding: 24px;
    text-align: center;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
  }
  .signed-out p {
    margin: 0;
    color: var(--_muted);
  }

  /* ------------------------------------------------------------ composer */
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    margin: 0 12px 12px;
    padding: 6px 6px 6px 14px;
    border: 1px solid var(--_border);
    border-radius: 20px;
    background: var(--_bg);
  }
  .composer:focus-within {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 20%, transparent);
  }
  .input {
    flex: 1;
    border: 0;
    outline: 0;
    resize: none;
    background: transparent;
    padding: 6px 0;
    max-height: 160px;
    min-height: 24px;
    line-height: 1.5;
    field-sizing: content;
  }
  .input::placeholder {
    color: var(--_muted);
  }
  .send {
    width: 36px;
    height: 36px;
    border: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_accent);
    color: var(--_accent-fg);
    flex: none;
  }
  .send:disabled {
    background: var(--_surface);
    color: var(--_muted);
    opacity: 1;
  }

  .closed {
    margin: 0 12px 12px;
    padding: 12px;
    text-align: center;
    color: var(--_muted);
    background: var(--_surface);
    border-radius: 12px;
  }

  /* ------------------------------------------------------------ history */
  .history {
    position: absolute;
    inset: 0;
    z-index: 2;
    background: var(--_bg);
    display: flex;
    flex-direction: column;
    overflow-y: auto;
    padding: 8px;
  }
  .history-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .history-item {
    display: flex;
    align-items: center;
    gap: 2px;
    border-radius: 10px;
  }
  .history-item:hover,
  .history-item:focus-within {
    background: var(--_surface);
  }
  .history-item.current .history-open {
    font-weight: 600;
  }
  .history-open {
    flex: 1;
    min-width: 0;
    text-align: start;
    border: 0;
    background: transparent;
    padding: 8px 10px;
    border-radius: 10px;
    display: flex;
    flex-direction: column;
  }
  .history-open span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .history-open small {
    color: var(--_muted);
    font-size: 0.78em;
    font-weight: 400;
  }
  .history-item .icon-button {
    width: 32px;
    height: 32px;
  }
  .rename {
    flex: 1;
    min-width: 0;
    margin: 4px;
    padding: 5px 8px;
    border: 1px solid var(--_accent);
    border-radius: 8px;
    background: var(--_bg);
  }
  .confirm {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 6px 8px;
    font-size: 0.9em;
  }
  .confirm span {
    flex: 1;
  }
  .danger {
    color: var(--_danger);
    border-color: color-mix(in srgb, var(--_danger) 50%, transparent);
  }
  .empty {
    color: var(--_muted);
    text-align: center;
    padding: 24px;
    margin: 0;
  }
  .center {
    display: flex;
    justify-content: center;
    padding: 8px;
  }
`;
