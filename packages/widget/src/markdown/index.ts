// Markdown for assistant messages: a small, linear-time parser to a typed tree, and a
// Lit renderer that builds DOM from it without ever parsing HTML.
export type * from './ast.js';
export { parseMarkdown, sanitizeLang } from './blocks.js';
export { parseInline } from './inline.js';
export {
  markdownStyles,
  type RenderMarkdownOptions,
  renderMarkdown,
  renderMarkdownTree,
} from './render.js';
export { safeHref } from './url.js';
