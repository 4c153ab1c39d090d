// Widget props → CSS values, without Lit. The renderer applies the result through the
// CSSOM (`style.setProperty`), which a strict CSP allows, never through a style
// attribute. Values the browser cannot parse for a property are dropped by the CSSOM,
// and colours are set on colour properties only, so a prop can never load a `url()`.

export type Css = Record<string, string>;
/** Reads one prop as a CSS value; `undefined` leaves the property unset. */
export type CssRead = (value: unknown) => string | undefined;
/** Props to read: `[prop, CSS property, reader]`. */
export type CssSpec = readonly (readonly [string, string, CssRead])[];

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A string as it is, a number as text, anything else `''`. */
export const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
/** An array as it is, anything else `[]`. */
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Sets `css[property]` for every prop of `spec` its reader accepts. */
export function cssOf(node: Record<string, unknown>, spec: CssSpec, css: Css = {}): Css {
  for (const [prop, property, read] of spec) {
    const value = read(node[prop]);
    if (value !== undefined) css[property] = value;
  }
  return css;
}

/** A reader for the words of `table` (own keys only). */
export const oneOf =
  (table: Record<string, string>): CssRead =>
  (value) =>
    typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;

/** A reader for strings `pattern` accepts, passed through. */
export const matching =
  (pattern: RegExp): CssRead =>
  (value) =>
    typeof value === 'string' && pattern.test(value) ? value : undefined;

/** `start`, `center` or `end` as they are (`text-align`). */
export const textAlign = matching(/^(start|center|end)$/);

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
/** A finite number as it is, anything else 0. */
export const num = (value: unknown): number => (isNumber(value) ? value : 0);

/** A length: numbers are pixels, strings pass through (`"100%"`, `"2rem"`). */
export const length: CssRead = (value) =>
  isNumber(value)
    ? `${value}px`
    : typeof value === 'string' && value && !/[;{}]|url\(/i.test(value)
      ? value
      : undefined;

/** A spacing step: numbers are steps of `--chat-widget-space` (4px), strings pass through. */
export const space: CssRead = (value) =>
  isNumber(value) ? `calc(var(--chat-widget-space, 4px) * ${value})` : length(value);

/**
 * `number | string | {top, right, bottom, left, x, y}` → `prefix-top`, … for every side
 * `read` accepts.
 */
function sides(prefix: string, value: unknown, read: CssRead, css: Css): Css {
  ['top', 'right', 'bottom', 'left'].forEach((side, i) => {
    const v = read(isRecord(value) ? (value[side] ?? value[i % 2 ? 'x' : 'y']) : value);
    if (v !== undefined) css[`${prefix}-${side}`] = v;
  });
  return css;
}

const fg = 'var(--_fg)';
const muted = 'var(--_muted)';
const bg = 'var(--_bg)';
const borderColor = 'var(--_border)';
const TOKENS: Record<string, string> = {
  primary: fg,
  emphasis: fg,
  secondary: muted,
  tertiary: muted,
  strong: muted,
  surface: bg,
  'surface-elevated': bg,
  'surface-secondary': 'var(--_surface)',
  'surface-tertiary': `color-mix(in srgb, var(--_surface) 60%, ${borderColor})`,
  default: borderColor,
  subtle: `color-mix(in srgb, ${borderColor} 60%, transparent)`,
};
/** The status colours (`--chat-widget-success`, …; `--_w-success` inside a widget). */
export const STATUS = ['success', 'danger', 'warning', 'caution', 'info', 'discovery'];
for (const status of STATUS) TOKENS[status] = `var(--_w-${status})`;
/** The palette's hues: each name followed by its hue angle. */
const HUES =
  'red4orange28amber40yellow50lime85green142emerald155teal172cyan190sky200blue217indigo235violet260purple272fuchsia292pink330rose350';

/**
 * A ChatKit colour: a theme token (`secondary`, `success`, `surface-secondary`, …), a
 * palette step (`blue`, `gray-900`, `green-300`), `{light, dark}`, or a plain CSS colour
 * (hex, rgb()/hsl(), a keyword). Anything else is dropped.
 */
export const color: CssRead = (value) => {
  if (isRecord(value)) {
    const light = color(value.light);
    const dark = color(value.dark);
    return light && dark ? `light-dark(${light}, ${dark})` : (light ?? dark);
  }
  const token = oneOf(TOKENS)(value);
  if (token || typeof value !== 'string') return token;
  const palette = /^([a-z]+)(?:-(\d{2,3}))?$/.exec(value);
  // A name is matched whole (it follows a digit or starts the table; it is letters only).
  const hue = palette && new RegExp(`(^|\\d)${palette[1]}(\\d+)`).exec(HUES)?.[2];
  if (palette && (hue || /^(gray|grey|slate|alpha)$/.test(palette[1]!))) {
    const step = Number(palette[2] ?? 500);
    const lightness = Math.max(8, Math.min(97, 100 - step / 10.5));
    return hue === undefined
      ? `hsl(220 9% ${lightness}%)`
      : `hsl(${hue} ${step < 500 ? 90 : 70}% ${lightness}%)`;
  }
  return matching(/^(#[0-9a-f]{3,8}|(rgb|hsl|oklch|lab|lch)a?\([-\d.,%\s/a-z]*\)|[a-z]+)$/i)(value);
};

export const radius = oneOf({
  none: '0',
  '2xs': '2px',
  xs: '4px',
  sm: '6px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  '2xl': '20px',
  '3xl': '24px',
  '4xl': '32px',
  full: '9999px',
  '100%': '100%',
});

/** Flex alignment words (`start`, `between`, …) → CSS. */
export const flexWord = oneOf({
  start: 'flex-start',
  end: 'flex-end',
  center: 'center',
  baseline: 'baseline',
  stretch: 'stretch',
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
});

/** One border: a width in pixels or `{size, color, style}`. */
const oneBorder: CssRead = (v) => {
  if (typeof v === 'number') return `${v}px solid ${borderColor}`;
  if (!isRecord(v) || typeof v.size !== 'number') return undefined;
  return `${v.size}px ${matching(/^[a-z]+$/)(v.style) ?? 'solid'} ${color(v.color) ?? borderColor}`;
};

/** A string prop as it is (`object-fit`, `object-position`). */
export const string: CssRead = (v) => (typeof v === 'string' ? v : undefined);

const BLOCK: CssSpec = [
  // `width`/`minWidth`/`maxWidth`, the same for heights, and `size`/`minSize`/`maxSize`,
  // which set both sides (and win over `width`/`height`).
  ...['', 'min', 'max'].flatMap((p) =>
    ['width', 'height', 'size', 'size'].map((prop, i) => {
      const side = i === 3 ? 'height' : i === 2 ? 'width' : prop;
      return [
        p ? p + prop[0]!.toUpperCase() + prop.slice(1) : prop,
        p ? `${p}-${side}` : side,
        length,
      ] as const;
    }),
  ),
  [
    'aspectRatio',
    'aspect-ratio',
    (v) => (typeof v === 'number' && v > 0 ? String(v) : matching(/^[\d.\s/]+$/)(v)),
  ],
  ['radius', 'border-radius', radius],
];

/** Size props shared by boxes and images (`width`, `minHeight`, `size`, `aspectRatio`, `radius`, `margin`). */
export const blockCss = (node: Record<string, unknown>, css: Css = {}): Css =>
  sides('margin', node.margin, space, cssOf(node, BLOCK, css));

const BOX: CssSpec = [
  ['align', 'align-items', flexWord],
  ['justify', 'justify-content', flexWord],
  ['wrap', 'flex-wrap', matching(/^(nowrap|wrap|wrap-reverse)$/)],
  ['flex', 'flex', (v) => (typeof v === 'number' ? `${v} 1 0%` : matching(/^[\w\s.%]+$/)(v))],
  ['gap', 'gap', space],
];

/** Layout props of Box/Row/Col/Form/Card/ListViewItem. */
export function boxCss(node: Record<string, unknown>): Css {
  const css = cssOf(node, BOX, blockCss(node));
  sides('padding', node.padding, space, css);
  const border = node.border;
  if (isRecord(border) && typeof border.size !== 'number') sides('border', border, oneBorder, css);
  else cssOf(node, [['border', 'border', oneBorder]], css);
  return cssOf(node, [['background', 'background-color', color]], css);
}

/**
 * Whether an image URL may load: absolute http(s), and, when the thread lists
 * `allowed_image_domains`, a host equal to one of them or below it. Returns the
 * normalized URL or null.
 */
export function imageUrl(raw: unknown, allowed?: readonly string[] | null): string | null {
  let url: URL;
  try {
    // The URL parser trims the string, lower-cases the host and throws on a relative URL.
    url = new URL(str(raw));
  } catch {
    return null;
  }
  const host = url.hostname;
  return /^https?:$/.test(url.protocol) &&
    (!allowed?.length ||
      allowed.some((domain) => {
        const d = domain.toLowerCase().replace(/^\*?\./, '');
        return host === d || host.endsWith(`.${d}`);
      }))
    ? url.href
    : null;
}
