// The typed tree `parseMarkdown` produces. Link hrefs in it are already vetted
// (http:, https:, mailto: only); everything else is plain text, never HTML.

export type MdAlign = 'left' | 'center' | 'right' | null;

export interface MdParagraph {
  type: 'paragraph';
  children: MdInline[];
}
export interface MdHeading {
  type: 'heading';
  level: 1 | 2 | 3 | 4 | 5 | 6;
  children: MdInline[];
}
export interface MdCodeBlock {
  type: 'code_block';
  /** Sanitized language (`[a-z0-9+#-]`, ≤ 32 chars) or `''`. */
  lang: string;
  text: string;
  /** False while the closing fence has not arrived (streaming). */
  closed: boolean;
}
export interface MdListItem {
  children: MdBlock[];
  /** Task list item state (`- [x]`), `null` for an ordinary item. */
  checked: boolean | null;
}
export interface MdList {
  type: 'list';
  ordered: boolean;
  /** First number of an ordered list (1 for bullets). */
  start: number;
  /** Loose lists wrap item text in paragraphs; tight ones do not. */
  loose: boolean;
  items: MdListItem[];
}
export interface MdBlockquote {
  type: 'blockquote';
  children: MdBlock[];
}
export interface MdTable {
  type: 'table';
  align: MdAlign[];
  head: MdInline[][];
  /** Every row has exactly `head.length` cells. */
  rows: MdInline[][][];
}
export interface MdThematicBreak {
  type: 'thematic_break';
}
export type MdBlock =
  | MdParagraph
  | MdHeading
  | MdCodeBlock
  | MdList
  | MdBlockquote
  | MdTable
  | MdThematicBreak;

export interface MdText {
  type: 'text';
  /** Raw text, with `\n` for soft line breaks. */
  value: string;
}
export interface MdEmphasis {
  type: 'emphasis';
  children: MdInline[];
}
export interface MdStrong {
  type: 'strong';
  children: MdInline[];
}
export interface MdDelete {
  type: 'delete';
  children: MdInline[];
}
export interface MdInlineCode {
  type: 'inline_code';
  value: string;
}
export interface MdLink {
  type: 'link';
  /** A vetted absolute http(s) or mailto URL. */
  href: string;
  children: MdInline[];
}
export interface MdBreak {
  type: 'break';
}
export type MdInline = MdText | MdEmphasis | MdStrong | MdDelete | MdInlineCode | MdLink | MdBreak;
