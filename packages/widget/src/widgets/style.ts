// Widget props → CSS values, without Lit. The renderer applies the result through the
// CSSOM (`style.setProperty`), which a strict CSP allows, never through a style
// attribute. Values the browser cannot parse for a property are dropped by the CSSOM,
// and colours are set on colour properties only, so a prop can never load a `url()`.

export type Css = Record<string, string>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A length: numbers are pixels, strings pass through (`"100%"`, `"2rem"`). */
export function length(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}px`;
  if (typeof value === 'string' && value && !/[;{}]|url\(/i.test(value)) return value;
  return undefined;
}

/** A spacing step: numbers are steps of `--chat-widget-space` (4px), strings pass through. */
export function space(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value))
    return `calc(var(--chat-widget-space, 4px) * ${value})`;
  return length(value);
}

const SIDES = ['top', 'right', 'bottom', 'left'] as const;

/** `number | string | {top, right, bottom, left, x, y}` → one value per side. */
function sides(value: unknown, read: (v: unknown) => string | undefined): Css {
  const out: Css = {};
  if (!isRecord(value)) {
    const all = read(value);
    if (all !== undefined) for (const side of SIDES) out[side] = all;
    return out;
  }
  for (const side of SIDES) {
    const axis = side === 'top' || side === 'bottom' ? value.y : value.x;
    const v = read(value[side] ?? axis);
    if (v !== undefined) out[side] = v;
  }
  return out;
}

const prefixed = (prefix: string, values: Css): Css =>
  Object.fromEntries(Object.entries(values).map(([side, v]) => [`${prefix}-${side}`, v]));

const TEXT_COLORS: Record<string, string> = {
  primary: 'var(--_fg)',
  emphasis: 'var(--_fg)',
  secondary: 'var(--_muted)',
  tertiary: 'var(--_muted)',
  surface: 'var(--_bg)',
  'surface-secondary': 'var(--_surface)',
  'surface-tertiary': 'color-mix(in srgb, var(--_surface) 60%, var(--_border))',
  'surface-elevated': 'var(--_bg)',
  default: 'var(--_border)',
  subtle: 'color-mix(in srgb, var(--_border) 60%, transparent)',
  strong: 'var(--_muted)',
};
const STATUS = ['success', 'danger', 'warning', 'caution', 'info', 'discovery'];
const HUES: Record<string, number> = {
  red: 4,
  orange: 28,
  amber: 40,
  yellow: 50,
  lime: 85,
  green: 142,
  emerald: 155,
  teal: 172,
  cyan: 190,
  sky: 200,
  blue: 217,
  indigo: 235,
  violet: 260,
  purple: 272,
  fuchsia: 292,
  pink: 330,
  rose: 350,
};

/**
 * A ChatKit colour: a theme token (`secondary`, `success`, `surface-secondary`, …), a
 * palette step (`blue`, `gray-900`, `green-300`), `{light, dark}`, or a plain CSS colour
 * (hex, rgb()/hsl(), a keyword). Anything else is dropped.
 */
export function color(value: unknown): string | undefined {
  if (isRecord(value)) {
    const light = color(value.light);
    const dark = color(value.dark);
    return light && dark ? `light-dark(${light}, ${dark})` : (light ?? dark);
  }
  if (typeof value !== 'string') return undefined;
  if (Object.hasOwn(TEXT_COLORS, value)) return TEXT_COLORS[value];
  if (STATUS.includes(value)) return `var(--_w-${value})`;
  const palette = /^([a-z]+)(?:-(\d{2,3}))?$/.exec(value);
  if (
    palette &&
    (Object.hasOwn(HUES, palette[1]!) || /^(gray|grey|slate|alpha)$/.test(palette[1]!))
  ) {
    const step = Number(palette[2] ?? 500);
    const lightness = Math.max(8, Math.min(97, 100 - step / 10.5));
    const hue = HUES[palette[1]!];
    return hue === undefined
      ? `hsl(220 9% ${lightness}%)`
      : `hsl(${hue} ${step < 500 ? 90 : 70}% ${lightness}%)`;
  }
  if (/^(#[0-9a-f]{3,8}|(rgb|hsl|oklch|lab|lch)a?\([-\d.,%\s/a-z]*\)|[a-z]+)$/i.test(value))
    return value;
  return undefined;
}

const RADII: Record<string, string> = {
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
};
export const radius = (value: unknown): string | undefined =>
  typeof value === 'string' && Object.hasOwn(RADII, value) ? RADII[value] : undefined;

/** Flex alignment words (`start`, `between`, …) → CSS. */
export function flexWord(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const map: Record<string, string> = {
    start: 'flex-start',
    end: 'flex-end',
    center: 'center',
    baseline: 'baseline',
    stretch: 'stretch',
    between: 'space-between',
    around: 'space-around',
    evenly: 'space-evenly',
  };
  return Object.hasOwn(map, value) ? map[value] : undefined;
}

/** `border`: a width, `{size, color, style}`, or per side (`{top, x, …}`). */
function border(value: unknown): Css {
  const one = (v: unknown): string | undefined => {
    if (typeof v === 'number') return `${v}px solid var(--_border)`;
    if (!isRecord(v) || typeof v.size !== 'number') return undefined;
    const style = typeof v.style === 'string' && /^[a-z]+$/.test(v.style) ? v.style : 'solid';
    return `${v.size}px ${style} ${color(v.color) ?? 'var(--_border)'}`;
  };
  if (isRecord(value) && typeof value.size !== 'number')
    return prefixed('border', sides(value, one));
  const all = one(value);
  return all ? { border: all } : {};
}

const put = (css: Css, name: string, value: string | undefined) => {
  if (value !== undefined) css[name] = value;
};

/** Size props shared by boxes and images (`width`, `minHeight`, `size`, `aspectRatio`, `radius`, `margin`). */
export function blockCss(node: Record<string, unknown>, css: Css = {}): Css {
  for (const [prop, name] of [
    ['width', 'width'],
    ['height', 'height'],
    ['minWidth', 'min-width'],
    ['minHeight', 'min-height'],
    ['maxWidth', 'max-width'],
    ['maxHeight', 'max-height'],
  ] as const)
    put(css, name, length(node[prop]));
  for (const [prop, suffix] of [
    ['size', ''],
    ['minSize', 'min-'],
    ['maxSize', 'max-'],
  ] as const) {
    const v = length(node[prop]);
    if (v) {
      put(css, `${suffix}width`, v);
      put(css, `${suffix}height`, v);
    }
  }
  const ratio = node.aspectRatio;
  if (typeof ratio === 'number' && ratio > 0) css['aspect-ratio'] = String(ratio);
  else if (typeof ratio === 'string' && /^[\d.\s/]+$/.test(ratio)) css['aspect-ratio'] = ratio;
  put(css, 'border-radius', radius(node.radius));
  Object.assign(css, prefixed('margin', sides(node.margin, space)));
  return css;
}

/** Layout props of Box/Row/Col/Form/Card/ListViewItem. */
export function boxCss(node: Record<string, unknown>): Css {
  const css = blockCss(node);
  put(css, 'align-items', flexWord(node.align));
  put(css, 'justify-content', flexWord(node.justify));
  if (typeof node.wrap === 'string' && /^(nowrap|wrap|wrap-reverse)$/.test(node.wrap))
    css['flex-wrap'] = node.wrap;
  if (typeof node.flex === 'number') css.flex = `${node.flex} 1 0%`;
  else if (typeof node.flex === 'string' && /^[\w\s.%]+$/.test(node.flex)) css.flex = node.flex;
  put(css, 'gap', space(node.gap));
  Object.assign(css, prefixed('padding', sides(node.padding, space)));
  Object.assign(css, border(node.border));
  put(css, 'background-color', color(node.background));
  return css;
}

/**
 * Whether an image URL may load: absolute http(s), and, when the thread lists
 * `allowed_image_domains`, a host equal to one of them or below it. Returns the
 * normalized URL or null.
 */
export function imageUrl(raw: unknown, allowed?: readonly string[] | null): string | null {
  if (typeof raw !== 'string' || !/^https?:\/\//i.test(raw.trim())) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  if (allowed && allowed.length > 0) {
    const host = url.hostname.toLowerCase();
    const ok = allowed.some((domain) => {
      const d = domain.toLowerCase().replace(/^\*?\./, '');
      return host === d || host.endsWith(`.${d}`);
    });
    if (!ok) return null;
  }
  return url.href;
}
