// ChatKit widget trees → Lit templates: one small render function per component type
// (COMPONENTS), sharing the helpers for common props. Every string from the server
// reaches the DOM as a text node or an attribute/property binding (never innerHTML),
// styles go through the CSSOM (allowed by a strict CSP), images load from http(s) only,
// and a node the renderer does not know, or one whose props are malformed, becomes a
// neutral fallback.
//
// Streaming: children are keyed (by id, key or position and type), so an updated tree
// patches the DOM already there. Form controls bind their *default* value only: what a
// user typed, checked or selected survives any update.
import { html, nothing, type TemplateResult } from 'lit';
import { renderMarkdown } from '../markdown/render.js';
import { type FieldLike, formValues, loadingScope, readAction } from './actions.js';
import { renderChart } from './chart.js';
import { widgetIcon } from './icons.js';
import { keyed } from './keyed.js';
import {
  blockCss,
  boxCss,
  type Css,
  type CssRead,
  type CssSpec,
  color,
  cssOf,
  imageUrl,
  isRecord,
  length,
  list,
  oneOf,
  space,
  str,
  string,
  textAlign,
} from './style.js';
import { sx } from './sx.js';
import type { WidgetAction, WidgetContext, WidgetNode } from './types.js';

/** Render state passed down the tree. */
interface R {
  _ctx: WidgetContext;
  /** The whole widget is busy (`container` loading): every control is disabled. */
  _off: boolean;
  /** Field names some Label points at (those fields need no fallback aria-label). */
  _labelled: Set<string>;
  /** Key of the enclosing Form (its submit buttons share its loading state). */
  _form?: string;
  /** Rendering a ListView's items (they are list items only there). */
  _list?: boolean;
}

/** Renders one component type. */
type Component = (node: WidgetNode, r: R, path: string) => unknown;

type Props = Record<string, unknown>;

const isNode = (value: unknown): value is WidgetNode =>
  typeof value === 'object' && value !== null && typeof (value as WidgetNode).type === 'string';
const word: CssRead = (value) =>
  typeof value === 'string' && /^[\w-]{1,20}$/.test(value) ? value : undefined;
const opt = (value: unknown): string | typeof nothing =>
  typeof value === 'string' && value ? value : nothing;
/** An ARIA state attribute's value. */
const trueFalse = (value: boolean) => (value ? 'true' : 'false');
const fieldId = (r: R, name: string) => `${r._ctx.itemId}:${name}`;
const isoDate = (value: unknown): string | typeof nothing =>
  /^\d{4}-\d{2}-\d{2}/.exec(str(value))?.[0] ?? nothing;
/** `row` or `col`: Row and Col by their type, the others by their `direction` prop. */
const directionOf = (node: WidgetNode) =>
  node.type === 'Row' || (node.type !== 'Col' && node.direction === 'row') ? 'row' : 'col';

/** The node's own id or key, if any. */
const idOf = (node: WidgetNode) => str(node.id) || str(node.key);
/** The control's key: its id, key, or position in the tree. */
const keyOf = (node: WidgetNode, path: string) => idOf(node) || path;

const fieldsOf = (form: HTMLFormElement): FieldLike[] =>
  Array.from(form.elements).filter(
    (el): el is HTMLInputElement => 'name' in el && 'value' in el && Boolean(el.name),
  );
const formOf = (event: Event) => formValues(fieldsOf(event.currentTarget as HTMLFormElement));
/** A busy control stays focusable (`aria-disabled`), so its clicks must do nothing. */
const ariaDisabled = (event: Event) =>
  (event.currentTarget as HTMLElement).getAttribute('aria-disabled') === 'true';

/** Fires `action` unless the widget or this control is busy. */
function act(
  r: R,
  action: WidgetAction | null,
  component: string,
  key: string,
  values: Record<string, unknown> | null,
) {
  if (!action || r._off || r._ctx.busy === key) return;
  const source = { key, component, loading: loadingScope(action.loadingBehavior, component) };
  void Promise.resolve(r._ctx.dispatchAction(action, values, source)).catch(() => {});
}

/** Whether a control is disabled: by its props, or while its action (or the widget) is busy. */
const isOff = (r: R, node: WidgetNode, key: string) =>
  node.disabled === true || r._off || r._ctx.busy === key;

/**
 * The `data-*` attributes the styles key on: the words `size`, `variant`, `color`, `style`
 * and the flags `pill`, `block`, `uniform`, `frame`, `flush`, `italic`, `lineThrough`,
 * `autoResize` (lower-cased), for whichever component has them.
 */
const DATA: CssSpec = [
  ...['size', 'variant', 'color', 'style'].map((p) => [p, `data-${p}`, word] as const),
  ...['pill', 'block', 'uniform', 'frame', 'flush', 'italic', 'lineThrough', 'autoResize'].map(
    (p) => [p, `data-${p.toLowerCase()}`, (v: unknown) => (v === true ? '' : undefined)] as const,
  ),
];
/** The node's data attributes plus `css`, on the element. */
const look = (node: WidgetNode, css: Css = {}) => sx(cssOf(node, DATA, css));

const TEXT: CssSpec = [
  ['color', 'color', color],
  ['weight', 'font-weight', oneOf({ normal: '400', medium: '500', semibold: '600', bold: '700' })],
  ['textAlign', 'text-align', textAlign],
  ['width', 'width', length],
  ['minLines', 'min-height', (v) => (typeof v === 'number' ? `${v}lh` : undefined)],
  // The `clamp` class clamps to one line (`truncate`) unless `maxLines` says otherwise.
  [
    'maxLines',
    '-webkit-line-clamp',
    (v) => (typeof v === 'number' && v > 0 ? String(Math.floor(v)) : undefined),
  ],
];

/** Text styles, and the class that clamps to `maxLines` (or one line when `truncate`). */
const textLook = (node: WidgetNode) =>
  [
    typeof node.maxLines === 'number' || node.truncate === true ? 'clamp' : '',
    look(node, cssOf(node, TEXT)),
  ] as const;

/** Children, keyed so an updated tree reuses the DOM of the nodes it keeps. */
function kids(children: unknown, r: R, path: string): unknown {
  const items = list(children);
  const seen = new Set<string>();
  const keys = items.map((child, i) => {
    let key = isNode(child) ? `${child.type}:${idOf(child) || i}` : `?${i}`;
    if (seen.has(key)) key += `#${i}`;
    seen.add(key);
    return key;
  });
  return keyed(
    items.map((child, i) => renderNode(child, r, `${path}.${i}`)),
    keys,
  );
}

const fallback = (r: R, type: string) =>
  html`<span class="w-fallback" part="widget-fallback" data-type=${type}
    >${r._ctx.strings?.unsupported ?? 'Unsupported content'}</span
  >`;

function renderNode(node: unknown, r: R, path: string): unknown {
  if (!isNode(node)) return fallback(r, typeof node);
  try {
    // Props of a shape no type allows (a number where a list goes, …): never break the thread.
    if (Object.hasOwn(COMPONENTS, node.type)) return COMPONENTS[node.type]!(node, r, path);
  } catch {}
  return fallback(r, node.type);
}

const box: Component = (node, r, path) =>
  html`<div class="w-box" data-dir=${directionOf(node)} ${look(node, boxCss(node))}>
    ${kids(node.children, r, path)}
  </div>`;

function status(node: WidgetNode, r: R) {
  const s = node.status as Props | undefined;
  if (!s || typeof s !== 'object' || !str(s.text)) return nothing;
  const favicon = imageUrl(s.favicon, r._ctx.allowedImageDomains);
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

const card: Component = (node, r, path) => {
  const asForm = node.asForm === true;
  const key = keyOf(node, path);
  /** The `confirm` or `cancel` button: a Button (component `Card`) running that action. */
  const cardButton = (which: 'cancel' | 'confirm') => {
    const spec = node[which] as Props | undefined;
    return spec
      ? button(
          {
            type: 'Card',
            key: `${key}:${which}`,
            label: spec.label,
            style: which === 'confirm' ? 'primary' : 'secondary',
            // The confirm button of a form card submits it: the form's submit handler runs it.
            submit: asForm && which === 'confirm',
            asForm,
            onClickAction: spec.action,
          },
          r,
          path,
          ` widget-${which}`,
        )
      : nothing;
  };
  const body = html`${node.collapsed === true ? nothing : html`<div class="w-card-body">${kids(node.children, r, path)}</div>`}
    ${
      node.confirm || node.cancel
        ? html`<div class="w-card-actions">${cardButton('cancel')}${cardButton('confirm')}</div>`
        : nothing
    }`;
  return html`<div class="w-card" part="widget-card" ${look(node, boxCss(node))}>
    ${status(node, r)}
    ${
      asForm
        ? html`<form
          class="w-card-form"
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            act(
              r,
              readAction((node.confirm as Props | undefined)?.action),
              'Card',
              `${key}:confirm`,
              formOf(event),
            );
          }}
        >${body}</form>`
        : body
    }
  </div>`;
};

const listView: Component = (node, r, path) => {
  const items = list(node.children);
  const limit = typeof node.limit === 'number' && node.limit > 0 ? Math.floor(node.limit) : 0;
  const shown = limit && items.length > limit ? items.slice(0, limit) : items;
  const rest = shown === items ? [] : items.slice(limit);
  const inList = { ...r, _list: true };
  return html`<div class="w-list" part="widget-list">
    ${status(node, r)}
    <div class="w-list-items" role="list">${kids(shown, inList, path)}</div>
    ${
      rest.length
        ? html`<details class="w-more">
          <summary>${r._ctx.strings?.showMore ?? 'Show more'} (${rest.length})</summary>
          <div role="list">${kids(rest, inList, `${path}+`)}</div>
        </details>`
        : nothing
    }
  </div>`;
};

const listItem: Component = (node, r, path) => {
  const action = readAction(node.onClickAction);
  const key = keyOf(node, path);
  const css = look(node, boxCss(node));
  const role = r._list ? 'listitem' : nothing;
  const content = kids(node.children, { ...r, _list: false }, path);
  if (!action) return html`<div class="w-li" role=${role} ${css}>${content}</div>`;
  const off = isOff(r, node, key);
  const run = () => act(r, action, 'ListViewItem', key, null);
  return html`<div role=${role} class="w-li-wrap"><div
    class="w-li"
    part="widget-list-item"
    role="button"
    tabindex=${off ? -1 : 0}
    aria-disabled=${trueFalse(off)}
    aria-busy=${trueFalse(r._ctx.busy === key)}
    ${css}
    @click=${run}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      run();
    }}
  >${content}</div></div>`;
};

/** Text, Title and Caption: a paragraph (an editable Text is an input). */
const text: Component = (node, r, path) => {
  const [clamp, css] = textLook(node);
  const isText = node.type === 'Text';
  const editable = isText && isRecord(node.editable) ? node.editable : null;
  // An editable Text is an input (class `w-editable`) with the text as its default value.
  if (editable && str(editable.name))
    return input({ ...node, ...editable, type: 'Editable', defaultValue: node.value }, r, path);
  return html`<p
    class="w-${node.type.toLowerCase()} ${clamp}"
    aria-busy=${isText ? trueFalse(node.streaming === true) : nothing}
    ${css}
  >${str(node.value)}</p>`;
};

/** What every form control reads: its name, key, id, state and change handler. */
function control(node: WidgetNode, r: R, path: string) {
  const name = str(node.name);
  const key = keyOf(node, path);
  const action = readAction(node.onChangeAction);
  return {
    _name: name,
    _id: fieldId(r, name),
    _off: isOff(r, node, key),
    _label: r._labelled.has(name) ? nothing : str(node.placeholder) || name || nothing,
    _changed: (event: Event) => {
      const el = event.target as HTMLInputElement;
      act(r, action, node.type, key, { [name]: el.type === 'checkbox' ? el.checked : el.value });
    },
  };
}

/** Input, DatePicker and an editable Text (with the Text's styles). */
const input: Component = (node, r, path) => {
  const {
    _name: name,
    _id: id,
    _off: off,
    _label: label,
    _changed: changed,
  } = control(node, r, path);
  const date = node.type === 'DatePicker';
  const type = str(node.inputType);
  return html`<input
    class="w-input w-${node.type.toLowerCase()}"
    id=${id}
    name=${name}
    type=${date ? 'date' : /^(number|email|text|password|tel|url)$/.test(type) ? type : 'text'}
    .defaultValue=${date ? str(isoDate(node.defaultValue)) : str(node.defaultValue)}
    min=${date ? isoDate(node.min) : nothing}
    max=${date ? isoDate(node.max) : nothing}
    placeholder=${date ? nothing : opt(node.placeholder)}
    pattern=${date ? nothing : opt(node.pattern)}
    autocomplete=${node.allowAutofillExtensions === false ? 'off' : opt(node.autoComplete)}
    aria-label=${label}
    ?required=${node.required === true}
    ?disabled=${off}
    ?autofocus=${node.autoFocus === true}
    @focus=${node.autoSelect === true ? (e: Event) => (e.target as HTMLInputElement).select() : null}
    @change=${date ? changed : null}
    ${look(node, cssOf(node, TEXT))}
  >`;
};

const textarea: Component = (node, r, path) => {
  const { _name: name, _id: id, _off: off, _label: label } = control(node, r, path);
  return html`<textarea
    class="w-input w-textarea"
    id=${id}
    name=${name}
    rows=${typeof node.rows === 'number' ? node.rows : 3}
    .defaultValue=${str(node.defaultValue)}
    placeholder=${opt(node.placeholder)}
    aria-label=${label}
    ?required=${node.required === true}
    ?disabled=${off}
    ?autofocus=${node.autoFocus === true}
    ${look(node, cssOf(node, [['maxRows', 'max-height', (v) => (typeof v === 'number' ? `calc(${v}lh + 1em)` : undefined)]]))}
  ></textarea>`;
};

/** The options of a Select or RadioGroup: `{value, label, description?, disabled?}`. */
const options = (node: WidgetNode) =>
  list(node.options).map((o) => {
    const option = (o ?? {}) as Props;
    const value = str(option.value);
    return { value, label: str(option.label) || value, option };
  });

const select: Component = (node, r, path) => {
  const {
    _name: name,
    _id: id,
    _off: off,
    _label: label,
    _changed: changed,
  } = control(node, r, path);
  const current = str(node.defaultValue);
  const placeholder = str(node.placeholder);
  return html`<select
    class="w-input w-select"
    id=${id}
    name=${name}
    aria-label=${label}
    ?required=${node.required === true}
    ?disabled=${off}
    @change=${changed}
    ${look(node)}
  >
    ${
      placeholder || !current
        ? html`<option value="" ?disabled=${node.clearable !== true} ?selected=${!current}>${placeholder}</option>`
        : nothing
    }
    ${options(node).map(({ value, label, option }) => {
      const description = str(option.description);
      return html`<option
        value=${value}
        ?selected=${value === current}
        ?disabled=${option.disabled === true}
      >${label}${description ? ` — ${description}` : ''}</option>`;
    })}
  </select>`;
};

/** A checkbox or radio button with its label text. */
const check = (
  type: string,
  node: WidgetNode,
  { _name: name, _off: off, _changed: changed }: ReturnType<typeof control>,
  text: string,
  checked: boolean,
  attributes: { id?: string; value?: string; disabled?: boolean },
) =>
  html`<label class="w-check">
    <input
      type=${type}
      id=${attributes.id ?? nothing}
      name=${name}
      value=${attributes.value ?? nothing}
      .defaultChecked=${checked}
      aria-label=${text || type === 'radio' ? nothing : name}
      ?required=${node.required === true}
      ?disabled=${off || attributes.disabled === true}
      @change=${changed}
    ><span>${text}</span>
  </label>`;

const checkbox: Component = (node, r, path) => {
  const field = control(node, r, path);
  return check('checkbox', node, field, str(node.label), node.defaultChecked === true, {
    id: field._id,
  });
};

const radioGroup: Component = (node, r, path) => {
  const field = control(node, r, path);
  const current = str(node.defaultValue);
  return html`<div
    class="w-radios"
    role="radiogroup"
    id=${field._id}
    data-dir=${directionOf(node)}
    aria-label=${str(node.ariaLabel) || field._name}
    aria-required=${trueFalse(node.required === true)}
  >
    ${options(node).map(({ value, label, option }) =>
      check('radio', node, field, label, value === current, {
        value,
        disabled: option.disabled === true,
      }),
    )}
  </div>`;
};

/**
 * A Button, and a Card's confirm/cancel (`part` adds `widget-confirm`/`widget-cancel`; the
 * action then reports component `Card` and, in a form card, sends the form's fields).
 */
const button = (node: WidgetNode, r: R, path: string, part = '') => {
  const key = keyOf(node, path);
  const action = readAction(node.onClickAction);
  const submit = node.submit === true;
  const label = str(node.label);
  const icon = (name: unknown) => (name ? widgetIcon(name) : nothing);
  return html`<button
    class="w-btn"
    part="widget-button${part}"
    type=${submit ? 'submit' : 'button'}
    aria-label=${label ? nothing : str(node.iconStart) || str(node.iconEnd) || 'button'}
    aria-busy=${trueFalse(r._ctx.busy === key)}
    ?disabled=${node.disabled === true}
    aria-disabled=${trueFalse(
      r._off || r._ctx.busy === key || (submit && r._form !== undefined && r._ctx.busy === r._form),
    )}
    @click=${(event: Event) => {
      // Busy buttons stay focusable (aria-disabled), so they must not act, nor submit.
      if (ariaDisabled(event)) event.preventDefault();
      else if (!submit) {
        const form = (event.target as HTMLElement).closest('form');
        act(
          r,
          action,
          node.type,
          key,
          node.asForm === true && form ? formValues(fieldsOf(form)) : null,
        );
      }
    }}
    ${look(node)}
  >${icon(node.iconStart)}${label ? html`<span>${label}</span>` : nothing}${icon(node.iconEnd)}</button>`;
};

const IMAGE: CssSpec = [
  ['fit', 'object-fit', string],
  ['position', 'object-position', string],
  ['background', 'background-color', color],
];

const image: Component = (node, r) => {
  const src = imageUrl(node.src, r._ctx.allowedImageDomains);
  const css = look(node, cssOf(node, IMAGE, blockCss(node)));
  if (!src)
    return html`<span class="w-img w-img-blocked" role="img" aria-label=${str(node.alt) || 'image'} ${css}></span>`;
  return html`<img
    class="w-img"
    src=${src}
    alt=${str(node.alt)}
    loading="lazy"
    referrerpolicy="no-referrer"
    ${css}
  >`;
};

const CELL: CssSpec = [
  ['align', 'text-align', textAlign],
  ['vAlign', 'vertical-align', oneOf({ start: 'top', center: 'middle', end: 'bottom' })],
  ['width', 'width', length],
];

const table: Component = (node, r, path) =>
  html`<table class="w-table">${list(node.children)
    .filter(isNode)
    .map((row, i) => {
      const header = row.header === true;
      return html`<tr>${list(row.children)
        .filter(isNode)
        .map((cell, j) => {
          const content = kids(cell.children, r, `${path}.${i}.${j}`);
          const css = sx(cssOf(cell, CELL));
          const span = (v: unknown) => (typeof v === 'number' && v > 1 ? v : nothing);
          const colspan = span(cell.colSpan);
          const rowspan = span(cell.rowSpan);
          return header
            ? html`<th scope="col" colspan=${colspan} rowspan=${rowspan} ${css}>${content}</th>`
            : html`<td colspan=${colspan} rowspan=${rowspan} ${css}>${content}</td>`;
        })}</tr>`;
    })}</table>`;

const DIVIDER: CssSpec = [
  ['color', 'border-top-color', color],
  ['size', 'border-top-width', length],
  ['spacing', 'margin-block', space],
];

/** Every component by type; any other type renders the fallback. */
const COMPONENTS: Record<string, Component> = {
  Card: card,
  ListView: listView,
  ListViewItem: listItem,
  Basic: box,
  Box: box,
  Row: box,
  Col: box,
  Form: (node, r, path) => {
    const action = readAction(node.onSubmitAction);
    const key = keyOf(node, path);
    return html`<form
      class="w-box"
      data-dir=${directionOf(node)}
      aria-busy=${trueFalse(r._ctx.busy === key || r._off)}
      ${look(node, boxCss(node))}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        act(r, action, 'Form', key, formOf(event));
      }}
    >${kids(node.children, { ...r, _form: key }, path)}</form>`;
  },
  Spacer: (node) =>
    html`<div class="w-spacer" ${sx(cssOf(node, [['minSize', 'flex-basis', space]]))}></div>`,
  Divider: (node) => html`<hr class="w-divider" ${look(node, cssOf(node, DIVIDER))}>`,
  // Its one child keyed like any child: a new child gets a new box, and the styles animate
  // what enters a new box.
  Transition: (node, r, path) =>
    html`<div class="w-transition">${kids([node.children], r, path)}</div>`,
  Text: text,
  Title: text,
  Caption: text,
  Label: (node, r) => {
    const [, css] = textLook(node);
    return html`<label class="w-label" for=${fieldId(r, str(node.fieldName))} ${css}>${str(node.value)}</label>`;
  },
  Markdown: (node, r) =>
    html`<div class="w-md message" aria-busy=${trueFalse(node.streaming === true)}>${renderMarkdown(
      str(node.value),
      { codeBlockButton: r._ctx.codeBlockButton },
    )}</div>`,
  Badge: (node) => html`<span class="w-badge" ${look(node)}>${str(node.label)}</span>`,
  Icon: (node) =>
    html`<span class="w-icon" ${look(node, cssOf(node, [['color', 'color', color]]))}>${widgetIcon(node.name)}</span>`,
  Image: image,
  Button: button,
  Input: input,
  DatePicker: input,
  Textarea: textarea,
  Select: select,
  Checkbox: checkbox,
  RadioGroup: radioGroup,
  Chart: renderChart,
  Table: table,
};

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
  const r: R = { _ctx: ctx, _off: ctx.busy === '*', _labelled: labelledFields(root) };
  const theme = (isNode(root) && word(root.theme)) || nothing;
  return html`<div
    class="w-root"
    part="widget"
    data-theme=${theme}
    aria-busy=${trueFalse(Boolean(ctx.busy))}
  >${keyed([renderNode(root, r, 'root')], [isNode(root) ? root.type : ''])}</div>`;
}
