// Where the microphone goes in the composer: nothing until dictation is on, then the
// recording code (dictation.ts) is imported the first time the composer renders, so
// pages without dictation never load it. A recording stops when its composer goes away.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Dictation, DictationOptions } from './dictation.js';

export class DictationSlot implements ReactiveController {
  private mic: Dictation | null = null;
  private loading = false;
  /** The composer rendered the microphone in this update. */
  private shown = false;

  constructor(
    private readonly options: DictationOptions & {
      host: DictationOptions['host'] & ReactiveControllerHost;
    },
  ) {
    options.host.addController(this);
  }

  hostUpdate(): void {
    this.shown = false;
  }

  hostUpdated(): void {
    if (!this.shown) this.mic?.cancel();
  }

  hostDisconnected(): void {
    this.mic?.cancel();
  }

  /** The microphone button and its status line, once loaded; null while off or loading. */
  render(enabled: boolean, disabled: boolean): ReturnType<Dictation['render']> | null {
    if (!enabled) return null;
    this.shown = true;
    if (this.mic) return this.mic.render(disabled);
    if (!this.loading) {
      this.loading = true;
      import('./dictation.js').then(
        ({ Dictation, dictationStyles }) => {
          const root = this.options.host.shadowRoot;
          const sheet = dictationStyles.styleSheet;
          if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
          this.mic = new Dictation(this.options);
          this.options.host.requestUpdate();
        },
        (error: unknown) => {
          this.loading = false;
          console.warn('chat-widget: dictation did not load', error);
        },
      );
    }
    return null;
  }
}
