// An element directive that sets CSS properties through the CSSOM (`style.setProperty`).
// Lit's styleMap writes a `style` attribute on first render, which a strict CSP
// (`style-src 'self'`) blocks; CSSOM writes are allowed.
import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import type { Css } from './style.js';

class CssDirective extends Directive {
  private _names: string[] = [];
  render(_css: Css) {
    return noChange;
  }
  override update(part: ElementPart, [css]: [Css]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this._names) if (!(name in css)) style.removeProperty(name);
    for (const name in css) style.setProperty(name, css[name]!);
    this._names = Object.keys(css);
    return noChange;
  }
}

/** `<div ${sx({gap: '8px'})}>`: sets (and later removes) CSS properties on the element. */
export const sx = directive(CssDirective);
