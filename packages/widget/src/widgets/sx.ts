// An element directive that sets CSS properties through the CSSOM (`style.setProperty`)
// and the `data-*` attributes the styles key on. Lit's styleMap writes a `style` attribute
// on first render, which a strict CSP (`style-src 'self'`) blocks; CSSOM writes are allowed.
import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import type { Css } from './style.js';

class CssDirective extends Directive {
  private _names: string[] = [];
  render(_css: Css) {
    return noChange;
  }
  override update(part: ElementPart, [css]: [Css]) {
    const el = part.element as HTMLElement;
    /** Sets (or, without a value, removes) one CSS property or `data-*` attribute. */
    const set = (name: string, value?: string) =>
      /^data-/.test(name)
        ? value === undefined
          ? el.removeAttribute(name)
          : el.setAttribute(name, value)
        : value === undefined
          ? el.style.removeProperty(name)
          : el.style.setProperty(name, value);
    for (const name of this._names) if (!(name in css)) set(name);
    for (const name in css) set(name, css[name]);
    this._names = Object.keys(css);
    return noChange;
  }
}

/**
 * `<div ${sx({gap: '8px', 'data-size': 'sm'})}>`: sets (and later removes) CSS properties
 * and `data-*` attributes on the element.
 */
export const sx = directive(CssDirective);
