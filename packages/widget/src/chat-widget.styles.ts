// The loader's stylesheet: the theme variables the launcher and the panel's frame use, the
// launcher and the frame (shown while the panel's code loads). The variables only the
// panel uses are in internal/panel/theme.styles.ts; everything inside the panel is in
// internal/panel/panel.styles.ts. No apostrophes in the CSS comments: the build's CSS
// minifier leaves a part with an odd number of quotes as written.
import { css } from './internal/element-base.js';

/** Dark palette, used by theme="dark" and by theme="auto" when the OS prefers dark. */
const darkTheme = css`
  --_accent: var(--chat-accent, #8b8cf8);
  --_accent-fg: var(--chat-accent-fg, #0b0c10);
  --_bg: var(--chat-bg, #17181c);
  --_fg: var(--chat-fg, #eceef2);
  --_border: var(--chat-border, #30333b);
  --_danger: var(--chat-danger, #ff8a80);
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
    --_border: var(--chat-border, #e3e6ea);
    --_danger: var(--chat-danger, #b42318);
    --_radius: var(--chat-radius, 14px);
    --_shadow: var(--chat-shadow, 0 12px 40px rgb(15 23 42 / 0.18), 0 2px 8px rgb(15 23 42 / 0.08));
    --_font: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--chat-font-size, 15px);
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
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
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
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
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
  /* Right to left: the panel grows from the (mirrored) corner of the launcher. */
  [dir='rtl'].floating .panel {
    transform-origin: bottom left;
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
  /* The code of the panel could not be loaded: say so, offer to try again. */
  .load-error {
    margin: auto;
    padding: 24px;
    text-align: center;
  }
  .load-error button {
    display: block;
    margin: 12px auto 0;
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
`;
