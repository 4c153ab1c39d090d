// The loader's part of the branding and layout styles: the labelled launcher and where the
// launcher sits in sidebar mode (shown before the panel's code loads). Added after the
// element's own sheet, so equal selectors here win. The sidebar and auto-height frames and
// everything inside the panel are in internal/panel/brand.styles.ts (the loader stays small).
import { css } from './element-base.js';

export const layoutStyles = css`
  .launcher.labelled {
    width: auto;
    border-radius: calc(var(--_launcher-size) / 2);
    padding-inline: 18px 22px;
    display: inline-flex;
    gap: 8px;
    font-weight: 600;
  }
  .sidebar.start .launcher {
    inset-inline: var(--_offset) auto;
  }
  .sidebar.open .launcher {
    display: none;
  }
`;
