import { css } from '../internal/element-base.js';

/** Styles of the item renderers (sources, attachments, workflows, tools, forms, images). */
export const itemStyles = css`
  .quote {
    margin: 0 0 6px;
    padding-inline-start: 8px;
    border-inline-start: 3px solid currentColor;
    opacity: 0.85;
    white-space: pre-wrap;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-bottom: 6px;
  }
  .thumb {
    width: 64px;
    height: 64px;
    object-fit: cover;
    border-radius: 8px;
  }
  .file-chip {
    display: inline-flex;
    gap: 6px;
    padding: 4px 10px;
    border-radius: 8px;
    background: color-mix(in srgb, currentColor 12%, transparent);
    font-size: 0.85em;
  }
  .file-chip .size,
  .host,
  .muted {
    opacity: 0.75;
  }
  .sources {
    margin-top: 8px;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .sources-title {
    margin: 0 0 2px;
    font-weight: 600;
  }
  .sources ol {
    margin: 0;
    padding-inline-start: 1.6em;
  }
  .sources a,
  .task a {
    color: var(--_accent);
  }
  .workflow,
  .tasks.standalone,
  .tool-call,
  .structured,
  .placeholder,
  .notice {
    font-size: 0.9em;
    border: 1px solid var(--_border);
    border-radius: 10px;
    padding: 8px 12px;
  }
  .workflow summary {
    cursor: pointer;
    color: var(--_muted);
  }
  .workflow summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .tasks {
    list-style: none;
    margin: 6px 0 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .tasks.standalone {
    margin: 0;
  }
  .task p,
  .task ul {
    margin: 0;
  }
  .task-content {
    white-space: pre-wrap;
    color: var(--_muted);
  }
  .task-title {
    font-weight: 600;
  }
  .task[data-state=loading] .task-title::after {
    content: ' \\2026'; /* U+2026 ellipsis */
  }
  .tool-call {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
  }
  .tool-call[data-state=failed] {
    color: var(--_danger);
  }
  .tool-call svg {
    width: 16px;
    height: 16px;
  }
  .structured {
    display: grid;
    gap: 10px;
  }
  .structured fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .structured legend,
  .structured label[for] {
    font-weight: 600;
    display: block;
    margin-bottom: 4px;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .structured textarea {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 6px 8px;
  }
  .hint {
    margin: 0 0 4px;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    gap: 8px;
  }
  .answers {
    margin: 0;
  }
  .answers dt {
    font-weight: 600;
  }
  .answers dd {
    margin: 0 0 6px;
  }
  .generated-image {
    margin: 0;
  }
  .generated-image img {
    max-width: 100%;
    border-radius: 10px;
  }
  .image-placeholder,
  .placeholder {
    color: var(--_muted);
  }
  .notice[data-level=warning] {
    border-color: color-mix(in srgb, orange 50%, transparent);
  }
  .notice[data-level=danger] {
    color: var(--_danger);
  }
`;
