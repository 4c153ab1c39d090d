// ChatKit's widget icon names drawn as small inline SVG paths (24×24, stroked with
// currentColor). Nothing is fetched; an unknown name draws a neutral dot. The panel's
// own icons (../icons.ts) draw from this table too where they show the same thing.
import { nothing, svg, type TemplateResult } from 'lit';

/** A circle (or, with `ry`, an ellipse) as path data (so an icon is one path). */
export const circle = (cx: number, cy: number, r: number, ry = r) =>
  `M${cx - r} ${cy}a${r} ${ry} 0 1 0 ${2 * r} 0a${r} ${ry} 0 1 0-${2 * r} 0`;
export const ring = circle(12, 12, 9);
const sparkle = 'M12 3l2 7 7 2-7 2-2 7-2-7-7-2 7-2z';
const write = 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4';
const book = 'M4 5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2zM4 21V5';
const star = 'M12 3l3 6 6 1-4.5 4 1 6-5.5-3-5.5 3 1-6L3 10l6-1z';
const page = 'M6 3h8l4 4v14H6zM14 3v4h4';
const square = 'M4 4h16v16H4z';

/** Path data per icon name (several sub-paths per string). */
export const PATHS: Record<string, string> = {
  agent: `${circle(12, 8, 4)}M4 21a8 8 0 0 1 16 0`,
  analytics: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  atom: `${circle(12, 12, 1)}${circle(12, 12, 9, 4)}${circle(12, 12, 4, 9)}`,
  batch: 'M4 8l8-4 8 4-8 4zM4 12l8 4 8-4M4 16l8 4 8-4',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
  'book-open': 'M2 5h7l3 3 3-3h7v14h-7l-3 2-3-2H2zM12 8v13',
  'book-closed': book,
  'book-clock': `${book}M12 8v3l2 1`,
  bug: `${circle(12, 14, 4, 6)}M12 8V4M4 12h4M16 12h4M5 19l3-2M19 19l-3-2`,
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5',
  chart: 'M4 4v16h16M8 16l4-5 3 3 5-6',
  check: 'M5 12l5 5L20 7',
  'check-circle': `${ring}M8 12l3 3 5-6`,
  'check-circle-filled': `${ring}M8 12l3 3 5-6`,
  'chevron-left': 'M15 18l-6-6 6-6',
  'chevron-right': 'M9 18l6-6-6-6',
  'circle-question': `${ring}M9 9a3 3 0 1 1 3 3v2M12 17h.01`,
  compass: `${ring}M15.5 8.5l-2 5-5 2 2-5z`,
  confetti: 'M4 20l4-11 7 7zM14 4v2M18 6l-2 2M20 10h-2M11 3l1 2',
  cube: 'M12 2l9 5v10l-9 5-9-5V7zM3 7l9 5 9-5M12 12v10',
  desktop: 'M3 4h18v12H3zM8 20h8M12 16v4',
  document: `${page}M9 12h6M9 16h6`,
  dot: circle(12, 12, 3),
  'dots-horizontal': `${circle(5, 12, 1)}${circle(12, 12, 1)}${circle(19, 12, 1)}`,
  'dots-vertical': `${circle(12, 5, 1)}${circle(12, 12, 1)}${circle(12, 19, 1)}`,
  'empty-circle': ring,
  'external-link': 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  globe: `${ring}${circle(12, 12, 4, 9)}M3 12h18`,
  keys: `${circle(8, 15, 4)}M11 12l9-9M17 6l3 3M15 8l2 2`,
  lab: 'M9 3h6M10 3v6L4 21h16L14 9V3M7 15h10',
  images: 'M3 7h14v12H3zM7 3h14v12M3 16l4-4 4 4 2-2 4 4',
  info: `${ring}M12 11v6M12 7h.01`,
  lifesaver: `${ring}${circle(12, 12, 4)}M6 6l3 3M18 6l-3 3M6 18l3-3M18 18l-3-3`,
  lightbulb: `${circle(12, 9, 6)}M9 18h6M10 21h4M10 15v3M14 15v3`,
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  'map-pin': `M12 21L6 13a7 7 0 1 1 12 0z${circle(12, 9, 2)}`,
  maps: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  mobile: 'M7 2h10v20H7zM11 18h2',
  name: 'M3 5h18v14H3zM7 10h6M7 14h10',
  notebook: 'M6 3h13v18H6zM3 7h3M3 12h3M3 17h3M10 8h6',
  'notebook-pencil': 'M6 3h13v8M6 3v18h7M3 7h3M3 12h3M3 17h3M20 13l-6 6v2h2l6-6z',
  'page-blank': page,
  phone:
    'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  play: 'M7 4l13 8-13 8z',
  plus: 'M12 5v14M5 12h14',
  profile: `${circle(12, 8, 4)}M4 21a8 8 0 0 1 16 0`,
  'profile-card': `M3 5h18v14H3z${circle(9, 11, 2)}M6 16a3 3 0 0 1 6 0M14 10h4M14 14h4`,
  reload: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  star,
  'star-filled': star,
  search: `${circle(11, 11, 7)}M21 21l-5-5`,
  sparkle,
  'sparkle-double': `${sparkle}M19 2v4M17 4h4`,
  'square-code': `${square}M10 9l-3 3 3 3M14 9l3 3-3 3`,
  'square-image': `${square}M4 16l5-5 5 5 2-2 4 4`,
  'square-text': `${square}M8 9h8M8 13h8M8 17h5`,
  suitcase: 'M3 7h18v13H3zM8 7V4h8v3M3 13h18',
  'settings-slider': `M4 6h16M4 12h16M4 18h16${circle(8, 6, 2)}${circle(16, 12, 2)}${circle(10, 18, 2)}`,
  user: `${circle(12, 8, 4)}M4 21a8 8 0 0 1 16 0`,
  wreath: 'M7 20C3 16 3 9 7 4M17 20c4-4 4-11 0-16M5 12h3M16 12h3M6 7h2M16 7h2M6 17h2M16 17h2',
  write,
  'write-alt': `${write}M13 20h7`,
  'write-alt2': 'M12 20h9M16 4l4 4L8 20H4v-4z',
};

/** Filled variants: the path is filled instead of stroked. */
const FILLED = new Set(['star-filled', 'dot']);

/** Icons that point along the line of text: mirrored in right-to-left panels. */
const DIRECTIONAL = new Set(['chevron-left', 'chevron-right']);

/**
 * One icon: path data `d` stroked (or `filled`) with currentColor, decorative. With a
 * `className` it sizes with the text (widgets); without, it is 20×20 (the panel's icons).
 */
export const iconSvg = (d: string, filled = false, className?: string): TemplateResult<2> =>
  svg`<svg class=${className ?? nothing} viewBox="0 0 24 24" width=${className ? nothing : 20} height=${className ? nothing : 20} fill=${filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d=${d}/></svg>`;

/** The icon `name` as inline SVG, decorative (the text beside it carries the meaning). */
export function widgetIcon(name: unknown): TemplateResult<2> {
  const key = typeof name === 'string' && Object.hasOwn(PATHS, name) ? name : 'dot';
  return iconSvg(PATHS[key]!, FILLED.has(key), DIRECTIONAL.has(key) ? 'icon flip-rtl' : 'icon');
}

/** Whether `name` is in the built-in set. */
export const hasWidgetIcon = (name: string): boolean => Object.hasOwn(PATHS, name);
