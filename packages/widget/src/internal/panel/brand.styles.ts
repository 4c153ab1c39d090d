// Styles of the sidebar and auto-height layouts and of the branding inside the panel
// (avatars, the title block, header actions, prompt icons, the disclaimer). Loaded with the
// panel's code, after its own sheet (and after the element's, so equal selectors win). The
// sidebar is opened with the panel's code (prefetched on launcher hover or focus, loaded at
// once when open at page load), so the loader carries none of this.
import { css } from '../element-base.js';

export const brandStyles = css`
  /* ------------------------------------------------------------ sidebar */
  :host([mode=sidebar]) {
    --_width: var(--chat-sidebar-width, 380px);
  }
  .sidebar .panel {
    top: 0;
    bottom: 0;
    inset-inline: auto 0;
    width: min(var(--_width), 100%);
    height: 100%;
    border-radius: 0;
    border-block: 0;
    border-inline-end: 0;
    animation-name: fade;
  }
  /* Phones: the whole screen, as the launcher panel. */
  @media (max-width: 480px) {
    .sidebar .panel {
      width: 100%;
    }
  }
  .sidebar.start .panel {
    inset-inline: 0 auto;
    border-inline: 0 1px solid var(--_border);
  }

  /* ------------------------------------------------------------ auto-height */
  :host([auto-height]) {
    height: auto;
  }
  .auto,
  .auto .panel {
    height: auto;
    max-height: none;
    min-height: 0;
  }
  /* Auto-height: the conversation grows instead of scrolling; the body keeps room for the
     history list, which covers it. */
  .auto .body,
  .auto .messages {
    flex: none;
    overflow: visible;
  }
  .auto .body {
    min-height: 240px;
  }

  /* ------------------------------------------------------------ avatars */
  .avatar {
    flex: none;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    object-fit: cover;
    display: inline-grid;
    place-items: center;
    background: var(--_surface);
    color: var(--_fg);
    font-size: 0.72em;
    font-weight: 600;
    line-height: 1;
  }
  .header .avatar {
    width: 32px;
    height: 32px;
  }
  .message:has(> .avatar) {
    position: relative;
  }
  .message.assistant:has(> .avatar) {
    padding-inline-start: 38px;
  }
  .message.user:has(> .avatar) {
    margin-inline-end: 36px;
  }
  .message > .avatar {
    position: absolute;
    top: 0;
    inset-inline-start: 0;
  }
  .message.user > .avatar {
    inset-inline: auto -36px;
  }

  /* ------------------------------------------------------------ header */
  .titles {
    flex: 1;
    min-width: 0;
  }
  .subtitle {
    margin: 0;
    font-size: 0.8em;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* A header action's label is screen-reader text until the panel is 520px wide. */
  .panel {
    container-type: inline-size;
  }
  @container (min-width: 520px) {
    .header-action {
      width: auto;
      display: inline-flex;
      gap: 6px;
      padding-inline: 10px;
    }
    .header-action .sr-only {
      position: static;
      width: auto;
      height: auto;
      margin: 0;
      clip: auto;
      font-size: 0.9em;
    }
  }

  /* ------------------------------------------------------------ prompts, disclaimer */
  .chip svg {
    width: 16px;
    height: 16px;
    flex: none;
  }
  .disclaimer {
    margin: -4px 16px 10px;
    font-size: 0.75em;
    color: var(--_muted);
    text-align: center;
  }
  .disclaimer a {
    color: inherit;
  }
`;
