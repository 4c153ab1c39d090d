// Block structure: line based. Containers (blockquotes, list items) collect their lines,
// strip their markers/indent and recurse, up to MAX_DEPTH; deeper content is kept as
// paragraph text so hostile nesting cannot blow the stack or go quadratic.
// Streaming-tolerant: an unclosed fence is a code block holding what arrived so far.
import type { MdAlign, MdBlock, MdInline, MdList, MdListItem } from './ast.js';
import { parseInline } from './inline.js';

const MAX_DEPTH = 16;

/** Parses markdown text into a block tree. Never throws; any string is valid input. */
export function parseMarkdown(source: string): MdBlock[] {
  return parseMarkdownStarts(source);
}

/**
 * `parseMarkdown`, also recording `[line, blocksBefore]` at each line where a new
 * top-level block starts with nothing left open before it (for the streaming parser).
 */
export function parseMarkdownStarts(source: string, starts?: [number, number][]): MdBlock[] {
  const text = source.includes('\0') ? source.replaceAll('\0', '\ufffd') : source;
  return parseBlocks(text.split(/\r\n|\r|\n/).map(expandTabs), 0, starts);
}

/** Tabs in a line's indentation → spaces (to the next multiple of 4 columns). */
const expandTabs = (line: string): string =>
  /^ {0,3}\t/.test(line)
    ? line.replace(/^[ \t]+/, (lead) => {
        let column = 0;
        for (const c of lead) column = c === ' ' ? column + 1 : column + 4 - (column % 4);
        return ' '.repeat(column);
      })
    : line;

const indentOf = (line: string): number => {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
};
const isBlank = (line: string): boolean => !/\S/.test(line);
const stripIndent = (line: string, max: number): string =>
  line.slice(Math.min(indentOf(line), max));

function parseBlocks(lines: string[], depth: number, starts?: [number, number][]): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: inlineOf(paragraph) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      flush();
      i++;
      continue;
    }
    if (starts && paragraph.length === 0) starts.push([i, blocks.length]);
    const indent = indentOf(line);
    if (indent < 4) {
      if (paragraph.length > 0) {
        const underline = setextLevel(line);
        if (underline) {
          blocks.push({ type: 'heading', level: underline, children: inlineOf(paragraph) });
          paragraph = [];
          i++;
          continue;
        }
      }
      const fence = fenceAt(line);
      if (fence) {
        flush();
        i = parseFence(lines, i, fence, blocks);
        continue;
      }
      const heading = atxHeading(line);
      if (heading) {
        flush();
        blocks.push(heading);
        i++;
        continue;
      }
      if (isThematicBreak(line)) {
        flush();
        blocks.push({ type: 'thematic_break' });
        i++;
        continue;
      }
      if (line.charCodeAt(indent) === 62) {
        flush();
        i = parseBlockquote(lines, i, depth, blocks);
        continue;
      }
      const marker = listMarker(line);
      if (marker && (paragraph.length === 0 || canInterrupt(marker))) {
        flush();
        i = parseList(lines, i, depth, blocks);
        continue;
      }
      if (line.includes('|') && i + 1 < lines.length) {
        const end = parseTable(lines, i, blocks, flush);
        if (end > i) {
          i = end;
          continue;
        }
      }
    }
    paragraph.push(line);
    i++;
  }
  flush();
  return blocks;
}

/** Paragraph lines → inline nodes (leading indentation and final trailing spaces dropped). */
function inlineOf(lines: string[]): MdInline[] {
  return parseInline(
    lines
      .map((l) => l.trimStart())
      .join('\n')
      .trimEnd(),
  );
}

/** Whether `line` starts a block that ends a paragraph (used for lazy continuation). */
function startsBlock(line: string): boolean {
  const indent = indentOf(line);
  if (indent >= 4 || indent === line.length) return false;
  if (fenceAt(line) || atxHeading(line) || isThematicBreak(line)) return true;
  if (line.charCodeAt(indent) === 62) return true;
  const marker = listMarker(line);
  return marker !== null && canInterrupt(marker);
}

// ---------------------------------------------------------------- leaf blocks

/** A setext underline (`===` or `---`, indented less than 4: the caller's check). */
function setextLevel(line: string): 1 | 2 | null {
  const m = /^ *(=+|-+)\s*$/.exec(line);
  return m ? (m[1]![0] === '=' ? 1 : 2) : null;
}

function atxHeading(line: string): MdBlock | null {
  const open = /^ *(#{1,6})(?=[ \t]|$)/.exec(line);
  if (!open) return null;
  // An optional closing sequence (" ##" at the end) is not content.
  const content = line
    .slice(open[0].length)
    .trim()
    .replace(/(^|[ \t])#+$/, '')
    .trimEnd();
  return {
    type: 'heading',
    level: open[1]!.length as 1 | 2 | 3 | 4 | 5 | 6,
    children: parseInline(content),
  };
}

/** Three or more `-`, `*` or `_` with spaces or tabs between (indented less than 4). */
const isThematicBreak = (line: string): boolean => /^ *([-*_])[ \t]*(?:\1[ \t]*){2,}$/.test(line);

interface Fence {
  char: string;
  length: number;
  indent: number;
  info: string;
}

function fenceAt(line: string): Fence | null {
  const m = /^( *)(`{3,}|~{3,})/.exec(line);
  if (!m) return null;
  const info = line.slice(m[0].length).trim();
  const char = m[2]![0]!;
  if (char === '`' && info.includes('`')) return null;
  return { char, length: m[2]!.length, indent: m[1]!.length, info };
}

function parseFence(lines: string[], start: number, fence: Fence, blocks: MdBlock[]): number {
  const body: string[] = [];
  let i = start + 1;
  let closed = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = indentOf(line);
    const close = indent < 4 && fenceAt(line);
    if (close && close.char === fence.char && close.length >= fence.length && !close.info) {
      closed = true;
      i++;
      break;
    }
    body.push(stripIndent(line, fence.indent));
  }
  // While streaming, a half-typed closing fence ("``") is not code.
  if (!closed && body.length > 0) {
    const last = body.at(-1)!.trim();
    if (last.length > 0 && last.length < fence.length && last === fence.char.repeat(last.length)) {
      body.pop();
    }
  }
  blocks.push({
    type: 'code_block',
    lang: sanitizeLang(fence.info),
    text: body.join('\n'),
    closed,
  });
  return i;
}

/** The first word of the info string, lowercased, if it is made of [a-z0-9+#-] only. */
export function sanitizeLang(info: string): string {
  const word = (info.split(/[ \t]/, 1)[0] ?? '').toLowerCase();
  return /^[a-z\d+#-]{1,32}$/.test(word) ? word : '';
}

// ---------------------------------------------------------------- tables (GFM)

function splitRow(line: string): string[] {
  // An escaped pipe is cell text: NUL (never in the parsed text) holds its place.
  return line
    .trim()
    .replace(/\\\|/g, '\0')
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.replaceAll('\0', '|').trim());
}

/** Parses a table starting at `start`; returns the index after it, or `start` if none. */
function parseTable(lines: string[], start: number, blocks: MdBlock[], flush: () => void): number {
  const delimiter = lines[start + 1]!;
  if (!delimiter.includes('|') || indentOf(delimiter) >= 4) return start;
  const spec = splitRow(delimiter);
  if (!spec.every((cell) => /^:?-+:?$/.test(cell))) return start;
  const head = splitRow(lines[start]!);
  if (head.length !== spec.length) return start;
  const align = spec.map(
    (cell): MdAlign =>
      ([null, 'left', 'right', 'center'] as const)[
        (cell.startsWith(':') ? 1 : 0) + (cell.endsWith(':') ? 2 : 0)
      ]!,
  );
  const rows: MdInline[][][] = [];
  let i = start + 2;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line) || !line.includes('|') || startsBlock(line)) break;
    const cells = splitRow(line);
    rows.push(head.map((_, c) => parseInline(cells[c] ?? '')));
  }
  flush();
  blocks.push({ type: 'table', align, head: head.map((cell) => parseInline(cell)), rows });
  return i;
}

// ---------------------------------------------------------------- containers

function parseBlockquote(lines: string[], start: number, depth: number, blocks: MdBlock[]): number {
  const inner: string[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const indent = indentOf(line);
    if (indent < 4 && line.charCodeAt(indent) === 62) {
      inner.push(line.slice(indent + 1).replace(/^ /, ''));
      i++;
      continue;
    }
    // Lazy continuation of a quoted paragraph.
    const previous = inner.at(-1);
    if (!isBlank(line) && previous !== undefined && !isBlank(previous) && !startsBlock(line)) {
      inner.push(line);
      i++;
      continue;
    }
    break;
  }
  blocks.push({ type: 'blockquote', children: nested(inner, depth) });
  return i;
}

function nested(lines: string[], depth: number): MdBlock[] {
  if (depth + 1 < MAX_DEPTH) return parseBlocks(lines, depth + 1);
  const text = lines.filter((l) => !isBlank(l));
  return text.length > 0 ? [{ type: 'paragraph', children: inlineOf(text) }] : [];
}

interface ListMarker {
  ordered: boolean;
  /** `-`, `+`, `*`, or `.`/`)` for ordered lists: a change starts a new list. */
  kind: string;
  start: number;
  indent: number;
  /** Column where the item's content starts; continuation lines indent to it. */
  contentOffset: number;
  content: string;
}

function listMarker(line: string): ListMarker | null {
  // Indent, then a bullet or 1-9 digits and `.` or `)`, then spaces (or the end of the line).
  const m = /^( *)([-+*]|(\d{1,9})[.)])( *)/.exec(line);
  if (!m || (!m[4] && m[0].length < line.length)) return null;
  const end = m[0].length;
  // Blank first line, or 5+ spaces (an indented block in CommonMark): content starts after one.
  const contentOffset = end === line.length || m[4]!.length > 4 ? end - m[4]!.length + 1 : end;
  return {
    ordered: m[3] !== undefined,
    kind: m[2]!.at(-1)!,
    start: m[3] ? +m[3] : 1,
    indent: m[1]!.length,
    contentOffset,
    content: line.slice(contentOffset),
  };
}

/** Only a non-empty bullet or an ordered item starting at 1 may interrupt a paragraph. */
const canInterrupt = (m: ListMarker): boolean =>
  m.content.trim() !== '' && (!m.ordered || m.start === 1);

/**
 * Whether `line` continues the item opened by `m`: indented to its content, or (lenient,
 * because chat models indent nested lists by 2-3 spaces under "1.") a list marker indented
 * deeper than `m`'s own marker.
 */
function belongs(line: string, m: ListMarker): boolean {
  const indent = indentOf(line);
  return indent >= m.contentOffset || (indent > m.indent && listMarker(line) !== null);
}

function parseList(lines: string[], start: number, depth: number, blocks: MdBlock[]): number {
  const first = listMarker(lines[start]!)!;
  const list: MdList = {
    type: 'list',
    ordered: first.ordered,
    start: first.start,
    loose: false,
    items: [],
  };
  let i = start;
  while (i < lines.length) {
    const marker = listMarker(lines[i]!);
    if (!marker || marker.kind !== first.kind || marker.indent >= 4) break;
    const itemLines = [marker.content];
    let blankInside = false;
    let lastBlank = marker.content.trim() === '';
    let j = i + 1;
    while (j < lines.length) {
      const line = lines[j]!;
      if (isBlank(line)) {
        let next = j;
        while (next < lines.length && isBlank(lines[next]!)) next++;
        // An item may not begin with more than one blank line.
        if (
          next === lines.length ||
          !belongs(lines[next]!, marker) ||
          (itemLines.length === 1 && lastBlank)
        )
          break;
        for (; j < next; j++) itemLines.push('');
        blankInside = true;
        lastBlank = true;
        continue;
      }
      if (belongs(line, marker)) {
        itemLines.push(stripIndent(line, marker.contentOffset));
      } else if (!lastBlank && !startsBlock(line) && listMarker(line) === null) {
        itemLines.push(line.trimStart()); // lazy paragraph continuation
      } else break;
      lastBlank = false;
      j++;
    }
    list.items.push(listItem(itemLines, depth));
    const item = list.items.at(-1)!;
    if (blankInside && item.children.length > 1) list.loose = true;
    i = j;
    // Blank lines between items make the list loose, if another item follows.
    let next = i;
    while (next < lines.length && isBlank(lines[next]!)) next++;
    if (next > i) {
      const following = next < lines.length ? listMarker(lines[next]!) : null;
      if (!following || following.kind !== first.kind || following.indent >= 4) break;
      list.loose = true;
      i = next;
    }
  }
  blocks.push(list);
  return i;
}

function listItem(lines: string[], depth: number): MdListItem {
  let checked: boolean | null = null;
  const task = /^\[([ xX])\](?=[ \t]|$)/.exec(lines[0]!);
  if (task) {
    checked = task[1] !== ' ';
    lines[0] = lines[0]!.slice(3).trimStart();
  }
  return { children: nested(lines, depth), checked };
}
