// Dictation, loaded on demand (see dictation-slot.ts): the microphone button, the
// recording (MediaRecorder) and `input.transcribe`. The text it hears goes into the
// composer for the user to edit and send. Escape cancels a recording or a transcription.
import { html, nothing } from 'lit';
import { classify } from '../controllers/failure.js';
import type { ChatTransport } from '../controllers/transport.js';
import { iconSvg } from '../widgets/icons.js';
import { css } from './element-base.js';
import { errorText } from './error-text.js';
import type { ChatWidgetStrings, TextKey } from './strings.js';

export interface DictationOptions {
  /** The element: re-rendered on every change, Escape listened for on it. */
  host: HTMLElement & { requestUpdate(): void; readonly renderRoot: ParentNode };
  _transport(): ChatTransport | null;
  _strings(): ChatWidgetStrings;
  /** The text heard: the element puts it in the composer. */
  _onText(text: string): void;
}

type State = 'idle' | 'starting' | 'recording' | 'transcribing';

/** Longest recording (ms): it then stops and is transcribed (a request body stays small). */
const MAX_RECORDING = 120_000;

const micIcon = iconSvg('M9 6a3 3 0 0 1 6 0v5a3 3 0 0 1-6 0zM5 11a7 7 0 0 0 14 0M12 18v3');

/** A data URL's base64 part, read with FileReader (no string building over the bytes). */
const base64 = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    // The data after the last comma (base64 has none; a media type's parameters may).
    reader.onload = () => resolve(String(reader.result).split(',').pop()!);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/** Which text explains a getUserMedia / MediaRecorder failure. */
const micError = (error: unknown): TextKey => {
  const name = String((error as { name?: unknown } | null)?.name);
  return /^(NotAllowed|Security)Error$/.test(name)
    ? 'errorMicDenied'
    : /^(NotFound|Overconstrained|NotReadable)Error$/.test(name)
      ? 'errorMicMissing'
      : 'errorMicUnsupported';
};

export class Dictation {
  private _state: State = 'idle';
  private _error: string | null = null;
  private _recorder: MediaRecorder | null = null;
  private _stream: MediaStream | null = null;
  private _chunks: Blob[] = [];
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _abort: AbortController | null = null;
  /** Counts runs: a cancelled one never writes its results. */
  private _run = 0;

  constructor(private readonly _options: DictationOptions) {}

  private _set(state: State, error: string | null = null) {
    this._state = state;
    this._error = error;
    const { host } = this._options;
    // While busy, Escape anywhere in the widget cancels (before the panel's own Escape).
    if (state === 'idle') host.removeEventListener('keydown', this._onKeydown, true);
    else host.addEventListener('keydown', this._onKeydown, true);
    host.requestUpdate();
  }

  private _onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this._cancel()) event.preventDefault();
  };

  /** Stops and forgets a recording or transcription; false when there was none. */
  _cancel(): boolean {
    if (this._state === 'idle') return false;
    this._run++;
    this._release();
    this._abort?.abort();
    this._set('idle');
    return true;
  }

  private _release() {
    clearTimeout(this._timer);
    const recorder = this._recorder;
    this._recorder = null;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    for (const track of this._stream?.getTracks() ?? []) track.stop();
    this._stream = null;
  }

  /** The button: starts recording, or finishes it (then transcribes). */
  private _toggle = () => {
    // A second press before the recorder has stopped is ignored.
    if (this._recorder?.state === 'recording') this._recorder.stop();
    else if (this._state === 'idle') void this._start();
  };

  private async _start() {
    const run = ++this._run;
    this._set('starting');
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia || typeof MediaRecorder === 'undefined') {
      this._set('idle', this._options._strings().errorMicUnsupported);
      return;
    }
    try {
      const stream = await media.getUserMedia({ audio: true });
      if (run !== this._run) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      this._stream = stream;
      // The browser's own container (webm/opus, ogg/opus in Firefox, mp4 in Safari).
      const recorder = new MediaRecorder(stream);
      this._recorder = recorder;
      this._chunks = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size) this._chunks.push(event.data);
      };
      recorder.onstop = () => {
        if (run === this._run) void this._transcribe(run, recorder.mimeType || 'audio/webm');
      };
      recorder.start();
      this._timer = setTimeout(() => recorder.stop(), MAX_RECORDING);
      this._set('recording');
    } catch (error) {
      if (run !== this._run) return;
      this._release();
      this._set('idle', this._options._strings()[micError(error)]);
    }
  }

  private async _transcribe(run: number, mimeType: string) {
    this._release();
    const s = this._options._strings();
    const transport = this._options._transport();
    const blob = new Blob(this._chunks, { type: mimeType });
    this._chunks = [];
    if (!transport || blob.size === 0) {
      this._set('idle', s.errorNoSpeech);
      return;
    }
    this._set('transcribing');
    const abort = new AbortController();
    this._abort = abort;
    try {
      const { text } = await transport.request(
        {
          type: 'input.transcribe',
          params: { audio_base64: await base64(blob), mime_type: mimeType },
        },
        { signal: abort.signal },
      );
      if (run !== this._run) return;
      const heard = typeof text === 'string' ? text.trim() : '';
      this._set('idle', heard ? null : s.errorNoSpeech);
      if (heard) this._options._onText(heard);
    } catch (error) {
      if (run !== this._run) return;
      const failure = { ...classify(error), context: 'reply' as const, retry: null };
      this._set('idle', `${s.errorTranscribe} ${errorText(failure, s)}`);
    }
  }

  /** The microphone button (beside send) and the status or error line (under the composer). */
  _render(disabled: boolean) {
    const s = this._options._strings();
    const state = this._state;
    const recording = state === 'recording';
    const busy = state === 'starting' || state === 'transcribing';
    const note = recording
      ? s.dictationListening
      : state === 'transcribing'
        ? s.dictationTranscribing
        : null;
    return {
      button: html`<button
        class="icon-button dictate ${recording ? 'recording' : ''}"
        part="dictate-button"
        type="button"
        aria-label=${s.dictate}
        title=${s.dictate}
        aria-pressed=${recording ? 'true' : 'false'}
        aria-busy=${busy ? 'true' : 'false'}
        ?disabled=${disabled && state === 'idle'}
        @click=${this._toggle}
      >
        ${micIcon}
      </button>`,
      status: note
        ? html`<p class="dictation-note" part="dictation-status" role="status">${note}</p>`
        : this._error
          ? html`<p class="dictation-note error" part="dictation-error" role="alert">
              ${this._error}
            </p>`
          : nothing,
    };
  }
}

export const dictationStyles = css`
  .dictate {
    border-radius: 50%;
  }
  .dictate.recording {
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 12%, transparent);
    box-shadow: 0 0 0 2px var(--_danger);
  }
  .dictation-note {
    order: 4;
    flex-basis: 100%;
    margin: 0;
    padding: 2px 0 4px;
    font-size: 0.87em;
    color: var(--_muted);
  }
  .dictation-note.error {
    color: var(--_danger);
  }
`;
