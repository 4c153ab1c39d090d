// Over 450 lines for now: the element's own stylesheet (panel, launcher, composer,
// history, themes); the next split moves launcher and history styles beside their parts.
import { css } from 'lit';

/** Dark palette, used by theme="dark" and by theme="auto" when the OS prefers dark. */
const darkTheme = css`
  --_accent: var(--chat-accent, #8b8cf8);
  --_accent-fg: var(--chat-accent-fg, #0b0c10);
  --_bg: var(--chat-bg, #17181c);
  --_fg: var(--chat-fg, #eceef2);
  --_muted: var(--chat-muted, #a4aab6);
  --_border: var(--chat-border, #30333b);
  --_surface: var(--chat-surface, #22242a);
  --_danger: var(--chat-danger, #ff8a80);
  --_code-bg: var(--chat-code-bg, #0f1013);
  color-scheme: dark;
`;

/**
 * Styles of `<chat-widget>`. Everything themable is a `--chat-*` custom
 * property on :host; private `--_*` properties hold the resolved theme.
 */
export const styles = css`
  :host {
    --_accent: var(--chat-accent, #4f46e5);
    --_accent-fg: var(--chat-accent-fg, #fff);
    --_bg: var(--chat-bg, #fff);
    --_fg: var(--chat-fg, #111827);
    --_muted: var(--chat-muted, #5b6472);
    --_border: var(--chat-border, #e3e6ea);
    --_surface: var(--chat-surface, #f4f5f7);
    --_user-bg: var(--chat-user-bg, var(--_accent));
    --_user-fg: var(--chat-user-fg, var(--_accent-fg));
    --_danger: var(--chat-danger, #b42318);
    --_code-bg: var(--chat-code-bg, #f1f2f4);
    --_radius: var(--chat-radius, 14px);
    --_shadow: var(--chat-shadow, 0 12px 40px rgb(15 23 42 / 0.18), 0 2px 8px rgb(15 23 42 / 0.08));
    --_font: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--chat-font-size, 15px);
    --_mono: var(--chat-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_width: var(--chat-panel-width, 400px);
    --_height: var(--chat-panel-height, 620px);
    --_z: var(--chat-z-index, 2147483000);
    --_offset: var(--chat-offset, 20px);
    --_launcher-size: var(--chat-launcher-size, 56px);
    --_speed: 160ms;
    display: block;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_fg);
    color-scheme: light;
  }
  /* Inline mode fills its container; without a definite container height it stops at the
     viewport instead of growing with every message. */
  :host([mode='inline']) {
    height: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkTheme}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTheme}
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_speed: 0ms;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* ------------------------------------------------------------ launcher */
  .launcher {
    position: fixed;
    inset-inline-end: var(--_offset);
    bottom: var(--_offset);
    z-index: var(--_z);
    width: var(--_launcher-size);
    height: var(--_launcher-size);
    border: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_accent);
    color: var(--_accent-fg);
    box-shadow: var(--_shadow);
    transition: transform var(--_speed) ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher svg {
    width: 26px;
    height: 26px;
  }
  .badge {
    position: absolute;
    top: 4px;
    inset-inline-end: 4px;
    width: 14px;
    height: 14px;
    border-radius: 50%;
    background: var(--_danger);
    border: 2px solid var(--_bg);
  }

  /* ------------------------------------------------------------ panel */
  .panel {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    position: relative;
  }
  /* Focused only as a fallback target when opening; the ring would frame the whole panel. */
  .panel:focus {
    outline: none;
  }
  .inline {
    height: 100%;
  }
  .inline .panel {
    height: var(--chat-panel-height, 100%);
    min-height: 320px;
    max-height: var(--chat-panel-max-height, 100vh);
  }
  .floating .panel {
    position: fixed;
    inset-inline-end: var(--_offset);
    bottom: calc(var(--_offset) + var(--_launcher-size) + 12px);
    z-index: var(--_z);
    width: min(var(--_width), calc(100vw - 2 * var(--_offset)));
    height: min(var(--_height), calc(100vh - var(--_launcher-size) - 3 * var(--_offset)));
    box-shadow: var(--_shadow);
    transform-origin: bottom right;
    animation: pop var(--_speed) ease-out;
  }
  /* Right to left: the panel grows from the launcher's (mirrored) corner. */
  [dir='rtl'].floating .panel {
    transform-origin: bottom left;
  }
  /* Icons that point somewhere (back) point the other way. */
  [dir='rtl'] .flip-rtl {
    transform: scaleX(-1);
  }
  @keyframes fade {
    from {
      opacity: 0;
    }
  }
  @keyframes pop {
    from {
      opacity: 0;
      transform: translateY(8px) scale(0.98);
    }
  }
  /* Phones (and anything narrower than 480px): the launcher panel takes the whole screen. */
  @media (max-width: 480px) {
    .floating.open .launcher {
      display: none;
    }
    .floating .panel {
      /* Full-screen: fade only, so the panel never sits offset from the screen edges. */
      animation-name: fade;
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: 0;
      border: 0;
    }
  }

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
    margin: 0;
    font-size: 1em;
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
  .icon-button:hover:not(:disabled) {
    background: var(--_surface);
    color: var(--_fg);
  }
  .icon-button[aria-pressed='true'] {
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
    border-radius: 18px 18px 4px 18px;
  }
  .message.user .text {
    white-space: pre-wrap;
  }
  .message.assistant {
    align-self: stretch;
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
  @media (prefers-reduced-motion: reduce) {
    .cursor::after {
      animation: none;
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
