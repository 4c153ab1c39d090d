// The streamed answer: deterministic markdown (headings, paragraphs with inline
// code and bold, bullet and numbered lists, fenced code blocks) split into
// exactly `count` word-sized deltas, as a model would stream it.

const WORDS =
  'the widget streams tokens into a shadow root while the host page keeps scrolling and typing without jank because work is batched per frame'.split(
    ' ',
  );

const word = (i: number) => WORDS[i % WORDS.length]!;

function section(n: number): string {
  const para = Array.from({ length: 28 }, (_, i) =>
    i === 5 ? `**${word(n + i)}**` : i === 11 ? `\`${word(n + i)}()\`` : word(n + i),
  ).join(' ');
  const bullets = Array.from(
    { length: 4 },
    (_, i) => `- ${word(n + i)} ${word(n + i + 3)} \`item_${n}_${i}\` ${word(n + i + 7)}`,
  ).join('\n');
  const numbered = Array.from(
    { length: 3 },
    (_, i) => `${i + 1}. ${word(n + i + 2)} ${word(n + i + 5)} ${word(n + i + 9)}`,
  ).join('\n');
  const code = [
    '```ts',
    `export function step${n}(input: number[]): number {`,
    `  const total = input.reduce((sum, value) => sum + value * ${n}, 0);`,
    `  return total > ${n * 10} ? total : -total; // ${word(n)}`,
    '}',
    '```',
  ].join('\n');
  return `## Part ${n}\n\n${para}\n\n${bullets}\n\n${numbered}\n\n${code}\n\n`;
}

/** Splits into chunks that each start with their leading whitespace. */
const chunk = (text: string) => text.match(/\s*\S+|\s+$/g) ?? [];

export function markdownDeltas(count: number): string[] {
  const out: string[] = [];
  for (let n = 1; ; n++) {
    const next = chunk(section(n));
    if (out.length + next.length > count - 12) break;
    out.push(...next);
  }
  // Fill up to count - 1 with a closing paragraph, then a final marker word.
  let i = 0;
  while (out.length < count - 1) out.push(`${out.length && i === 0 ? '\n\n' : ' '}${word(i++)}`);
  out.push(' END.');
  return out;
}
