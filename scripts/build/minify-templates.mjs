// A rollup plugin that shrinks the static text of Lit templates in our own sources at
// build time: css`` loses comments and the whitespace around punctuation; html`` and
// svg`` lose the indentation inside tags and between them. Only the raw text between
// `${}` changes; expressions, quoted strings and attribute values are left as written,
// and so is everything inside <pre> and <textarea> (whitespace there is content).
import MagicString from 'magic-string';

const TAGS = new Set(['css', 'html', 'svg']);
const space = /\s/;

/** Outside CSS strings: drop comments, collapse whitespace, none around `{ } ; , :`. */
const squeezeCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}');

/** The static parts of one css`` template, minified. */
export function minifyCss(parts) {
  const last = parts.length - 1;
  return parts.map((part, index) => {
    // A string or comment that runs across an expression: leave this part as it is.
    const quotes = part.replace(/\\./g, '').match(/['"]/g) ?? [];
    const balanced = quotes.filter((q) => q === "'").length % 2 === 0 && quotes.length % 2 === 0;
    const comments = (part.match(/\/\*/g) ?? []).length === (part.match(/\*\//g) ?? []).length;
    if (!balanced || !comments || part.includes('\\\n')) return part;
    const squeezed = part
      .split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/)
      .map((piece, i) => (i % 2 ? piece : squeezeCss(piece)))
      .join('');
    // The stylesheet's own leading and trailing whitespace means nothing.
    if (index === 0 && index === last) return squeezed.trim();
    if (index === 0) return squeezed.trimStart();
    return index === last ? squeezed.trimEnd() : squeezed;
  });
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
        if (c === '"' || c === "'") {
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
