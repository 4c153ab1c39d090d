// Keyed children, much smaller than Lit's `repeat` (the renderer is its only user): each
// value renders into a box of its own (`.w-k`, `display: contents`, so layout and the
// accessibility tree see through it), kept by key. An update renders every value into the
// box its key had (new keys get a new box), and Lit places the boxes in the new order:
// the DOM of a kept node moves with it, with what the user typed; a gone key's box goes.
import { render } from 'lit';
import { Directive, directive } from 'lit/directive.js';

class KeyedDirective extends Directive {
  private _boxes = new Map<string, HTMLElement>();
  render(values: unknown[], keys: string[]) {
    const boxes = new Map<string, HTMLElement>();
    const nodes = keys.map((key, i) => {
      const box =
        this._boxes.get(key) ?? Object.assign(document.createElement('div'), { className: 'w-k' });
      render(values[i], box);
      boxes.set(key, box);
      return box;
    });
    this._boxes = boxes;
    return nodes;
  }
}

/** `${keyed(values, keys)}`: `values[i]` rendered under `keys[i]` (keys are unique). */
export const keyed = directive(KeyedDirective);
