// The Chart widget (Python SDK's `Chart`): bar, line and area series over categories,
// drawn as inline SVG, with a legend and the data as a table for screen readers.
import { html, nothing, svg, type TemplateResult } from 'lit';
import { color, length } from './style.js';
import { sx } from './sx.js';
import type { WidgetNode } from './types.js';

const W = 400;
const PAD = { top: 8, right: 8, bottom: 22, left: 32 };
const FALLBACK = ['var(--_accent)', 'var(--_w-success)', 'var(--_w-caution)', 'var(--_w-info)'];

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;
const label = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

interface Series {
  type: string;
  key: string;
  name: string;
  color: string;
}

export function renderChart(node: WidgetNode): TemplateResult {
  const rows = (Array.isArray(node.data) ? node.data : []).filter(
    (row): row is Record<string, unknown> => typeof row === 'object' && row !== null,
  );
  const series: Series[] = (Array.isArray(node.series) ? node.series : [])
    .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
    .map((s, i) => ({
      type: s.type === 'line' || s.type === 'area' ? s.type : 'bar',
      key: label(s.dataKey),
      name: label(s.label) || label(s.dataKey),
      color: color(s.color) ?? FALLBACK[i % FALLBACK.length]!,
    }));
  const axis = (
    typeof node.xAxis === 'string' ? { dataKey: node.xAxis } : (node.xAxis ?? {})
  ) as Record<string, unknown>;
  const names = (axis.labels ?? {}) as Record<string, unknown>;
  const category = (row: Record<string, unknown>) => {
    const raw = label(row[label(axis.dataKey)]);
    return Object.hasOwn(names, raw) ? label(names[raw]) : raw;
  };
  const height = typeof node.height === 'number' && node.height > 40 ? node.height : 200;
  const max = Math.max(1, ...rows.flatMap((row) => series.map((s) => num(row[s.key]))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const band = plotW / Math.max(1, rows.length);
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / max) * plotH;
  const bars = series.filter((s) => s.type === 'bar');
  const gap = Math.min(band / 3, num(node.barCategoryGap) || 8);
  const barW = Math.max(
    1,
    (band - gap - (bars.length - 1) * num(node.barGap)) / Math.max(1, bars.length),
  );
  const points = (s: Series) => rows.map((row, i) => `${x(i)},${y(num(row[s.key]))}`).join(' ');
  const showY = node.showYAxis !== false;
  const title = series.map((s) => s.name).join(', ');
  const width = length(node.width);

  return html`<figure class="w-chart" ${sx(width ? { width } : {})}>
    <svg viewBox="0 0 ${W} ${height}" role="img" aria-label=${title} focusable="false">
      ${[0, 0.5, 1].map(
        (
          f,
        ) => svg`<line class="w-grid" x1=${PAD.left} x2=${W - PAD.right} y1=${y(max * f)} y2=${y(max * f)}></line>
        ${showY ? svg`<text class="w-axis" x=${PAD.left - 4} y=${y(max * f) + 4} text-anchor="end">${Math.round(max * f)}</text>` : nothing}`,
      )}
      ${series.map((s) => {
        if (s.type === 'bar') {
          const offset = bars.indexOf(s) * (barW + num(node.barGap));
          return rows.map((row, i) => {
            const v = num(row[s.key]);
            return svg`<rect x=${PAD.left + band * i + gap / 2 + offset} y=${y(v)} width=${barW} height=${Math.max(0, PAD.top + plotH - y(v))} ${sx({ fill: s.color })}><title>${s.name}: ${v}</title></rect>`;
          });
        }
        const area =
          s.type === 'area'
            ? svg`<polygon points="${PAD.left + band / 2},${PAD.top + plotH} ${points(s)} ${x(rows.length - 1)},${PAD.top + plotH}" ${sx({ fill: s.color, 'fill-opacity': '0.25' })}></polygon>`
            : nothing;
        return svg`${area}<polyline points=${points(s)} fill="none" stroke-width="2" ${sx({ stroke: s.color })}></polyline>`;
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
      <tr><th scope="col">${label(axis.dataKey)}</th>${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr>
      ${rows.map(
        (row) =>
          html`<tr><th scope="row">${category(row)}</th>${series.map((s) => html`<td>${label(row[s.key])}</td>`)}</tr>`,
      )}
    </table>
  </figure>`;
}
