// Keyed children, smaller than Lit's `repeat` (the renderer is its only user): each value
// keeps the DOM it rendered last time under the same key, moved into place when the order
// changes; values under new keys get new DOM, and DOM whose key is gone is removed.
import { noChange } from 'lit';
import { type ChildPart, Directive, directive } from 'lit/directive.js';
import {
  getCommittedValue,
  insertPart,
  removePart,
  setChildPartValue,
  setCommittedValue,
} from 'lit/directive-helpers.js';

class KeyedDirective extends Directive {
  /** The keys of the parts last committed, in order. */
  private _keys: string[] = [];
  render(values: unknown[], _keys: string[]) {
    return values;
  }
  override update(part: ChildPart, [values, keys]: [unknown[], string[]]) {
    const old = getCommittedValue(part);
    const known = this._keys;
    this._keys = keys;
    // First render: Lit renders the array (one part per value).
    if (!Array.isArray(old)) return values;
    const parts = new Map(known.map((key, i) => [key, old[i] as ChildPart]));
    for (const [key, gone] of parts) if (!keys.includes(key)) removePart(gone);
    // From the last value back: each part goes just before the one after it.
    const next: ChildPart[] = [];
    for (let i = keys.length; i--; )
      next[i] = setChildPartValue(insertPart(part, next[i + 1], parts.get(keys[i]!)), values[i]);
    setCommittedValue(part, next);
    return noChange;
  }
}

/** `${keyed(values, keys)}`: `values[i]` rendered under `keys[i]` (keys are unique). */
export const keyed = directive(KeyedDirective);
