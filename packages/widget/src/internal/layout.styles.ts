// Styles of the sidebar and auto-height layouts and of the branding parts (avatars,
// labelled launcher, header actions, prompt icons, disclaimer). Loaded after the
// element's own sheet, so equal selectors here win.
import { css } from 'lit';

export const layoutStyles = css`
  /* ------------------------------------------------------------ sidebar */
  :host([mode='sidebar']) {
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
  .sidebar.start .panel {
    inset-inline: 0 auto;
    border-inline: 0 1px solid var(--_border);
  }
  .sidebar.start .launcher {
    inset-inline: var(--_offset) auto;
  }
  .sidebar.open .launcher {
    display: none;
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
  .auto .body,
  .auto .messages {
    flex: none;
    overflow: visible;
  }
  /* Room for the history list, which covers the conversation. */
  .auto .body {
    min-height: 240px;
  }

  /* ------------------------------------------------------------ branding */
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
  .panel {
    container-type: inline-size;
  }
  .header-action .label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @container (min-width: 520px) {
    .header-action {
      width: auto;
      gap: 6px;
      padding-inline: 10px;
      display: inline-flex;
      align-items: center;
    }
    .header-action .label {
      position: static;
      width: auto;
      height: auto;
      clip: auto;
      font-size: 0.9em;
    }
  }
  .chip svg {
    width: 16px;
    height: 16px;
    flex: none;
  }
  .launcher.labelled {
    width: auto;
    border-radius: calc(var(--_launcher-size) / 2);
    padding-inline: 18px 22px;
    display: inline-flex;
    gap: 8px;
    font-weight: 600;
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
