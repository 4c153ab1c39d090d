// A partial run (`BENCH_ONLY=…`) updates BENCHMARKS.md in place: the sections it rendered
// replace the sections of the same name, its headline rows replace the rows with the same
// label, and everything else (intro, machine, the other suites) stays as it was.

/** Sections a partial run renders but must not overwrite: they describe the full run. */
const KEEP = new Set(['Headline', 'Machine', 'Suites that failed in this run']);

interface Section {
  heading: string;
  lines: string[];
}

/**
 * Headings and row labels carry counts and results ("## 7. ChatKit handler: 200 concurrent…",
 * "Open a 1,000-message thread … (811 ms)"): numbers are masked so a re-run matches them.
 */
export function sameKey(text: string): string {
  return text.replace(/\d[\d,.]*/g, '#').trim();
}

function split(markdown: string): { preamble: string[]; sections: Section[] } {
  const preamble: string[] = [];
  const sections: Section[] = [];
  for (const line of markdown.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: line.slice(3), lines: [line] });
    else (sections.at(-1)?.lines ?? preamble).push(line);
  }
  return { preamble, sections };
}

const isRow = (line: string) => line.startsWith('| ') && line.endsWith(' |');
const cells = (line: string) => line.slice(2, -2).split(' | ');

/** The table rows of a headline section that this run measured, by table index. */
function measuredRows(section: Section): { table: number; line: string }[] {
  const rows: { table: number; line: string }[] = [];
  let table = -1;
  let inTable = false;
  for (const [i, line] of section.lines.entries()) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    if (!inTable) table++;
    inTable = true;
    // Skip the header and separator; a row whose first value is n/a was not measured.
    if (section.lines[i + 1]?.startsWith('|---') || !isRow(line)) continue;
    if (cells(line)[1] !== 'n/a') rows.push({ table, line });
  }
  return rows;
}

function mergeHeadline(existing: Section, partial: Section): void {
  const fresh = measuredRows(partial);
  const used = new Set<string>();
  const byKey = new Map(fresh.map((row) => [sameKey(cells(row.line)[0]!), row.line]));
  const lastRowOfTable: number[] = [];
  let table = -1;
  let inTable = false;
  existing.lines.forEach((line, i) => {
    if (!line.startsWith('|')) {
      inTable = false;
      return;
    }
    if (!inTable) table++;
    inTable = true;
    lastRowOfTable[table] = i;
    if (!isRow(line)) return;
    const replacement = byKey.get(sameKey(cells(line)[0]!));
    if (replacement === undefined) return;
    existing.lines[i] = replacement;
    used.add(replacement);
  });
  // Rows the file did not have yet go at the end of the same table, last table first so
  // the indexes still hold.
  for (let t = lastRowOfTable.length - 1; t >= 0; t--) {
    const added = fresh.filter((row) => row.table === t && !used.has(row.line));
    existing.lines.splice(lastRowOfTable[t]! + 1, 0, ...added.map((row) => row.line));
  }
}

/**
 * `existing` with the sections and headline rows of `partial` (a BENCH_ONLY run's
 * rendering). `note` is put under the heading of every replaced or added section.
 */
export function mergeMarkdown(existing: string, partial: string, note: string): string {
  const base = split(existing);
  const next = split(partial);
  for (const section of next.sections) {
    const key = sameKey(section.heading);
    const index = base.sections.findIndex((s) => sameKey(s.heading) === key);
    if (section.heading === 'Headline') {
      if (index >= 0) mergeHeadline(base.sections[index]!, section);
      continue;
    }
    if (KEEP.has(section.heading)) continue;
    const [heading, ...body] = section.lines;
    const noted = { heading: section.heading, lines: [heading!, '', note, ...body] };
    if (index >= 0) base.sections[index] = noted;
    else base.sections.push(noted);
  }
  // One blank line between sections, whichever file a section came from.
  const blocks = [base.preamble, ...base.sections.map((s) => s.lines)].map((lines) => {
    const end = lines.findLastIndex((line) => line.trim() !== '');
    return lines.slice(0, end + 1).join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
