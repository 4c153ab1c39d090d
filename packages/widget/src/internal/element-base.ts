// The element's own small base class, in place of Lit's ReactiveElement (about 2.4 KB of
// the loader before this): declared properties with their attributes (converted and, when
// asked, reflected), one update per microtask batch (willUpdate → controllers' hostUpdate →
// update → hostUpdated → updated, the changed properties with their old values), reactive
// controllers, and an open shadow root with constructable stylesheets. It keeps Lit's
// semantics for what <chat-widget> uses: values set before the element upgraded go through
// the accessors, old values are `undefined` until the first update, an attribute change does
// not reflect back, updates wait until the element is first connected. Lit's html`` renderer
// stays in the panel's chunk, which renders into this element's shadow root; every
// stylesheet, the panel's too, is this module's css`` (CSS text).
import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';

/** CSS text. A tagged template only so that the build minifies it as it does Lit's css``. */
export const css = (strings: TemplateStringsArray, ...values: string[]): string =>
  String.raw({ raw: strings }, ...values);

/** How a property meets its attribute. */
export interface PropertyDeclaration {
  /** The attribute's name; default: the property's name in kebab-case. `false`: none. */
  readonly attribute?: string | false;
  /** How the attribute's text reads as a value (default: as it is; `null` when absent). */
  readonly type?: BooleanConstructor | NumberConstructor | ArrayConstructor;
  /** The attribute follows the property (string and boolean properties). */
  readonly reflect?: boolean;
  /** Reads the attribute's text instead of `type`. */
  readonly converter?: { fromAttribute(value: string | null): unknown };
}

/** A stylesheet: CSS text (this module's css``, the panel's stylesheets too). */
export type Style = string;

/** One constructed sheet per CSS text. */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * Puts `styles` into `root`, after the ones it has. Constructable stylesheets only (no
 * `<style>` fallback): every browser that runs this build has them. Its syntax (class
 * static blocks) needs Chrome 94, Safari 16.4 or Firefox 93, and the panel calls
 * Array.prototype.findLast (Firefox 104); adoptedStyleSheets came in Chrome 73, Safari 16.4
 * and Firefox 101. A `<style>` element would also be blocked by the strict CSP
 * (style-src 'self'), which adopted sheets are not.
 */
export const adoptStyles = (root: ShadowRoot, styles: readonly Style[]): void => {
  root.adoptedStyleSheets = [
    ...root.adoptedStyleSheets,
    ...styles.map((s) => {
      let sheet = sheets.get(s);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(s);
        sheets.set(s, sheet);
      }
      return sheet;
    }),
  ];
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const attributeOf = (name: string, declaration: PropertyDeclaration) =>
  declaration.attribute ?? kebab(name);

/** An attribute's text as the property's value. */
const fromAttribute = (value: string | null, { type, converter }: PropertyDeclaration): unknown => {
  if (converter) return converter.fromAttribute(value);
  if (type === Boolean) return value !== null;
  if (value === null) return null;
  if (type === Number) return Number(value);
  if (type === Array) {
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  }
  return value;
};

// Where there is no DOM (server rendering imports the element), a plain class stands in.
const Base: typeof HTMLElement =
  globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/** Attribute → property, per element class (finalized once). */
const attributeMaps = new WeakMap<typeof ElementBase, Map<string, string>>();

export abstract class ElementBase extends Base implements ReactiveControllerHost {
  /** The reactive properties: an accessor each, and an observed attribute unless `false`. */
  static properties: Record<string, PropertyDeclaration> = {};
  /** The element's own stylesheet. */
  static styles = '';

  /** Defines the accessors of a class's properties and maps its attributes (once per class). */
  static #finalize(ctor: typeof ElementBase): Map<string, string> {
    let attributes = attributeMaps.get(ctor);
    if (attributes) return attributes;
    attributes = new Map();
    for (const [name, declaration] of Object.entries(ctor.properties)) {
      const attribute = attributeOf(name, declaration);
      if (attribute) attributes.set(attribute, name);
      Object.defineProperty(ctor.prototype, name, {
        get(this: ElementBase) {
          // Read on the prototype itself (no instance): undefined, as with Lit.
          return #values in this ? this.#values.get(name) : undefined;
        },
        set(this: ElementBase, value: unknown) {
          const old = this.#values.get(name);
          this.#values.set(name, value);
          if (!Object.is(old, value)) this.#changed(name, old);
        },
        configurable: true,
        enumerable: true,
      });
    }
    attributeMaps.set(ctor, attributes);
    return attributes;
  }

  static get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: the class being defined (a subclass)
    return [...ElementBase.#finalize(this).keys()];
  }

  /** Where the element renders: its shadow root, from the first connection on. */
  renderRoot!: ShadowRoot;
  #values = new Map<string, unknown>();
  /** The properties changed since the last update, with their old values. */
  #changes = new Map<string, unknown>();
  /** Properties whose attribute follows them at the next update. */
  #reflect = new Set<string>();
  /** The property an attribute is being read into or written from (no echo either way). */
  #reflecting: string | undefined;
  #controllers = new Set<ReactiveController>();
  /** Values set on the element before it upgraded, put back through the accessors. */
  #early: [string, unknown][] = [];
  #pending?: boolean;
  #updated?: boolean;
  /** The last update (settled when it is done); first, the wait for the first connection. */
  #done: Promise<boolean>;
  #connect!: (value: boolean) => void;

  constructor() {
    super();
    const ctor = this.constructor as typeof ElementBase;
    ElementBase.#finalize(ctor);
    const self = this as unknown as Record<string, unknown>;
    for (const name in ctor.properties) {
      if (Object.hasOwn(this, name)) {
        this.#early.push([name, self[name]]);
        delete self[name];
      }
    }
    this.#done = new Promise((resolve) => {
      this.#connect = resolve;
    });
    this.requestUpdate();
  }

  /** Resolves when the pending update is done (`true` when no other is pending then). */
  get updateComplete(): Promise<boolean> {
    return this.#done;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Asks for an update (one per microtask batch). */
  requestUpdate(): void {
    if (!this.#pending) {
      this.#pending = true;
      this.#done = this.#enqueue();
    }
  }

  async #enqueue(): Promise<boolean> {
    try {
      await this.#done;
    } catch {
      // The previous update threw (and said so); this one still runs.
    }
    this.#perform();
    return !this.#pending;
  }

  #changed(name: string, old: unknown): void {
    if (!this.#changes.has(name)) this.#changes.set(name, this.#updated ? old : undefined);
    const declaration = (this.constructor as typeof ElementBase).properties[name];
    if (declaration?.reflect && this.#reflecting !== name) this.#reflect.add(name);
    this.requestUpdate();
  }

  #perform(): void {
    if (!this.#updated) {
      this.renderRoot ??= this.createRenderRoot();
      for (const [name, value] of this.#early.splice(0)) {
        (this as unknown as Record<string, unknown>)[name] = value;
      }
    }
    const changed = this.#changes as unknown as PropertyValues<this>;
    try {
      this.willUpdate(changed);
      for (const c of this.#controllers) c.hostUpdate?.();
      this.update(changed);
    } catch (error) {
      this.#markUpdated();
      throw error;
    }
    for (const c of this.#controllers) c.hostUpdated?.();
    this.#updated = true;
    this.updated(changed);
  }

  #markUpdated(): void {
    this.#changes = new Map();
    this.#pending = false;
  }

  createRenderRoot(): ShadowRoot {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptStyles(root, [(this.constructor as typeof ElementBase).styles]);
    return root;
  }

  connectedCallback(): void {
    this.renderRoot ??= this.createRenderRoot();
    this.#connect(true);
    for (const c of this.#controllers) c.hostConnected?.();
  }

  disconnectedCallback(): void {
    for (const c of this.#controllers) c.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const ctor = this.constructor as typeof ElementBase;
    const name = attributeMaps.get(ctor)?.get(attribute);
    if (name === undefined || this.#reflecting === name) return;
    this.#reflecting = name;
    (this as unknown as Record<string, unknown>)[name] = fromAttribute(
      value,
      ctor.properties[name] as PropertyDeclaration,
    );
    this.#reflecting = undefined;
  }

  /** Before the DOM updates: derive state from what changed. */
  protected willUpdate(_changed: PropertyValues<this>): void {}

  /** Updates the DOM; the reflected attributes first (an override calls it first). */
  protected update(_changed: PropertyValues<this>): void {
    const ctor = this.constructor as typeof ElementBase;
    for (const name of this.#reflect) {
      const declaration = ctor.properties[name] as PropertyDeclaration;
      const value = (this as unknown as Record<string, unknown>)[name];
      const text = declaration.type === Boolean ? (value ? '' : null) : value;
      const attribute = attributeOf(name, declaration) as string;
      this.#reflecting = name;
      if (text == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(text));
      this.#reflecting = undefined;
    }
    this.#reflect.clear();
    this.#markUpdated();
  }

  /** After the DOM updated. */
  protected updated(_changed: PropertyValues<this>): void {}
}
