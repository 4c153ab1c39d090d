// The loader's part of the branding and layout styles: the sidebar and auto-height frames
// and the labelled launcher (shown before the panel's code loads). Added after the
// element's own sheet, so equal selectors here win. What is inside the panel is in
// internal/panel/brand.styles.ts.
import { css } from '@lit/reactive-element';

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

  /* ------------------------------------------------------------ labelled launcher */
  .launcher.labelled {
    width: auto;
    border-radius: calc(var(--_launcher-size) / 2);
    padding-inline: 18px 22px;
    display: inline-flex;
    gap: 8px;
    font-weight: 600;
  }
`;
