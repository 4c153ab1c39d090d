// Inline markdown → MdInline[]: code spans, emphasis/strong (* and _), strikethrough
// (~~), links, autolinks, bare http(s) URLs, backslash escapes, character references and
// hard breaks. Raw HTML is text. One left-to-right pass from one special character to the
// next; emphasis and brackets are resolved with stacks whose entries are each pushed and
// popped once, and every look-ahead is bounded or consumes what it reads, so the cost
// stays linear.
import type { MdInline, MdText } from './ast.js';
import { decodeEntity, safeHref, unescapeDestination } from './url.js';

/**
 * Nesting is bounded by bounding what can nest: at most MAX_OPENERS open delimiters per
 * character (older ones become literal) and runs of at most MAX_RUN characters (longer
 * runs are literal); links never contain links. So trees stay shallow (≤ ~50 levels).
 */
const MAX_OPENERS = 16;
const MAX_RUN = 6;

interface Delimiter {
  node: MdText;
  length: number;
  /** Position of `node` in the flat node list. */
  index: number;
}
interface Bracket {
  /** Position of the `[` (or `![`) text in the flat node list. */
  index: number;
  image: boolean;
  active: boolean;
}

/** The next character that may start markup; `h` only as a bare URL's start. */
const SPECIAL = /[\\`*_~[\]<&\n]|!\[|(?<![a-zA-Z\d])https?:\/\//g;
/** Whitespace or a control character; the start and end of the text count as space. */
const isSpace = (c: string | undefined) => c === undefined || c <= ' ' || /\s/.test(c);
/** Unicode punctuation or symbol (for ASCII exactly the CommonMark punctuation characters). */
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const EMAIL =
  /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/i;
/** Up to 2048 characters of a URL: no space, control character, `<` or `>`. */
const URL_RUN = /[^<>\0- ]{0,2048}/y;
const AUTOLINK = /<([^<>\0- ]{0,2048})>/y;
const SCHEME = /^[a-z][a-z\d+.-]{1,31}:/i;
/**
 * A link's `(destination "title")` after its `]`: spaces with at most one line break
 * around each part; the destination in `<…>` (group 1) or bare (group 2: no space or
 * control character, parentheses balanced two deep), at most 2048 characters; the title
 * (at most 512) in "…", '…' or (…). Every part stops at a character it cannot hold, so a
 * failed match reads no further than the next space or the third `(`.
 */
const LINK_TAIL =
  /\([ \t]*\n?[ \t]*(?:<((?:[^<>\n\\]|\\.){0,2048})>|(?!<)((?:[^\0- \x7f()\\]|\\.|\((?:[^\0- \x7f()\\]|\\.|\((?:[^\0- \x7f()\\]|\\.)*\))*\)){0,2048}))(?:(?:[ \t]+\n?|\n)[ \t]*(?:"(?:[^"\\]|\\.){0,512}"|'(?:[^'\\]|\\.){0,512}'|\((?:[^)\\]|\\.){0,512}\)))?[ \t]*\n?[ \t]*\)/sy;

export function parseInline(s: string): MdInline[] {
  const nodes: MdInline[] = [];
  let text = '';
  /** Open delimiters by character. */
  const delimiters: Record<string, Delimiter[]> = { '*': [], _: [], '~': [] };
  const brackets: Bracket[] = [];
  /** Backtick runs by length: their positions, in order (the front drops as the pass moves on). */
  let ticks: Map<number, number[]> | undefined;
  /**
   * Characters that failed bare-URL scans may still read. A failed scan's text is read
   * again by later ones; the budget (a few times the input) keeps the total linear — past
   * it, `http` is literal text, which only adversarial input reaches.
   */
  let scanBudget = 4 * s.length + 4096;

  let i = 0;
  for (;;) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(s);
    if (!m) break;
    text += s.slice(i, m.index);
    i = special(m.index);
  }
  text += s.slice(i);
  flush();
  return mergeText(nodes);

  /** Handles the special character at `i`; returns where plain text resumes. */
  function special(i: number): number {
    switch (s[i]) {
      case '\\':
        if (s[i + 1] === '\n') {
          push({ type: 'break' });
          return skipLineStart(i + 2);
        }
        // An escaped ASCII punctuation character is that character.
        return /[!-/:-@[-`{-~]/.test(s.charAt(i + 1)) ? literal(i + 1, i + 2) : literal(i);
      case '`':
        return codeSpan(i);
      case '*':
      case '_':
      case '~':
        return delimiterRun(i);
      case '[':
        return openBracket(i, false);
      case '!': // always "!["
        return openBracket(i, true);
      case ']':
        return closeBracket(i);
      case '<':
        return autolink(i);
      case '&': {
        const entity = decodeEntity(s, i);
        if (!entity) return literal(i);
        text += entity[0];
        return entity[1];
      }
      case '\n':
        return newline(i);
      default:
        return bareUrl(i);
    }
  }

  function flush(): void {
    if (text) nodes.push({ type: 'text', value: text });
    text = '';
  }

  /** `s[i, end)` is literal text; returns `end`. */
  function literal(i: number, end = i + 1): number {
    text += s.slice(i, end);
    return end;
  }

  function push(node: MdInline): void {
    flush();
    nodes.push(node);
  }

  /** Where the run that sticky `re` matches at `i` ends (`re` may match nothing). */
  function runEnd(re: RegExp, i: number): number {
    re.lastIndex = i;
    re.test(s);
    return re.lastIndex;
  }

  function skipLineStart(i: number): number {
    return runEnd(/[ \t]*/y, i);
  }

  function newline(i: number): number {
    // Count trailing spaces by hand: `text` may hold many lines, a regex would rescan it.
    let end = text.length;
    while (text.charCodeAt(end - 1) === 32) end--;
    const spaces = text.length - end;
    text = text.slice(0, end);
    if (spaces > 1) push({ type: 'break' });
    else text += '\n';
    return skipLineStart(i + 1);
  }

  function codeSpan(i: number): number {
    const end = runEnd(/`*/y, i);
    const length = end - i;
    if (!ticks) {
      ticks = new Map();
      for (const run of s.matchAll(/`+/g)) {
        const at = ticks.get(run[0].length);
        if (at) at.push(run.index);
        else ticks.set(run[0].length, [run.index]);
      }
    }
    // The next run of exactly `length` backticks after this one (runs before it never match again).
    const at = ticks.get(length) ?? [];
    while (at.length && at[0]! < end) at.shift();
    const close = at[0];
    if (close === undefined) return literal(i, end);
    let value = s.slice(end, close).replace(/\n/g, ' ');
    if (/^ .* $/s.test(value) && value.trim()) value = value.slice(1, -1);
    push({ type: 'inline_code', value });
    return close + length;
  }

  function delimiterRun(i: number): number {
    const char = s[i]!;
    const end = runEnd(/(.)\1*/y, i);
    const run = s.slice(i, end);
    const tilde = char === '~';
    // Only `~~` strikes through: a single `~` is "approximately" far too often.
    if ((tilde && run.length !== 2) || run.length > MAX_RUN) return literal(i, end);
    const before = s[i - 1];
    const after = s[end];
    const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const rightFlanking =
      !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    let canOpen = leftFlanking;
    let canClose = rightFlanking;
    if (char === '_') {
      // No intraword emphasis with `_`: snake_case_names stay as they are.
      canOpen = leftFlanking && (!rightFlanking || isPunct(before));
      canClose = rightFlanking && (!leftFlanking || isPunct(after));
    }
    let remaining = run.length;
    const stack = delimiters[char]!;
    while (canClose && remaining > 0 && stack.length > 0) {
      const opener = stack.at(-1)!;
      const use = tilde || (opener.length > 1 && remaining > 1) ? 2 : 1;
      flush();
      const children = nodes.splice(opener.index + 1);
      dropAfter(opener.index);
      opener.length -= use;
      opener.node.value = opener.node.value.slice(use);
      if (!opener.length) {
        nodes.pop();
        stack.pop();
      }
      push({ type: tilde ? 'delete' : use > 1 ? 'strong' : 'emphasis', children });
      remaining -= use;
    }
    if (remaining > 0) {
      const node: MdText = { type: 'text', value: run.slice(0, remaining) };
      push(node);
      if (canOpen) {
        if (stack.length >= MAX_OPENERS) stack.shift();
        stack.push({ node, length: remaining, index: nodes.length - 1 });
      }
    }
    return end;
  }

  /** Openers after `index` can no longer match: they stay as literal text. */
  function dropAfter(index: number): void {
    for (const stack of [...Object.values(delimiters), brackets]) {
      while (stack.length > 0 && stack.at(-1)!.index > index) stack.pop();
    }
  }

  function openBracket(i: number, image: boolean): number {
    const end = i + (image ? 2 : 1);
    push({ type: 'text', value: s.slice(i, end) });
    brackets.push({ index: nodes.length - 1, image, active: true });
    return end;
  }

  function closeBracket(i: number): number {
    const opener = brackets.pop();
    LINK_TAIL.lastIndex = i + 1;
    const tail = opener?.active && LINK_TAIL.exec(s);
    if (!tail) return literal(i);
    flush();
    let children = nodes.splice(opener!.index + 1);
    dropAfter(opener!.index);
    nodes.pop(); // the "[" or "![" text
    const href = safeHref(unescapeDestination(tail[1] ?? tail[2]!));
    if (!opener!.image) {
      // Links do not contain links.
      for (const bracket of brackets) if (!bracket.image) bracket.active = false;
    }
    if (!children.length && href) children = [{ type: 'text', value: href }];
    if (href) push({ type: 'link', href, children });
    // An unsafe destination drops the link and keeps its text.
    else nodes.push(...children);
    return tail.index + tail[0].length;
  }

  function autolink(i: number): number {
    AUTOLINK.lastIndex = i;
    const inner = AUTOLINK.exec(s)?.[1];
    const href =
      inner === undefined
        ? null
        : SCHEME.test(inner)
          ? safeHref(inner)
          : EMAIL.test(inner)
            ? safeHref(`mailto:${inner}`)
            : null;
    return href ? link(href, inner!, AUTOLINK.lastIndex) : literal(i);
  }

  function link(href: string, value: string, end: number): number {
    push({ type: 'link', href, children: [{ type: 'text', value }] });
    return end;
  }

  /** A bare `http://` or `https://` URL (GFM "extended autolink"). */
  function bareUrl(i: number): number {
    if (scanBudget <= 0) return literal(i);
    let k = runEnd(URL_RUN, i);
    // Trailing punctuation ends the sentence, not the URL; so does an unbalanced ")".
    // Counts of "(" and ")", each plus one.
    const opens = s.slice(i, k).split('(').length;
    let closes = s.slice(i, k).split(')').length;
    for (;;) {
      const last = s[k - 1]!;
      if ('?!.,:;*_~\'"'.includes(last)) k--;
      else if (last === ')' && closes > opens) {
        k--;
        closes--;
      } else break;
    }
    const url = s.slice(i, k);
    const href = url.length > 8 ? safeHref(url) : null;
    if (href) return link(href, url, k);
    scanBudget -= k - i + 1;
    return literal(i);
  }
}

/**
 * Joins adjacent text nodes and drops empty ones, recursively; a link inside a link
 * (an image's, or the other way round) gives way to its content: links do not nest.
 */
function mergeText(nodes: MdInline[], inLink = false, out: MdInline[] = []): MdInline[] {
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === 'text') {
      if (last?.type === 'text') last.value += node.value;
      else if (node.value) out.push({ type: 'text', value: node.value });
    } else if (inLink && node.type === 'link') mergeText(node.children, true, out);
    else if ('children' in node) {
      const children = mergeText(node.children, inLink || node.type === 'link');
      // A container whose content vanished renders nothing; keep text flow simple.
      if (children.length) out.push({ ...node, children } as MdInline);
    } else out.push(node);
  }
  return out;
}
