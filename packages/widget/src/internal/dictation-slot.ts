// Where the microphone goes in the composer: nothing until dictation is on, then the
// recording code (dictation.ts) is imported the first time the composer renders, so a
// bundler can leave it out of the first load (the script-tag build keeps it in the panel
// chunk: cheaper than a chunk of its own). A recording stops when its composer goes away.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Dictation, DictationOptions } from './dictation.js';
import { adoptStyles } from './element-base.js';

export class DictationSlot implements ReactiveController {
  private _mic: Dictation | null = null;
  private _loading = false;
  /** The composer rendered the microphone in this update. */
  private _shown = false;

  constructor(
    private readonly _options: DictationOptions & {
      host: DictationOptions['host'] & ReactiveControllerHost;
    },
  ) {
    this._options.host.addController(this);
  }

  hostUpdate(): void {
    this._shown = false;
  }

  hostUpdated(): void {
    if (!this._shown) this._mic?._cancel();
  }

  hostDisconnected(): void {
    this._mic?._cancel();
  }

  /** The microphone button and its status line, once loaded; null while off or loading. */
  _render(enabled: boolean, disabled: boolean): ReturnType<Dictation['_render']> | null {
    if (!enabled) return null;
    this._shown = true;
    if (this._mic) return this._mic._render(disabled);
    if (!this._loading) {
      this._loading = true;
      import('./dictation.js').then(
        ({ Dictation, dictationStyles }) => {
          const root = this._options.host.shadowRoot;
          if (root) adoptStyles(root, [dictationStyles]);
          this._mic = new Dictation(this._options);
          this._options.host.requestUpdate();
        },
        (error: unknown) => {
          this._loading = false;
          console.warn('chat-widget: dictation did not load', error);
        },
      );
    }
    return null;
  }
}
