// Over 450 lines for now: one render function per ChatKit component (25+), each short;
// a split by component family (layout, text, form controls) is the next step.
// ChatKit widget trees → Lit templates. Every string from the server reaches the DOM as
// a text node or an attribute/property binding (never innerHTML), styles go through the
// CSSOM (allowed by a strict CSP), images load from http(s) only, and a node the
// renderer does not know, or one whose props are malformed, becomes a neutral fallback.
//
// Streaming: children are keyed (by id, key or position and type), so an updated tree
// patches the DOM already there. Form controls bind their *default* value only: what a
// user typed, checked or selected survives any update.
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { renderMarkdown } from '../markdown/render.js';
import { type FieldLike, formValues, loadingScope, readAction } from './actions.js';
import { renderChart } from './chart.js';
import { widgetIcon } from './icons.js';
import { blockCss, boxCss, type Css, color, imageUrl, length, space } from './style.js';
import { sx } from './sx.js';
import type { WidgetAction, WidgetContext, WidgetNode } from './types.js';

/** Render state passed down the tree. */
interface R {
  ctx: WidgetContext;
  /** The whole widget is busy (`container` loading): every control is disabled. */
  off: boolean;
  /** Field names some Label points at (those fields need no fallback aria-label). */
  labelled: Set<string>;
  /** Key of the enclosing Form (its submit buttons share its loading state). */
  form?: string;
  /** Rendering a ListView's items (they are list items only there). */
  list?: boolean;
}

const isNode = (value: unknown): value is WidgetNode =>
  typeof value === 'object' && value !== null && typeof (value as WidgetNode).type === 'string';
const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const word = (value: unknown): string | typeof nothing =>
  typeof value === 'string' && /^[\w-]{1,20}$/.test(value) ? value : nothing;
const opt = (value: unknown): string | typeof nothing =>
  typeof value === 'string' && value ? value : nothing;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const fieldId = (r: R, name: string) => `${r.ctx.itemId}:${name}`;
const isoDate = (value: unknown): string | typeof nothing => {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(str(value));
  return m ? m[0] : nothing;
};

/** The control's key: its id, key, or position in the tree. */
const keyOf = (node: WidgetNode, path: string) => str(node.id) || str(node.key) || path;

const fieldsOf = (form: HTMLFormElement): FieldLike[] =>
  Array.from(form.elements).filter(
    (el): el is HTMLInputElement => 'name' in el && 'value' in el && Boolean(el.name),
  );

/** Fires `action` unless the widget or this control is busy. */
function act(
  r: R,
  action: WidgetAction | null,
  component: string,
  key: string,
  values: Record<string, unknown> | null,
) {
  if (!action || r.off || r.ctx.busy === key) return;
  const source = { key, component, loading: loadingScope(action.loadingBehavior, component) };
  void Promise.resolve(r.ctx.dispatchAction(action, values, source)).catch(() => {});
}

/** Whether a control is disabled: by its props, or while its action (or the widget) is busy. */
const isOff = (r: R, node: WidgetNode, key: string) =>
  node.disabled === true || r.off || r.ctx.busy === key;

const TEXT_WEIGHTS: Record<string, string> = {
  normal: '400',
  medium: '500',
  semibold: '600',
  bold: '700',
};

function textCss(node: WidgetNode): Css {
  const css: Css = {};
  const c = color(node.color);
  if (c) css.color = c;
  const weight = TEXT_WEIGHTS[str(node.weight)];
  if (weight) css['font-weight'] = weight;
  if (/^(start|center|end)$/.test(str(node.textAlign))) css['text-align'] = str(node.textAlign);
  const width = length(node.width);
  if (width) css.width = width;
  const max = typeof node.maxLines === 'number' ? node.maxLines : node.truncate === true ? 1 : 0;
  if (max > 0) css['-webkit-line-clamp'] = String(Math.floor(max));
  if (typeof node.minLines === 'number') css['min-height'] = `${node.minLines}lh`;
  return css;
}

const clamped = (node: WidgetNode) =>
  typeof node.maxLines === 'number' || node.truncate === true ? 'clamp' : '';

/** Children, keyed so an updated tree reuses the DOM of the nodes it keeps. */
function kids(children: unknown, r: R, path: string): unknown {
  const items = list(children);
  const seen = new Set<string>();
  const keys = items.map((child, i) => {
    let key = isNode(child) ? `${child.type}:${str(child.id) || str(child.key) || i}` : `?${i}`;
    if (seen.has(key)) key += `#${i}`;
    seen.add(key);
    return key;
  });
  return repeat(
    items,
    (_child, i) => keys[i],
    (child, i) => renderNode(child, r, `${path}.${i}`),
  );
}

function fallback(r: R, type: string) {
  return html`<span class="w-fallback" part="widget-fallback" data-type=${type}
    >${r.ctx.strings?.unsupported ?? 'Unsupported content'}</span
  >`;
}

function renderNode(value: unknown, r: R, path: string): unknown {
  if (!isNode(value)) return fallback(r, typeof value);
  try {
    return component(value, r, path);
  } catch {
    // Props of a shape no type allows (a number where a list goes, …): never break the thread.
    return fallback(r, value.type);
  }
}

function box(node: WidgetNode, r: R, path: string, direction: string): TemplateResult {
  return html`<div class="w-box" data-dir=${direction} ${sx(boxCss(node))}>
    ${kids(node.children, r, path)}
  </div>`;
}

function status(node: WidgetNode, r: R) {
  const s = node.status as Record<string, unknown> | undefined;
  if (!s || typeof s !== 'object' || !str(s.text)) return nothing;
  const favicon = imageUrl(s.favicon, r.ctx.allowedImageDomains);
  return html`<div class="w-status" part="widget-status">
    ${
      favicon
        ? html`<img class="w-favicon" ?data-frame=${s.frame === true} src=${favicon} alt="" referrerpolicy="no-referrer">`
        : s.icon
          ? widgetIcon(s.icon)
          : nothing
    }<span>${str(s.text)}</span>
  </div>`;
}

function card(node: WidgetNode, r: R, path: string): TemplateResult {
  const asForm = node.asForm === true;
  const confirm = node.confirm as Record<string, unknown> | undefined;
  const cancel = node.cancel as Record<string, unknown> | undefined;
  const confirmAction = readAction(confirm?.action);
  const cancelAction = readAction(cancel?.action);
  const key = keyOf(node, path);
  const values = (event: Event) => {
    const form = (event.target as HTMLElement).closest('form');
    return asForm && form ? formValues(fieldsOf(form)) : null;
  };
  const button = (
    spec: Record<string, unknown> | undefined,
    action: WidgetAction | null,
    which: 'confirm' | 'cancel',
  ) =>
    spec
      ? html`<button
          class="w-btn"
          part="widget-button widget-${which}"
          data-style=${which === 'confirm' ? 'primary' : 'secondary'}
          type=${which === 'confirm' && asForm ? 'submit' : 'button'}
          aria-disabled=${r.off || r.ctx.busy === `${key}:${which}` ? 'true' : 'false'}
          @click=${(event: Event) => {
            if ((event.currentTarget as HTMLElement).getAttribute('aria-disabled') === 'true')
              return event.preventDefault();
            if (which === 'confirm' && asForm) return; // the form's submit handler runs it
            act(r, action, 'Card', `${key}:${which}`, values(event));
          }}
        >${str(spec.label)}</button>`
      : nothing;
  const body = html`${node.collapsed === true ? nothing : html`<div class="w-card-body">${kids(node.children, r, path)}</div>`}
    ${
      confirm || cancel
        ? html`<div class="w-card-actions">
          ${button(cancel, cancelAction, 'cancel')}${button(confirm, confirmAction, 'confirm')}
        </div>`
        : nothing
    }`;
  const css = boxCss(node);
  return html`<div
    class="w-card"
    part="widget-card"
    data-size=${word(node.size)}
    ?data-collapsed=${node.collapsed === true}
    ${sx(css)}
  >
    ${status(node, r)}
    ${
      asForm
        ? html`<form
          class="w-card-form"
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            act(r, confirmAction, 'Card', `${key}:confirm`, values(event));
          }}
        >${body}</form>`
        : body
    }
  </div>`;
}

function listView(node: WidgetNode, r: R, path: string): TemplateResult {
  const items = list(node.children);
  const limit = typeof node.limit === 'number' && node.limit > 0 ? Math.floor(node.limit) : 0;
  const shown = limit && items.length > limit ? items.slice(0, limit) : items;
  const rest = shown === items ? [] : items.slice(limit);
  return html`<div class="w-list" part="widget-list">
    ${status(node, r)}
    <div class="w-list-items" role="list">${kids(shown, { ...r, list: true }, path)}</div>
    ${
      rest.length
        ? html`<details class="w-more">
          <summary>${r.ctx.strings?.showMore ?? 'Show more'} (${rest.length})</summary>
          <div role="list">${kids(rest, { ...r, list: true }, `${path}+`)}</div>
        </details>`
        : nothing
    }
  </div>`;
}

function listItem(node: WidgetNode, r: R, path: string): TemplateResult {
  const action = readAction(node.onClickAction);
  const key = keyOf(node, path);
  const css = boxCss(node);
  const role = r.list ? 'listitem' : nothing;
  const inner = { ...r, list: false };
  if (!action)
    return html`<div class="w-li" role=${role} ${sx(css)}>${kids(node.children, inner, path)}</div>`;
  const off = isOff(r, node, key);
  const run = () => act(r, action, 'ListViewItem', key, null);
  return html`<div role=${role} class="w-li-wrap"><div
    class="w-li"
    part="widget-list-item"
    role="button"
    tabindex=${off ? -1 : 0}
    aria-disabled=${off ? 'true' : 'false'}
    aria-busy=${r.ctx.busy === key ? 'true' : 'false'}
    ${sx(css)}
    @click=${run}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      run();
    }}
  >${kids(node.children, inner, path)}</div></div>`;
}

function text(node: WidgetNode, r: R): TemplateResult {
  const editable = node.editable as Record<string, unknown> | false | undefined;
  if (editable && typeof editable === 'object' && str(editable.name)) {
    const name = str(editable.name);
    return html`<input
      class="w-input w-editable"
      id=${fieldId(r, name)}
      name=${name}
      .defaultValue=${str(node.value)}
      placeholder=${opt(editable.placeholder)}
      pattern=${opt(editable.pattern)}
      autocomplete=${opt(editable.autoComplete)}
      aria-label=${r.labelled.has(name) ? nothing : name}
      ?required=${editable.required === true}
      ?disabled=${r.off}
      ${sx(textCss(node))}
    >`;
  }
  return html`<p
    class="w-text ${clamped(node)}"
    data-size=${word(node.size)}
    ?data-italic=${node.italic === true}
    ?data-strike=${node.lineThrough === true}
    aria-busy=${node.streaming === true ? 'true' : 'false'}
    ${sx(textCss(node))}
  >${str(node.value)}</p>`;
}

function field(node: WidgetNode, r: R, path: string): TemplateResult {
  const name = str(node.name);
  const key = keyOf(node, path);
  const id = fieldId(r, name);
  const off = isOff(r, node, key);
  const label = r.labelled.has(name) ? nothing : str(node.placeholder) || name || nothing;
  const action = readAction(node.onChangeAction);
  const changed = (event: Event) => {
    const el = event.target as HTMLInputElement;
    act(r, action, node.type, key, {
      [name]: el.type === 'checkbox' ? el.checked : el.value,
    });
  };
  switch (node.type) {
    case 'Input':
      return html`<input
        class="w-input"
        id=${id}
        name=${name}
        type=${/^(number|email|text|password|tel|url)$/.test(str(node.inputType)) ? str(node.inputType) : 'text'}
        data-variant=${word(node.variant)}
        data-size=${word(node.size)}
        ?data-pill=${node.pill === true}
        .defaultValue=${str(node.defaultValue)}
        placeholder=${opt(node.placeholder)}
        pattern=${opt(node.pattern)}
        autocomplete=${node.allowAutofillExtensions === false ? 'off' : nothing}
        aria-label=${label}
        ?required=${node.required === true}
        ?disabled=${off}
        ?autofocus=${node.autoFocus === true}
        @focus=${node.autoSelect === true ? (e: Event) => (e.target as HTMLInputElement).select() : null}
      >`;
    case 'Textarea':
      return html`<textarea
        class="w-input w-textarea"
        id=${id}
        name=${name}
        rows=${typeof node.rows === 'number' ? node.rows : 3}
        data-variant=${word(node.variant)}
        data-size=${word(node.size)}
        ?data-grow=${node.autoResize === true}
        .defaultValue=${str(node.defaultValue)}
        placeholder=${opt(node.placeholder)}
        aria-label=${label}
        ?required=${node.required === true}
        ?disabled=${off}
        ?autofocus=${node.autoFocus === true}
        ${sx(typeof node.maxRows === 'number' ? { 'max-height': `calc(${node.maxRows}lh + 1em)` } : {})}
      ></textarea>`;
    case 'Select': {
      const current = str(node.defaultValue);
      return html`<select
        class="w-input w-select"
        id=${id}
        name=${name}
        data-variant=${word(node.variant)}
        data-size=${word(node.size)}
        ?data-pill=${node.pill === true}
        ?data-block=${node.block === true}
        aria-label=${label}
        ?required=${node.required === true}
        ?disabled=${off}
        @change=${changed}
      >
        ${
          str(node.placeholder) || !current
            ? html`<option value="" ?disabled=${node.clearable !== true} ?selected=${!current}>${str(node.placeholder)}</option>`
            : nothing
        }
        ${list(node.options).map((o) => {
          const option = (o ?? {}) as Record<string, unknown>;
          const value = str(option.value);
          const description = str(option.description);
          return html`<option
            value=${value}
            ?selected=${value === current}
            ?disabled=${option.disabled === true}
          >${str(option.label) || value}${description ? ` — ${description}` : ''}</option>`;
        })}
      </select>`;
    }
    case 'DatePicker':
      return html`<input
        class="w-input w-date"
        type="date"
        id=${id}
        name=${name}
        data-variant=${word(node.variant)}
        data-size=${word(node.size)}
        ?data-pill=${node.pill === true}
        ?data-block=${node.block === true}
        .defaultValue=${isoDate(node.defaultValue) === nothing ? '' : (isoDate(node.defaultValue) as string)}
        min=${isoDate(node.min)}
        max=${isoDate(node.max)}
        aria-label=${r.labelled.has(name) ? nothing : str(node.placeholder) || name}
        ?required=${node.required === true}
        ?disabled=${off}
        @change=${changed}
      >`;
    case 'Checkbox':
      return html`<label class="w-check">
        <input
          type="checkbox"
          id=${id}
          name=${name}
          .defaultChecked=${node.defaultChecked === true}
          aria-label=${str(node.label) ? nothing : name}
          ?required=${node.required === true}
          ?disabled=${off}
          @change=${changed}
        ><span>${str(node.label)}</span>
      </label>`;
    default: {
      // RadioGroup
      const current = str(node.defaultValue);
      return html`<div
        class="w-radios"
        role="radiogroup"
        id=${id}
        data-dir=${node.direction === 'row' ? 'row' : 'col'}
        aria-label=${opt(node.ariaLabel) === nothing ? name : str(node.ariaLabel)}
        aria-required=${node.required === true ? 'true' : 'false'}
      >
        ${list(node.options).map((o) => {
          const option = (o ?? {}) as Record<string, unknown>;
          const value = str(option.value);
          return html`<label class="w-check">
            <input
              type="radio"
              name=${name}
              value=${value}
              .defaultChecked=${value === current}
              ?required=${node.required === true}
              ?disabled=${off || option.disabled === true}
              @change=${changed}
            ><span>${str(option.label) || value}</span>
          </label>`;
        })}
      </div>`;
    }
  }
}

function button(node: WidgetNode, r: R, path: string): TemplateResult {
  const key = keyOf(node, path);
  const action = readAction(node.onClickAction);
  const submit = node.submit === true;
  const label = str(node.label);
  return html`<button
    class="w-btn"
    part="widget-button"
    type=${submit ? 'submit' : 'button'}
    data-style=${word(node.style)}
    data-color=${word(node.color)}
    data-variant=${word(node.variant)}
    data-size=${word(node.size)}
    ?data-pill=${node.pill === true}
    ?data-block=${node.block === true}
    ?data-uniform=${node.uniform === true}
    aria-label=${label ? nothing : str(node.iconStart) || str(node.iconEnd) || 'button'}
    aria-busy=${r.ctx.busy === key ? 'true' : 'false'}
    ?disabled=${node.disabled === true}
    aria-disabled=${
      r.off || r.ctx.busy === key || (submit && r.form !== undefined && r.ctx.busy === r.form)
        ? 'true'
        : 'false'
    }
    @click=${(event: Event) => {
      // Busy buttons stay focusable (aria-disabled), so they must not act, nor submit.
      if ((event.currentTarget as HTMLElement).getAttribute('aria-disabled') === 'true')
        event.preventDefault();
      else if (!submit) act(r, action, 'Button', key, null);
    }}
  >${node.iconStart ? widgetIcon(node.iconStart) : nothing}${label ? html`<span>${label}</span>` : nothing}${
    node.iconEnd ? widgetIcon(node.iconEnd) : nothing
  }</button>`;
}

function image(node: WidgetNode, r: R): TemplateResult {
  const src = imageUrl(node.src, r.ctx.allowedImageDomains);
  const css = blockCss(node);
  if (typeof node.fit === 'string') css['object-fit'] = node.fit;
  if (typeof node.position === 'string') css['object-position'] = node.position;
  const bg = color(node.background);
  if (bg) css['background-color'] = bg;
  if (!src)
    return html`<span class="w-img w-img-blocked" role="img" aria-label=${str(node.alt) || 'image'} ${sx(css)}></span>`;
  return html`<img
    class="w-img"
    src=${src}
    alt=${str(node.alt)}
    loading="lazy"
    referrerpolicy="no-referrer"
    ?data-frame=${node.frame === true}
    ?data-flush=${node.flush === true}
    ${sx(css)}
  >`;
}

function table(node: WidgetNode, r: R, path: string): TemplateResult {
  const rows = list(node.children).filter(isNode);
  return html`<table class="w-table">${rows.map((row, i) => {
    const header = row.header === true;
    return html`<tr>${list(row.children)
      .filter(isNode)
      .map((cell, j) => {
        const content = kids(cell.children, r, `${path}.${i}.${j}`);
        const css: Css = {};
        if (/^(start|center|end)$/.test(str(cell.align))) css['text-align'] = str(cell.align);
        const vAlign = { start: 'top', center: 'middle', end: 'bottom' }[str(cell.vAlign)];
        if (vAlign) css['vertical-align'] = vAlign;
        const width = length(cell.width);
        if (width) css.width = width;
        const span = (v: unknown) => (typeof v === 'number' && v > 1 ? v : nothing);
        return header
          ? html`<th scope="col" colspan=${span(cell.colSpan)} rowspan=${span(cell.rowSpan)} ${sx(css)}>${content}</th>`
          : html`<td colspan=${span(cell.colSpan)} rowspan=${span(cell.rowSpan)} ${sx(css)}>${content}</td>`;
      })}</tr>`;
  })}</table>`;
}

function component(node: WidgetNode, r: R, path: string): unknown {
  switch (node.type) {
    case 'Card':
      return card(node, r, path);
    case 'ListView':
      return listView(node, r, path);
    case 'ListViewItem':
      return listItem(node, r, path);
    case 'Basic':
      return box(node, r, path, node.direction === 'row' ? 'row' : 'col');
    case 'Box':
      return box(node, r, path, node.direction === 'row' ? 'row' : 'col');
    case 'Row':
      return box(node, r, path, 'row');
    case 'Col':
      return box(node, r, path, 'col');
    case 'Form': {
      const action = readAction(node.onSubmitAction);
      const key = keyOf(node, path);
      return html`<form
        class="w-box"
        data-dir=${node.direction === 'row' ? 'row' : 'col'}
        aria-busy=${r.ctx.busy === key || r.off ? 'true' : 'false'}
        ${sx(boxCss(node))}
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          const form = event.currentTarget as HTMLFormElement;
          act(r, action, 'Form', key, formValues(fieldsOf(form)));
        }}
      >${kids(node.children, { ...r, form: key }, path)}</form>`;
    }
    case 'Spacer': {
      const min = space(node.minSize);
      return html`<div class="w-spacer" ${sx(min ? { 'flex-basis': min } : {})}></div>`;
    }
    case 'Divider': {
      const css: Css = {};
      const c = color(node.color);
      if (c) css['border-top-color'] = c;
      const size = length(node.size);
      if (size) css['border-top-width'] = size;
      const gap = space(node.spacing);
      if (gap) css['margin-block'] = gap;
      return html`<hr class="w-divider" ?data-flush=${node.flush === true} ${sx(css)}>`;
    }
    case 'Transition': {
      const child = node.children;
      const childKey = isNode(child) ? `${child.type}:${str(child.id) || str(child.key)}` : '';
      return html`<div class="w-transition">${keyed(childKey, html`<div class="w-enter">${renderNode(child, r, `${path}.0`)}</div>`)}</div>`;
    }
    case 'Text':
      return text(node, r);
    case 'Title':
      return html`<p class="w-title ${clamped(node)}" data-size=${word(node.size)} ${sx(textCss(node))}>${str(node.value)}</p>`;
    case 'Caption':
      return html`<p class="w-caption ${clamped(node)}" data-size=${word(node.size)} ${sx(textCss(node))}>${str(node.value)}</p>`;
    case 'Label': {
      const name = str(node.fieldName);
      return html`<label class="w-label" for=${fieldId(r, name)} data-size=${word(node.size)} ${sx(textCss(node))}>${str(node.value)}</label>`;
    }
    case 'Markdown':
      return html`<div class="w-md" aria-busy=${node.streaming === true ? 'true' : 'false'}>${renderMarkdown(
        str(node.value),
        { codeBlockButton: r.ctx.codeBlockButton },
      )}</div>`;
    case 'Badge':
      return html`<span
        class="w-badge"
        data-color=${word(node.color)}
        data-variant=${word(node.variant)}
        data-size=${word(node.size)}
        ?data-pill=${node.pill === true}
      >${str(node.label)}</span>`;
    case 'Icon': {
      const c = color(node.color);
      return html`<span class="w-icon" data-size=${word(node.size)} ${sx(c ? { color: c } : {})}>${widgetIcon(node.name)}</span>`;
    }
    case 'Image':
      return image(node, r);
    case 'Button':
      return button(node, r, path);
    case 'Input':
    case 'Textarea':
    case 'Select':
    case 'DatePicker':
    case 'Checkbox':
    case 'RadioGroup':
      return field(node, r, path);
    case 'Chart':
      return renderChart(node);
    case 'Table':
      return table(node, r, path);
    default:
      return fallback(r, node.type);
  }
}

/** Field names that a Label in the tree points at. */
function labelledFields(root: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (!isNode(root) || depth > 64) return into;
  if (root.type === 'Label' && typeof root.fieldName === 'string') into.add(root.fieldName);
  const children = isNode(root.children) ? [root.children] : list(root.children);
  for (const child of children) labelledFields(child, into, depth + 1);
  return into;
}

/**
 * Renders a ChatKit widget root (`Card`, `ListView`, `Basic`; a lone component is
 * accepted too). Never throws: a malformed tree renders a neutral fallback. Include
 * {@link widgetStyles} in the host's styles.
 */
export function renderWidget(root: unknown, ctx: WidgetContext): TemplateResult {
  const r: R = { ctx, off: ctx.busy === '*', labelled: labelledFields(root) };
  const theme = isNode(root) ? word(root.theme) : nothing;
  return html`<div
    class="w-root"
    part="widget"
    data-theme=${theme}
    aria-busy=${ctx.busy ? 'true' : 'false'}
  >${keyed(isNode(root) ? root.type : '', renderNode(root, r, 'root'))}</div>`;
}
