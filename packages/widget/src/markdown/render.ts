// Markdown tree → Lit templates. Every piece of user text goes through a Lit child or
// attribute binding (a text node / setAttribute), never through innerHTML or unsafeHTML.
import { html, nothing, type TemplateResult } from 'lit';
import { css } from '../internal/element-base.js';
import type { MdBlock, MdInline, MdList, MdTable } from './ast.js';
import { parseMarkdown } from './blocks.js';

export interface RenderMarkdownOptions {
  /** Placed at the top of every code block (the widget passes its copy button). Default: none. */
  codeBlockButton?: unknown;
  /** The level `#` headings render at (2: `#` → `<h2>`, `##` → `<h3>`, capped at `<h6>`). Default 1. */
  headingLevel?: number;
}

/** Parses `text` and renders it. Cheap enough to call again for every streamed delta. */
export function renderMarkdown(text: string, options: RenderMarkdownOptions = {}): TemplateResult {
  return renderMarkdownTree(parseMarkdown(text), options);
}

/** Renders a tree from `parseMarkdown`. */
export function renderMarkdownTree(
  blocks: MdBlock[],
  options: RenderMarkdownOptions = {},
): TemplateResult {
  return html`${blocks.map((b) => renderBlock(b, options, false))}`;
}

function renderBlock(block: MdBlock, options: RenderMarkdownOptions, tight: boolean): unknown {
  switch (block.type) {
    case 'paragraph':
      return tight ? renderInlines(block.children) : html`<p>${renderInlines(block.children)}</p>`;
    case 'heading':
      return renderHeading(
        block.level + (options.headingLevel ?? 1) - 1,
        renderInlines(block.children),
      );
    case 'code_block':
      return html`<div class="code-block" data-lang=${block.lang || nothing}>${options.codeBlockButton ?? nothing}<pre><code class=${block.lang ? `language-${block.lang}` : nothing}>${block.text}</code></pre></div>`;
    case 'list':
      return renderList(block, options);
    case 'blockquote':
      return html`<blockquote>${block.children.map((b) => renderBlock(b, options, false))}</blockquote>`;
    case 'table':
      return renderTable(block);
    case 'thematic_break':
      return html`<hr>`;
  }
}

function renderHeading(level: number, content: unknown): TemplateResult {
  switch (level) {
    case 1:
      return html`<h1>${content}</h1>`;
    case 2:
      return html`<h2>${content}</h2>`;
    case 3:
      return html`<h3>${content}</h3>`;
    case 4:
      return html`<h4>${content}</h4>`;
    case 5:
      return html`<h5>${content}</h5>`;
    default:
      return html`<h6>${content}</h6>`;
  }
}

function renderList(list: MdList, options: RenderMarkdownOptions): TemplateResult {
  const items = list.items.map(
    (item) =>
      html`<li class=${item.checked === null ? nothing : 'task'}>${
        item.checked === null
          ? nothing
          : html`<input type="checkbox" disabled ?checked=${item.checked}> `
      }${item.children.map((b) => renderBlock(b, options, !list.loose))}</li>`,
  );
  return list.ordered
    ? html`<ol start=${list.start === 1 ? nothing : list.start}>${items}</ol>`
    : html`<ul>${items}</ul>`;
}

function renderTable(table: MdTable): TemplateResult {
  const align = (column: number) => table.align[column] ?? nothing;
  return html`<table><thead><tr>${table.head.map(
    (cell, c) => html`<th scope="col" data-align=${align(c)}>${renderInlines(cell)}</th>`,
  )}</tr></thead>${
    table.rows.length === 0
      ? nothing
      : html`<tbody>${table.rows.map(
          (row) =>
            html`<tr>${row.map((cell, c) => html`<td data-align=${align(c)}>${renderInlines(cell)}</td>`)}</tr>`,
        )}</tbody>`
  }</table>`;
}

function renderInlines(nodes: MdInline[]): unknown[] {
  return nodes.map(renderInline);
}

function renderInline(node: MdInline): unknown {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'emphasis':
      return html`<em>${renderInlines(node.children)}</em>`;
    case 'strong':
      return html`<strong>${renderInlines(node.children)}</strong>`;
    case 'delete':
      return html`<del>${renderInlines(node.children)}</del>`;
    case 'inline_code':
      return html`<code>${node.value}</code>`;
    case 'link':
      return html`<a href=${node.href} target="_blank" rel="noopener noreferrer">${renderInlines(node.children)}</a>`;
    case 'break':
      return html`<br>`;
  }
}

/**
 * Styles that must accompany the markup (table cell alignment uses `data-align` rather
 * than inline styles, which a strict CSP would block). Add to the host element's styles.
 */
export const markdownStyles = css`
  [data-align=left] {
    text-align: left;
  }
  [data-align=center] {
    text-align: center;
  }
  [data-align=right] {
    text-align: right;
  }
  li.task {
    list-style: none;
  }
  li.task > input[type=checkbox] {
    margin: 0 0.35em 0 -1.3em;
    vertical-align: middle;
  }
`;
