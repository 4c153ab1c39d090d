// The theme variables only the panel uses (the launcher and the panel's frame use the ones
// in chat-widget.styles.ts, so the loader carries only those) and the base rules of the
// panel's own controls. Adopted with the panel, after the element's sheet.
import { css } from '../element-base.js';

/** Dark palette of these variables: theme="dark", and theme="auto" when the OS prefers dark. */
const darkTheme = css`
  --_muted: var(--chat-muted, #a4aab6);
  --_surface: var(--chat-surface, #22242a);
  --_code-bg: var(--chat-code-bg, #0f1013);
`;

export const themeStyles = css`
  :host {
    --_muted: var(--chat-muted, #5b6472);
    --_surface: var(--chat-surface, #f4f5f7);
    --_user-bg: var(--chat-user-bg, var(--_accent));
    --_user-fg: var(--chat-user-fg, var(--_accent-fg));
    --_code-bg: var(--chat-code-bg, #f1f2f4);
    --_mono: var(--chat-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  }
  :host([theme=dark]) {
    ${darkTheme}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme=auto]) {
      ${darkTheme}
    }
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  /* Icons that point somewhere (back) point the other way. */
  [dir=rtl] .flip-rtl {
    transform: scaleX(-1);
  }
`;
