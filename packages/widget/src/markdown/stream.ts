// Markdown that grows at its end (a streamed reply). Parsing all of it again for every
// frame costs time proportional to its length, so the blocks before the last point
// where later text can no longer change them are kept, and only the rest is parsed.
import type { MdBlock } from './ast.js';
import { parseMarkdownStarts } from './blocks.js';

/**
 * After a blank line, an unindented letter or `#` cannot continue a paragraph, a list
 * item, a blockquote or indented code; if the parser starts a top-level block there
 * (so no fence is open), nothing before it depends on what follows.
 */
const FRESH = /^[\p{L}#]/u;

/**
 * Returns a parse function for one growing text: `parse(text)` gives exactly
 * `parseMarkdown(text)`, parsing only the part after the last stable point when
 * `text` extends the previous one (any other text starts over).
 */
export function createStreamingParser(): (text: string) => MdBlock[] {
  /** Text before the stable point (whole lines) and its blocks. */
  let stable = '';
  let stableBlocks: MdBlock[] = [];
  return (text) => {
    // A lone CR also ends a line for the parser; such text is parsed whole.
    if (text.includes('\r')) return parseMarkdownStarts(text);
    if (!text.startsWith(stable)) {
      stable = '';
      stableBlocks = [];
    }
    const tail = text.slice(stable.length);
    const starts: [number, number][] = [];
    const blocks = parseMarkdownStarts(tail, starts);
    const result = stableBlocks.length ? [...stableBlocks, ...blocks] : blocks;
    const lines = tail.split('\n');
    for (let k = starts.length - 1; k >= 0; k--) {
      const [line, before] = starts[k]!;
      if (before === 0) break;
      if (lines[line - 1]!.trim() === '' && FRESH.test(lines[line]!)) {
        stableBlocks = [...stableBlocks, ...blocks.slice(0, before)];
        stable += `${lines.slice(0, line).join('\n')}\n`;
        break;
      }
    }
    return result;
  };
}
