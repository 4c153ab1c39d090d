// The Chart widget (Python SDK's `Chart`): bar, line and area series over categories,
// drawn as inline SVG, with a legend and the data as a table for screen readers.
import { html, nothing, svg, type TemplateResult } from 'lit';
import { color, isRecord, length, list, num, str } from './style.js';
import { sx } from './sx.js';
import type { WidgetNode } from './types.js';

// The plot area of the 400-wide viewBox: 32 left (the y labels), 8 right, 8 top, 22 below
// (the categories). These numbers are written into the templates too.
const FALLBACK = ['var(--_accent)', 'var(--_w-success)', 'var(--_w-caution)', 'var(--_w-info)'];

export function renderChart(node: WidgetNode): TemplateResult {
  const rows = list(node.data).filter(isRecord);
  const series = list(node.series)
    .filter(isRecord)
    .map((s, i) => ({
      type: s.type === 'line' || s.type === 'area' ? s.type : 'bar',
      key: str(s.dataKey),
      name: str(s.label) || str(s.dataKey),
      color: color(s.color) ?? FALLBACK[i % 4]!,
    }));
  const axis = (
    typeof node.xAxis === 'string' ? { dataKey: node.xAxis } : (node.xAxis ?? {})
  ) as Record<string, unknown>;
  const names = (axis.labels ?? {}) as Record<string, unknown>;
  const category = (row: Record<string, unknown>) => {
    const raw = str(row[str(axis.dataKey)]);
    return Object.hasOwn(names, raw) ? str(names[raw]) : raw;
  };
  const height = typeof node.height === 'number' && node.height > 40 ? node.height : 200;
  const max = Math.max(1, ...rows.flatMap((row) => series.map((s) => num(row[s.key]))));
  /** The baseline's y, and the plot's height. */
  const base = height - 22;
  const plotH = base - 8;
  const band = 360 / Math.max(1, rows.length);
  const x = (i: number) => 32 + band * (i + 0.5);
  const y = (v: number) => base - (Math.max(0, v) / max) * plotH;
  const bars = series.filter((s) => s.type === 'bar');
  const barGap = num(node.barGap);
  const gap = Math.min(band / 3, num(node.barCategoryGap) || 8);
  const barW = Math.max(1, (band - gap - (bars.length - 1) * barGap) / Math.max(1, bars.length));
  const points = (s: (typeof series)[number]) =>
    rows.map((row, i) => `${x(i)},${y(num(row[s.key]))}`).join(' ');
  const width = length(node.width);

  return html`<figure class="w-chart" ${sx(width ? { width } : {})}>
    <svg viewBox="0 0 400 ${height}" role="img" aria-label=${series.map((s) => s.name).join(', ')} focusable="false">
      ${[0, 0.5, 1].map(
        (f) =>
          svg`<line class="w-grid" x1="32" x2="392" y1=${y(max * f)} y2=${y(max * f)}></line>${
            node.showYAxis === false
              ? nothing
              : svg`<text class="w-axis" x="28" y=${y(max * f) + 4} text-anchor="end">${Math.round(max * f)}</text>`
          }`,
      )}
      ${series.map((s) => {
        if (s.type === 'bar') {
          const offset = bars.indexOf(s) * (barW + barGap);
          return rows.map((row, i) => {
            const v = num(row[s.key]);
            return svg`<rect x=${32 + band * i + gap / 2 + offset} y=${y(v)} width=${barW} height=${base - y(v)} ${sx({ fill: s.color })}><title>${s.name}: ${v}</title></rect>`;
          });
        }
        return svg`${
          s.type === 'area'
            ? svg`<polygon points="${x(0)},${base} ${points(s)} ${x(rows.length - 1)},${base}" fill-opacity=".25" ${sx({ fill: s.color })}></polygon>`
            : nothing
        }<polyline points=${points(s)} fill="none" stroke-width="2" ${sx({ stroke: s.color })}></polyline>`;
      })}
      ${rows.map(
        (row, i) =>
          svg`<text class="w-axis" x=${x(i)} y=${height - 6} text-anchor="middle">${category(row)}</text>`,
      )}
    </svg>
    ${
      node.showLegend === false
        ? nothing
        : html`<figcaption class="w-legend" aria-hidden="true">${series.map(
            (s) => html`<span><i ${sx({ background: s.color })}></i>${s.name}</span>`,
          )}</figcaption>`
    }
    <table class="sr-only">
      <tr><th scope="col">${str(axis.dataKey)}</th>${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr>
      ${rows.map(
        (row) =>
          html`<tr><th scope="row">${category(row)}</th>${series.map((s) => html`<td>${str(row[s.key])}</td>`)}</tr>`,
      )}
    </table>
  </figure>`;
}
