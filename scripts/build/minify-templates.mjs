// A rollup plugin that shrinks the static text of Lit templates in our own sources at
// build time: css`` loses comments and the whitespace around punctuation; html`` and
// svg`` lose the indentation inside tags and between them. Only the raw text between
// `${}` changes; expressions, quoted strings and attribute values are left as written,
// and so is everything inside <pre> and <textarea> (whitespace there is content).
import MagicString from 'magic-string';

const TAGS = new Set(['css', 'html', 'svg']);
const space = /\s/;

/** Punctuation that needs no space on either side of it (outside strings and comments). */
const tight = new Set(['{', '}', ';', ',', '>']);

/** A `0.` here starts a number of its own (after a space or punctuation, not a name or digit). */
const leadingZero = (out, pendingSpace) =>
  pendingSpace ? out !== '' : out !== '' && !/[\w.#/%-]/.test(out[out.length - 1]);

/**
 * One static part of a css`` template, minified: a scan that knows strings (copied as they
 * are, quotes and escapes included) and comments (dropped, even with a quote inside), so a
 * `'` in a comment or a `/*` in a string never throws it off. Whitespace runs become one
 * space, and none is left beside `{ } ; , >`, after `:` or `(`, before `)` or `!`, or before
 * a `}` (nor the `;` there). `0.5` loses its leading zero, and an attribute selector's
 * identifier value its quotes. Returns null when the part ends
 * inside a string or comment (one that runs across an expression): such a part stays as written.
 */
function squeezeCssPart(part) {
  let out = '';
  /** A whitespace run (or a comment) waits here until the next character decides. */
  let pendingSpace = false;
  /** No space needed after what `out` ends with (empty: the part starts after an expression). */
  const tightBefore = () => {
    const last = out[out.length - 1];
    return last !== undefined && (tight.has(last) || last === ':' || last === '(');
  };
  const emit = (text) => {
    const first = text[0];
    const last = out[out.length - 1];
    if (pendingSpace && !tightBefore() && !tight.has(first) && first !== ')' && first !== '!') {
      out += ' ';
    }
    pendingSpace = false;
    if (first === '}' && last === ';') out = out.slice(0, -1);
    out += text;
  };
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '/' && part[i + 1] === '*') {
      const close = part.indexOf('*/', i + 2);
      if (close === -1) return null;
      pendingSpace = true;
      i = close + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < part.length && part[j] !== c) j += part[j] === '\\' ? 2 : 1;
      if (j >= part.length) return null;
      const value = part.slice(i + 1, j);
      // An attribute selector's value that is an identifier needs no quotes: [dir='rtl'] → [dir=rtl].
      const bare = out.endsWith('=') && part[j + 1] === ']' && /^[a-zA-Z_][\w-]*$/.test(value);
      emit(bare ? value : part.slice(i, j + 1));
      i = j;
    } else if (c === '\\') {
      // An escape outside strings (an identifier's): copied with the character it escapes.
      if (i + 1 >= part.length || part[i + 1] === '\n') return null;
      emit(part.slice(i, i + 2));
      i++;
    } else if (space.test(c)) {
      pendingSpace = true;
    } else if (
      c === '0' &&
      part[i + 1] === '.' &&
      /\d/.test(part[i + 2] ?? '') &&
      leadingZero(out, pendingSpace)
    ) {
      // `0.5` → `.5` (not inside a longer number or a name).
      emit('.');
      i++;
    } else {
      emit(c);
    }
  }
  // A trailing run stays one space: what follows is an expression, or nothing (trimmed).
  if (pendingSpace && !tightBefore()) out += ' ';
  return out;
}

/** The static parts of one css`` template, minified. */
export function minifyCss(parts) {
  const last = parts.length - 1;
  /** A part ended inside a string or comment: where the next ones start is unknown. */
  let open = false;
  return parts.map((part, index) => {
    const squeezed = open ? null : squeezeCssPart(part);
    if (squeezed === null) {
      open = true;
      return part;
    }
    // The stylesheet's own leading and trailing whitespace means nothing.
    if (index === 0 && index === last) return squeezed.trim();
    if (index === 0) return squeezed.trimStart();
    return index === last ? squeezed.trimEnd() : squeezed;
  });
}

/**
 * The value of the quoted attribute value that starts at `part[i]`, when it can go without
 * its quotes (`class="a"` → `class=a`): it follows `=`, ends in this part, is not empty,
 * holds nothing an unquoted value cannot (whitespace, quotes, `=<>` and backtick), and the
 * tag goes on after it with whitespace or `>` (never `/>`, which would join the value).
 * Else null.
 */
function unquotedValue(part, i, out) {
  if (!out.endsWith('=')) return null;
  const close = part.indexOf(part[i], i + 1);
  if (close === -1) return null;
  const value = part.slice(i + 1, close);
  if (!/^[^\s"'=<>`]+$/.test(value)) return null;
  let j = close + 1;
  if (!space.test(part[j] ?? '') && part[j] !== '>') return null;
  while (space.test(part[j] ?? '')) j++;
  return part[j] === '/' ? null : value;
}

/**
 * The static parts of one html``/svg`` template, minified. Inside a tag, whitespace
 * runs become one space (none before `>`); between tags, a run that holds a line break
 * becomes one space (the same rendering outside pre-formatted text).
 */
export function minifyHtml(parts) {
  let state = 'text';
  let quote = '';
  /** Inside <pre>/<textarea>: copy verbatim until its end tag. */
  let verbatim = '';
  let tagName = '';
  return parts.map((part) => {
    let out = '';
    for (let i = 0; i < part.length; i++) {
      const c = part[i];
      if (verbatim) {
        if (part.startsWith(`</${verbatim}`, i)) verbatim = '';
        else {
          out += c;
          continue;
        }
      }
      if (state === 'comment') {
        if (part.startsWith('-->', i)) state = 'text';
        out += c;
      } else if (state === 'quote') {
        if (c === quote) state = 'tag';
        out += c;
      } else if (state === 'tag') {
        const unquoted = c === '"' || c === "'" ? unquotedValue(part, i, out) : null;
        if (unquoted !== null) {
          out += unquoted;
          i += unquoted.length + 1;
        } else if (c === '"' || c === "'") {
          state = 'quote';
          quote = c;
          out += c;
        } else if (c === '>') {
          state = 'text';
          if (tagName === 'pre' || tagName === 'textarea') verbatim = tagName;
          out += c;
        } else if (space.test(c)) {
          let j = i;
          while (j < part.length && space.test(part[j])) j++;
          const next = part[j];
          if (!(next === '>' || (next === '/' && part[j + 1] === '>'))) out += ' ';
          i = j - 1;
        } else {
          out += c;
        }
      } else if (c === '<' && part.startsWith('<!--', i)) {
        state = 'comment';
        out += c;
      } else if (c === '<' && /[a-zA-Z/]/.test(part[i + 1] ?? '')) {
        state = 'tag';
        tagName = /^<([a-zA-Z][\w-]*)/.exec(part.slice(i))?.[1]?.toLowerCase() ?? '';
        out += c;
      } else if (space.test(c)) {
        let j = i;
        while (j < part.length && space.test(part[j])) j++;
        const run = part.slice(i, j);
        out += run.includes('\n') ? ' ' : run;
        i = j - 1;
      } else {
        out += c;
      }
    }
    return out;
  });
}

/** Every css``/html``/svg`` tagged template in an ESTree program. */
function* taggedTemplates(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* taggedTemplates(child);
    return;
  }
  if (
    node.type === 'TaggedTemplateExpression' &&
    node.tag.type === 'Identifier' &&
    TAGS.has(node.tag.name)
  ) {
    yield node;
  }
  for (const key in node) {
    if (key !== 'type' && key !== 'start' && key !== 'end') yield* taggedTemplates(node[key]);
  }
}

/** The plugin; `include` picks the modules to minify (by id). */
export function minifyTemplates({ include }) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const source = new MagicString(code);
      for (const node of taggedTemplates(this.parse(code))) {
        const quasis = node.quasi.quasis;
        const raw = quasis.map((q) => code.slice(q.start, q.end));
        const minified = node.tag.name === 'css' ? minifyCss(raw) : minifyHtml(raw);
        quasis.forEach((q, i) => {
          if (minified[i] !== raw[i]) {
            if (minified[i]) source.overwrite(q.start, q.end, minified[i]);
            else source.remove(q.start, q.end);
          }
        });
      }
      if (!source.hasChanged()) return null;
      return { code: source.toString(), map: source.generateMap({ hires: true }) };
    },
  };
}
