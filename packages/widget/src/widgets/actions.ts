// Widget actions without Lit: reading an ActionConfig with ChatKit's defaults, form
// values by field name, the `{type, payload}` the server receives, and the loading
// state of the actions in flight.
import { isRecord } from './style.js';
import type { WidgetAction, WidgetActionSource, WidgetLoadingBehavior } from './types.js';

const BEHAVIORS: readonly string[] = ['auto', 'none', 'self', 'container'];

/**
 * Reads an `ActionConfig` (`onClickAction`, `onSubmitAction`, `confirm.action`, …).
 * Missing fields take ChatKit's defaults: handler `server`, loadingBehavior `auto`,
 * streaming `true` (template-built widgets omit them). Returns null when `raw` is not
 * an action (no string `type`).
 */
export function readAction(raw: unknown): WidgetAction | null {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !raw.type) return null;
  const action: WidgetAction = {
    type: raw.type,
    handler: raw.handler === 'client' ? 'client' : 'server',
    loadingBehavior: BEHAVIORS.includes(raw.loadingBehavior as string)
      ? (raw.loadingBehavior as WidgetLoadingBehavior)
      : 'auto',
    streaming: raw.streaming !== false,
  };
  if (isRecord(raw.payload)) action.payload = raw.payload;
  return action;
}

/**
 * What a loading behaviour disables. `auto` is `container` for actions that act for the
 * whole widget (form submits, card confirm/cancel) and `self` for a single control.
 */
export function loadingScope(
  behavior: WidgetLoadingBehavior,
  component: string,
): WidgetActionSource['loading'] {
  if (behavior !== 'auto') return behavior;
  return component === 'Form' || component === 'Card' ? 'container' : 'self';
}

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Sets `values[name] = value`, where a dotted name nests (`address.city` →
 * `{address: {city}}`). Names that would reach an object's prototype are ignored.
 */
export function setField(values: Record<string, unknown>, name: string, value: unknown): void {
  const path = name.split('.');
  if (path.some((part) => part === '' || UNSAFE_KEYS.has(part))) return;
  let target = values;
  for (const part of path.slice(0, -1)) {
    const next = target[part];
    if (!isRecord(next)) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
}

/** The subset of form controls `formValues` reads (structural, so tests can pass plain objects). */
export interface FieldLike {
  name: string;
  type: string;
  value: string;
  checked?: boolean;
  disabled?: boolean;
}

/**
 * The values of a form's named controls, as ChatKit sends them: text as typed, a
 * checkbox as a boolean, a radio group as the checked value, and selects, dates and
 * radio groups left out while empty.
 */
export function formValues(fields: Iterable<FieldLike>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (!field.name || field.type === 'submit' || field.type === 'button') continue;
    if (field.type === 'checkbox') setField(values, field.name, Boolean(field.checked));
    else if (field.type === 'radio') {
      if (field.checked) setField(values, field.name, field.value);
    } else if (field.value !== '' || !/^(select|date|radio)/.test(field.type)) {
      setField(values, field.name, field.value);
    }
  }
  return values;
}

/**
 * The action as the server receives it in `threads.custom_action` /
 * `threads.sync_custom_action`: `{type, payload}`, where the payload is the action's
 * payload with the field values merged in (fields win), and the client-only settings
 * (`handler`, `loadingBehavior`, `streaming`) left out.
 */
export function wireAction(
  action: Pick<WidgetAction, 'type' | 'payload'>,
  values: Record<string, unknown> | null = null,
): { type: string; payload?: Record<string, unknown> } {
  const payload = values ? { ...action.payload, ...values } : action.payload;
  return payload ? { type: action.type, payload } : { type: action.type };
}

/**
 * Tracks the actions in flight per widget item so the renderer can disable what their
 * loading behaviour says (`busy(itemId)` feeds {@link WidgetContext.busy}).
 */
export class WidgetActionState {
  private readonly _busy = new Map<string, string>();
  constructor(private readonly _onChange: () => void) {}

  /** The loading scope of `itemId`'s running action: a control key, `'*'`, or null. */
  busy(itemId: string): string | null {
    return this._busy.get(itemId) ?? null;
  }

  /**
   * Runs `work` for an action fired by `source` in `itemId`, holding the loading state
   * until it settles. A second action on a widget that is still busy is ignored (the UI
   * has disabled its control already; this covers double clicks between frames).
   */
  async run(itemId: string, source: WidgetActionSource, work: () => unknown): Promise<void> {
    if (source.loading === 'none') {
      await work();
      return;
    }
    const scope = source.loading === 'container' ? '*' : source.key;
    const current = this._busy.get(itemId);
    if (current === '*' || current === scope) return;
    this._busy.set(itemId, scope);
    this._onChange();
    try {
      await work();
    } finally {
      if (this._busy.get(itemId) === scope) this._busy.delete(itemId);
      this._onChange();
    }
  }
}
