// Sidebar mode: which side of the viewport the open panel is docked to, told to the host
// page, and (only with `push`) room made for it with a margin on <body>.

/** The physical side the open sidebar covers, or null (closed, or another mode). */
export type DockedSide = 'left' | 'right' | null;

/**
 * Keeps `docked="left|right"` on the element while its sidebar is open (host CSS can
 * reserve the space itself), and with `push` a body margin on that side as wide as the
 * panel; the body's own inline margin comes back when it closes.
 */
export class SidebarDock {
  private _side: DockedSide = null;
  private _pushed: 'marginLeft' | 'marginRight' | null = null;
  private _saved = '';

  constructor(private readonly _host: HTMLElement) {}

  /** `panel`: the open sidebar panel, else null. */
  _sync(panel: HTMLElement | null, push: boolean): void {
    const box = panel?.getBoundingClientRect();
    const side: DockedSide = box
      ? box.left + box.width / 2 < innerWidth / 2
        ? 'left'
        : 'right'
      : null;
    if (side !== this._side) {
      this._side = side;
      if (side) this._host.setAttribute('docked', side);
      else this._host.removeAttribute('docked');
    }
    this._unpush();
    // A panel as wide as a phone screen overlays: pushing would leave no page to see.
    if (!box || !push || box.width > innerWidth * 0.6) return;
    const body = document.body.style;
    const key = side === 'left' ? 'marginLeft' : 'marginRight';
    this._pushed = key;
    this._saved = body[key];
    const own = Number.parseFloat(getComputedStyle(document.body)[key]) || 0;
    body[key] = `${own + box.width}px`;
  }

  private _unpush() {
    if (this._pushed) document.body.style[this._pushed] = this._saved;
    this._pushed = null;
  }
}
