// Over 450 lines on purpose: one linear left-to-right inline pass whose stacks and
// look-aheads share state; splitting it would spread that invariant across files.
// Inline markdown → MdInline[]: code spans, emphasis/strong (* and _), strikethrough
// (~~), links, autolinks, bare http(s) URLs, backslash escapes, character references and
// hard breaks. Raw HTML is text. One left-to-right pass; emphasis and brackets are
// resolved with stacks whose entries are each pushed and popped once, and every
// look-ahead is either bounded or consumes what it scans, so the cost stays linear.
import type { MdInline, MdText } from './ast.js';
import { decodeEntity, isAsciiPunctuation, safeHref, unescapeDestination } from './url.js';

/**
 * Nesting is bounded by bounding what can nest: at most MAX_OPENERS open delimiters per
 * character (older ones become literal) and runs of at most MAX_RUN characters (longer
 * runs are literal); links never contain links. So trees stay shallow (≤ ~50 levels).
 */
const MAX_OPENERS = 16;
const MAX_RUN = 6;
const MAX_DESTINATION = 2048;
const MAX_TITLE = 512;

const STAR = 42;
const UNDERSCORE = 95;
const TILDE = 126;

// Characters that may start something other than plain text.
const SPECIAL = new Uint8Array(128);
for (const c of '\\`*_~[]!<&\nh') SPECIAL[c.charCodeAt(0)] = 1;

interface Delimiter {
  node: MdText;
  char: number;
  length: number;
  /** Position of `node` in the flat node list. */
  index: number;
}
interface Bracket {
  node: MdText;
  index: number;
  image: boolean;
  active: boolean;
}

/** Anything that may be markup; text without it needs no parser. */
const MAYBE_MARKUP = /[\\`*_~[\]!<&\n]|http/;

export function parseInline(source: string): MdInline[] {
  if (!MAYBE_MARKUP.test(source)) return source ? [{ type: 'text', value: source }] : [];
  return parseMarkup(source);
}

/** Whitespace or a control character; the start and end of the text count as space. */
const isSpace = (c: string | undefined) => c === undefined || c <= ' ' || /\s/.test(c);
/** Unicode punctuation or symbol (for ASCII exactly the CommonMark punctuation characters). */
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const EMAIL =
  /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/i;
/** Up to MAX_DESTINATION characters of a URL: no space, control character, `<` or `>`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters end a URL
const URL_RUN = /[^<>\x00-\x20]{0,2048}/y;
const SCHEME = /^[a-z][a-z\d+.-]{1,31}:/i;

/** One left-to-right pass over `s` (see the top of this file). */
function parseMarkup(s: string): MdInline[] {
  const nodes: MdInline[] = [];
  let text = '';
  /** Open delimiters by character code (`*`, `_`, `~`). */
  const delimiters: Record<number, Delimiter[]> = { [STAR]: [], [UNDERSCORE]: [], [TILDE]: [] };
  const brackets: Bracket[] = [];
  /** Backtick runs by length: positions, and a cursor that only moves forward. */
  let ticks: Map<number, { at: number[]; next: number }> | null = null;
  /**
   * Characters that failed look-aheads (link tails, bare URLs) may still read. A failed
   * scan's text is read again by the plain-text loop and later attempts; the budget (a few
   * times the input) keeps the total linear — past it, `](` and `http` are literal text,
   * which only adversarial input reaches.
   */
  let scanBudget = 4 * s.length + 4096;
  /** Furthest index the current link-tail scan read. */
  let far = 0;

  const n = s.length;
  let i = 0;
  let plain = 0; // start of the plain text not yet copied into `text`
  while (i < n) {
    const code = s.charCodeAt(i);
    // "h" matters only as the start of "http".
    if (code >= 128 || SPECIAL[code] === 0 || (code === 104 && !s.startsWith('http', i))) {
      i++;
      continue;
    }
    if (i > plain) text += s.slice(plain, i);
    i = special(code, i);
    plain = i;
  }
  if (n > plain) text += s.slice(plain);
  flush();
  return mergeText(nodes);

  /** Handles the special character at `i`; returns where plain text resumes. */
  function special(code: number, i: number): number {
    switch (code) {
      case 92: {
        // backslash
        const next = s.charCodeAt(i + 1);
        if (next === 10) {
          push({ type: 'break' });
          return skipLineStart(i + 2);
        }
        return isAsciiPunctuation(next) ? literal(i + 1, i + 2) : literal(i);
      }
      case 96:
        return codeSpan(i);
      case STAR:
      case UNDERSCORE:
      case TILDE:
        return delimiterRun(code, i);
      case 91: // [
        return openBracket(i, false);
      case 33: // !
        return s.charCodeAt(i + 1) === 91 ? openBracket(i, true) : literal(i);
      case 93: // ]
        return closeBracket(i);
      case 60: // <
        return autolink(i);
      case 38: {
        // &
        const entity = decodeEntity(s, i);
        if (!entity) return literal(i);
        text += entity[0];
        return entity[1];
      }
      case 10:
        return newline(i);
      default:
        return bareUrl(i);
    }
  }

  function flush(): void {
    if (text) {
      nodes.push({ type: 'text', value: text });
      text = '';
    }
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
    while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
    const spaces = text.length - end;
    if (spaces > 0) text = text.slice(0, end);
    if (spaces >= 2) push({ type: 'break' });
    else text += '\n';
    return skipLineStart(i + 1);
  }

  function codeSpan(i: number): number {
    const end = runEnd(/`*/y, i);
    const length = end - i;
    const close = findTicks(length, end);
    if (close === -1) return literal(i, end);
    let value = s.slice(end, close).replace(/\n/g, ' ');
    if (/^ .* $/s.test(value) && value.trim()) {
      value = value.slice(1, -1);
    }
    push({ type: 'inline_code', value });
    return close + length;
  }

  /** Position of the next run of exactly `length` backticks at or after `from`, or -1. */
  function findTicks(length: number, from: number): number {
    if (!ticks) {
      ticks = new Map();
      for (let i = s.indexOf('`'); i !== -1; i = s.indexOf('`', i)) {
        const end = runEnd(/`*/y, i);
        let runs = ticks.get(end - i);
        if (!runs) {
          runs = { at: [], next: 0 };
          ticks.set(end - i, runs);
        }
        runs.at.push(i);
        i = end;
      }
    }
    const runs = ticks.get(length);
    if (!runs) return -1;
    while (runs.next < runs.at.length && runs.at[runs.next]! < from) runs.next++;
    return runs.next < runs.at.length ? runs.at[runs.next]! : -1;
  }

  function delimiterRun(char: number, i: number): number {
    const end = runEnd(/(.)\1*/y, i);
    const run = s.slice(i, end);
    // Only `~~` strikes through: a single `~` is "approximately" far too often.
    if ((char === TILDE && run.length !== 2) || run.length > MAX_RUN) return literal(i, end);
    const before = i > 0 ? s[i - 1] : undefined;
    const after = s[end];
    const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const rightFlanking =
      !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    let canOpen = leftFlanking;
    let canClose = rightFlanking;
    if (char === UNDERSCORE) {
      // No intraword emphasis with `_`: snake_case_names stay as they are.
      canOpen = leftFlanking && (!rightFlanking || isPunct(before));
      canClose = rightFlanking && (!leftFlanking || isPunct(after));
    }
    let remaining = run.length;
    const stack = delimiters[char]!;
    if (canClose) {
      while (remaining > 0 && stack.length > 0) {
        const opener = stack.at(-1)!;
        const use = char === TILDE ? 2 : opener.length >= 2 && remaining >= 2 ? 2 : 1;
        flush();
        const children = nodes.splice(opener.index + 1);
        dropAfter(opener.index);
        opener.length -= use;
        opener.node.value = opener.node.value.slice(use);
        if (opener.length === 0) {
          nodes.pop();
          stack.pop();
        }
        const type = char === TILDE ? 'delete' : use === 2 ? 'strong' : 'emphasis';
        push({ type, children });
        remaining -= use;
      }
    }
    if (remaining > 0) {
      const node: MdText = { type: 'text', value: run.slice(0, remaining) };
      push(node);
      if (canOpen) {
        if (stack.length >= MAX_OPENERS) stack.shift();
        stack.push({ node, char, length: remaining, index: nodes.length - 1 });
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
    const node: MdText = { type: 'text', value: image ? '![' : '[' };
    push(node);
    brackets.push({ node, index: nodes.length - 1, image, active: true });
    return i + (image ? 2 : 1);
  }

  function closeBracket(i: number): number {
    const opener = brackets.pop();
    const tail = opener?.active ? linkTail(i + 1) : null;
    if (!opener || !tail) return literal(i);
    const [destination, end] = tail;
    flush();
    let children = nodes.splice(opener.index + 1);
    dropAfter(opener.index);
    nodes.pop(); // the "[" or "![" text
    const href = safeHref(unescapeDestination(destination));
    if (!opener.image) {
      // Links do not contain links.
      for (const bracket of brackets) if (!bracket.image) bracket.active = false;
    }
    if (children.length === 0 && href) children = [{ type: 'text', value: href }];
    if (href) push({ type: 'link', href, children: unwrapLinks(children) });
    // An unsafe destination drops the link and keeps its text.
    else nodes.push(...children);
    return end;
  }

  /** Parses `(destination "title")` at `p`; returns the raw destination and the end index. */
  function linkTail(p: number): [string, number] | null {
    const n = s.length;
    if (s.charCodeAt(p) !== 40 || scanBudget <= 0) return null;
    far = p;
    const tail = scanLinkTail(p, n);
    // Successful tails are consumed (never rescanned); failed ones cost what they read.
    if (!tail) scanBudget -= far - p + 1;
    return tail;
  }

  function scanLinkTail(p: number, n: number): [string, number] | null {
    let j = skipLinkSpace(p + 1);
    let destination: string;
    if (s.charCodeAt(j) === 60) {
      let k = j + 1;
      while (k < n && k - j < MAX_DESTINATION) {
        const c = s.charCodeAt(k);
        if (c === 62 || c === 60 || c === 10) break;
        k += c === 92 ? 2 : 1;
      }
      far = k;
      if (s.charCodeAt(k) !== 62) return null;
      destination = s.slice(j + 1, k);
      j = k + 1;
    } else {
      let k = j;
      let parens = 0;
      while (k < n) {
        if (k - j >= MAX_DESTINATION) {
          far = k;
          return null;
        }
        const c = s.charCodeAt(k);
        if (c <= 32 || c === 127) break;
        if (c === 92) {
          k += 2;
          continue;
        }
        if (c === 40) parens++;
        else if (c === 41) {
          if (parens === 0) break;
          parens--;
        }
        k++;
      }
      far = k;
      destination = s.slice(j, k);
      j = k;
    }
    const afterDestination = j;
    j = skipLinkSpace(j);
    const quote = s.charCodeAt(j);
    if (j > afterDestination && (quote === 34 || quote === 39 || quote === 40)) {
      const close = quote === 40 ? 41 : quote;
      let k = j + 1;
      while (k < n && k - j < MAX_TITLE && s.charCodeAt(k) !== close) {
        k += s.charCodeAt(k) === 92 ? 2 : 1;
      }
      far = k;
      if (s.charCodeAt(k) !== close) return null;
      j = skipLinkSpace(k + 1);
    }
    if (s.charCodeAt(j) !== 41) return null;
    return [destination, j + 1];
  }

  /** Spaces and tabs with at most one line break. */
  function skipLinkSpace(j: number): number {
    let lineBreak = false;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 32 || c === 9) j++;
      else if (c === 10 && !lineBreak) {
        lineBreak = true;
        j++;
      } else break;
    }
    return j;
  }

  function autolink(i: number): number {
    const k = runEnd(URL_RUN, i + 1);
    if (s.charCodeAt(k) === 62) {
      const inner = s.slice(i + 1, k);
      const href = SCHEME.test(inner)
        ? safeHref(inner)
        : EMAIL.test(inner)
          ? safeHref(`mailto:${inner}`)
          : null;
      if (href) {
        push({ type: 'link', href, children: [{ type: 'text', value: inner }] });
        return k + 1;
      }
    }
    return literal(i);
  }

  /** A bare `http://` or `https://` URL (GFM "extended autolink"). */
  function bareUrl(i: number): number {
    const startsUrl =
      scanBudget > 0 &&
      (i === 0 || !/[a-z\d]/i.test(s[i - 1]!)) &&
      (s.startsWith('https://', i) || s.startsWith('http://', i));
    if (!startsUrl) return literal(i);
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
    if (!href) {
      scanBudget -= k - i + 1;
      return literal(i);
    }
    push({ type: 'link', href, children: [{ type: 'text', value: url }] });
    return k;
  }
}

function unwrapLinks(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    if (node.type === 'link') out.push(...unwrapLinks(node.children));
    else if ('children' in node) out.push({ ...node, children: unwrapLinks(node.children) });
    else out.push(node);
  }
  return out;
}

/** Joins adjacent text nodes and drops empty ones, recursively. */
function mergeText(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!node.value) continue;
      const last = out.at(-1);
      if (last?.type === 'text') last.value += node.value;
      else out.push({ type: 'text', value: node.value });
    } else if ('children' in node) {
      const children = mergeText(node.children);
      // A container whose content vanished renders nothing; keep text flow simple.
      if (children.length > 0) out.push({ ...node, children } as MdInline);
    } else out.push(node);
  }
  return out;
}
