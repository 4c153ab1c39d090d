// Over 450 lines on purpose: one stylesheet for every ChatKit widget component, kept
// together so the cascade between roots, layout and controls reads in one place.
import { css } from '../internal/element-base.js';
import { STATUS } from './style.js';

/** Each status colour's light and dark default (hex, 6 + 6 digits), in `STATUS` order. */
const HEX = '15803d4ade80b91c1cf87171a16207facc15c2410cfb923c1d4ed860a5fa7c3aedc4b5fd';
/** One piece of CSS per status colour. */
const perStatus = (rule: (status: string, i: number) => string) => STATUS.map(rule).join('');

/**
 * Styles of rendered widgets. They read the host's theme (`--_fg`, `--_bg`, `--_muted`,
 * `--_border`, `--_surface`, `--_accent`, `--_radius`) and add the status colours, each
 * overridable: `--chat-widget-success`, `-danger`, `-warning`, `-caution`, `-info`,
 * `-discovery`, and `--chat-widget-space` (one spacing step, 4px).
 */
export const widgetStyles = css`
  .w-root {
    ${perStatus(
      (s, i) =>
        `--_w-${s}:var(--chat-widget-${s},light-dark(#${HEX.slice(i * 12, i * 12 + 6)},#${HEX.slice(i * 12 + 6, i * 12 + 12)}));`,
    )}
    min-width: 0;
    max-width: 100%;
    color: var(--_fg);
    /* Long words break anywhere, which also keeps every text's min-content width small. */
    overflow-wrap: anywhere;
  }
  .w-root[data-theme=dark] {
    color-scheme: dark;
    --_bg: #17181c;
    --_fg: #eceef2;
    --_muted: #a4aab6;
    --_border: #30333b;
    --_surface: #22242a;
  }
  .w-root[data-theme=light] {
    color-scheme: light;
    --_bg: #fff;
    --_fg: #111827;
    --_muted: #5b6472;
    --_border: #e3e6ea;
    --_surface: #f4f5f7;
  }
  .w-root[data-theme] {
    background: var(--_bg);
    border-radius: var(--_radius);
  }
  .w-root p {
    margin: 0;
  }
  .w-card,
  .w-list {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 16px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    max-width: 100%;
  }
  .w-card[data-size=sm] {
    max-width: 280px;
  }
  .w-card[data-size=md] {
    max-width: 360px;
  }
  .w-card[data-size=lg] {
    max-width: 480px;
  }
  .w-list {
    padding: 8px;
    gap: 4px;
  }
  .w-card-body,
  .w-card-form,
  .w-list-items,
  .w-more > div {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .w-card-form {
    gap: 12px;
  }
  .w-card-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  .w-status {
    display: flex;
    align-items: center;
    gap: 6px;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .w-favicon {
    width: 16px;
    height: 16px;
  }
  [data-frame] {
    border: 1px solid var(--_border);
    border-radius: 4px;
  }
  .w-li-wrap,
  .w-k {
    display: contents;
  }
  .w-li {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px;
    border-radius: calc(var(--_radius) - 6px);
  }
  .w-li[role=button] {
    cursor: pointer;
  }
  .w-li[role=button]:hover {
    background: var(--_surface);
  }
  .w-li[aria-disabled=true] {
    cursor: default;
    opacity: 0.6;
  }
  .w-more > summary {
    cursor: pointer;
    padding: 6px 8px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .w-box {
    display: flex;
    flex-direction: column;
    min-width: 0;
    margin: 0;
  }
  .w-box[data-dir=row] {
    flex-direction: row;
    align-items: center;
  }
  .w-spacer {
    flex: 1 1 auto;
  }
  .w-divider {
    align-self: stretch;
    border: 0;
    border-top: 1px solid var(--_border);
    margin: 0;
  }
  .w-divider[data-flush] {
    margin-inline: -16px;
  }
  .clamp {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 1;
    overflow: hidden;
  }
  [data-size=xs] {
    font-size: 0.75em;
  }
  [data-size=sm] {
    font-size: 0.875em;
  }
  [data-size=lg] {
    font-size: 1.125em;
  }
  [data-size=xl] {
    font-size: 1.25em;
  }
  .w-text[data-italic] {
    font-style: italic;
  }
  .w-text[data-linethrough] {
    text-decoration: line-through;
  }
  .w-text[aria-busy=true]::after {
    content: '\\258d'; /* U+258D block cursor */
    opacity: 0.5;
  }
  .w-title {
    font-weight: 600;
    font-size: 1.1em;
    line-height: 1.3;
  }
  .w-title[data-size=sm] {
    font-size: 1em;
  }
  .w-title[data-size=lg] {
    font-size: 1.3em;
  }
  .w-title[data-size$=xl] {
    font-size: 1.6em;
  }
  .w-caption {
    color: var(--_muted);
    font-size: 0.8em;
  }
  .w-label {
    font-size: 0.875em;
    font-weight: 500;
  }
  .w-md > :first-child {
    margin-top: 0;
  }
  .w-md > :last-child {
    margin-bottom: 0;
  }
  .w-badge {
    --_c: var(--_muted);
    display: inline-flex;
    align-self: flex-start;
    align-items: center;
    padding: 0.1em 0.55em;
    border-radius: 6px;
    font-size: 0.8em;
    font-weight: 600;
    white-space: nowrap;
    color: color-mix(in srgb, var(--_c) 85%, var(--_fg));
    background: color-mix(in srgb, var(--_c) 14%, transparent);
  }
  .w-badge[data-variant=solid] {
    color: var(--_bg);
    background: var(--_c);
  }
  .w-badge[data-variant=outline] {
    background: none;
    box-shadow: inset 0 0 0 1px var(--_c);
  }
  [data-pill] {
    border-radius: 999px;
  }
  ${perStatus((s) => `[data-color=${s}]{--_c:var(--_w-${s})}`)}
  [data-color=primary] {
    --_c: var(--_accent);
  }
  .w-icon {
    display: inline-flex;
    flex: none;
  }
  .w-root .icon {
    width: 1.15em;
    height: 1.15em;
    flex: none;
  }
  .w-icon[data-size$=xl] {
    font-size: 1.75em;
  }
  .w-img {
    display: block;
    max-width: 100%;
    object-fit: cover;
    flex: none;
  }
  .w-img-blocked {
    min-width: 24px;
    min-height: 24px;
    background: var(--_surface);
  }
  :where(.w-btn) {
    --_c: var(--_fg);
  }
  .w-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 34px;
    padding: 0 14px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_bg);
    font-weight: 500;
    white-space: nowrap;
  }
  .w-btn[data-style=primary],
  .w-btn[data-variant=solid] {
    border-color: transparent;
    background: var(--_c);
    color: var(--_bg);
  }
  .w-btn[data-style=primary]:not([data-color]) {
    --_c: var(--_accent);
    color: var(--_accent-fg);
  }
  .w-btn[data-variant=soft] {
    border-color: transparent;
    background: color-mix(in srgb, var(--_c) 12%, transparent);
  }
  .w-btn[data-variant=outline] {
    background: none;
    color: var(--_c);
    border-color: currentColor;
  }
  .w-btn[data-variant=ghost] {
    background: none;
    border-color: transparent;
  }
  .w-btn[data-color]:is([data-variant=outline], [data-variant=ghost], [data-variant=soft]) {
    color: color-mix(in srgb, var(--_c) 85%, var(--_fg));
  }
  .w-btn:not(:disabled, [aria-disabled=true]):hover {
    filter: brightness(0.95);
  }
  .w-btn[data-size=sm],
  .w-btn[data-size$=xs] {
    min-height: 28px;
    padding: 0 10px;
  }
  .w-btn[data-size=lg],
  .w-btn[data-size$=xl] {
    min-height: 42px;
    padding: 0 18px;
  }
  .w-btn[data-uniform] {
    padding: 0;
    aspect-ratio: 1;
  }
  [data-block] {
    width: 100%;
  }
  .w-btn[aria-disabled=true] {
    opacity: 0.5;
    cursor: default;
  }
  .w-btn[aria-busy=true] {
    cursor: progress;
  }
  .w-input {
    min-height: 36px;
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_bg);
    color: var(--_fg);
    min-width: 0;
  }
  .w-input[data-variant=soft] {
    border-color: transparent;
    background: var(--_surface);
  }
  .w-input:disabled {
    opacity: 0.6;
  }
  .w-textarea {
    resize: vertical;
  }
  [data-autoresize] {
    field-sizing: content;
  }
  .w-check {
    display: inline-flex;
    align-items: center;
    gap: 8px;
  }
  .w-check input {
    margin: 0;
    accent-color: var(--_accent);
  }
  .w-radios {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .w-radios[data-dir=row] {
    flex-direction: row;
    flex-wrap: wrap;
    gap: 16px;
  }
  .w-table {
    border-collapse: collapse;
    width: 100%;
  }
  .w-table :is(td, th) {
    padding: 6px 8px;
    border-bottom: 1px solid var(--_border);
    text-align: start;
  }
  /* pop: the element's own keyframes (chat-widget.styles.ts), in the same shadow root. */
  .w-transition > .w-k > * {
    animation: pop var(--_speed, 160ms) ease-out;
  }
  .w-chart {
    margin: 0;
    min-width: 0;
  }
  .w-chart svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .w-grid {
    stroke: var(--_border);
  }
  .w-axis {
    fill: var(--_muted);
    font-size: 11px;
  }
  .w-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .w-legend i {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-inline-end: 4px;
    border-radius: 2px;
  }
  .w-fallback {
    color: var(--_muted);
    font-size: 0.85em;
    font-style: italic;
  }
`;
