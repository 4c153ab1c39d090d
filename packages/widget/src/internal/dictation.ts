// Dictation, loaded on demand (see dictation-slot.ts): the microphone button, the
// recording (MediaRecorder) and `input.transcribe`. The text it hears goes into the
// composer for the user to edit and send. Escape cancels a recording or a transcription.
import { css, html, nothing, svg } from 'lit';
import { classify } from '../controllers/failure.js';
import type { ChatTransport } from '../controllers/transport.js';
import { errorText } from './error-text.js';
import type { ChatWidgetStrings, TextKey } from './strings.js';

export interface DictationOptions {
  /** The element: re-rendered on every change, Escape listened for on it. */
  host: HTMLElement & { requestUpdate(): void; readonly renderRoot: ParentNode };
  transport(): ChatTransport | null;
  strings(): ChatWidgetStrings;
  /** The text heard: the element puts it in the composer. */
  onText(text: string): void;
}

type State = 'idle' | 'starting' | 'recording' | 'transcribing';

/** Longest recording (ms): it then stops and is transcribed (a request body stays small). */
const MAX_RECORDING = 120_000;
/** Container types in order of preference; the browser's default when none is supported. */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];

const micIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false"><rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/></svg>`;

/** A data URL's base64 part, read with FileReader (no string building over the bytes). */
const base64 = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/** Which text explains a getUserMedia / MediaRecorder failure. */
const micError = (error: unknown): TextKey => {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'errorMicDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError')
    return 'errorMicMissing';
  return 'errorMicUnsupported';
};

export class Dictation {
  private state: State = 'idle';
  private error: string | null = null;
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;
  /** Counts runs: a cancelled one never writes its results. */
  private run = 0;

  constructor(private readonly options: DictationOptions) {}

  private set(state: State, error: string | null = null) {
    this.state = state;
    this.error = error;
    const { host } = this.options;
    // While busy, Escape anywhere in the widget cancels (before the panel's own Escape).
    if (state === 'idle') host.removeEventListener('keydown', this.onKeydown, true);
    else host.addEventListener('keydown', this.onKeydown, true);
    host.requestUpdate();
  }

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.cancel()) event.preventDefault();
  };

  /** Stops and forgets a recording or transcription; false when there was none. */
  cancel(): boolean {
    if (this.state === 'idle') return false;
    this.run++;
    this.release();
    this.abort?.abort();
    this.set('idle');
    return true;
  }

  private release() {
    clearTimeout(this.timer);
    const recorder = this.recorder;
    this.recorder = null;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  /** The button: starts recording, or finishes it (then transcribes). */
  private toggle = () => {
    // A second press before the recorder has stopped is ignored.
    if (this.recorder?.state === 'recording') this.recorder.stop();
    else if (this.state === 'idle') void this.start();
  };

  private async start() {
    const run = ++this.run;
    this.set('starting');
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia || typeof MediaRecorder === 'undefined') {
      this.set('idle', this.options.strings().errorMicUnsupported);
      return;
    }
    try {
      const stream = await media.getUserMedia({ audio: true });
      if (run !== this.run) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      this.stream = stream;
      const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
      this.recorder = recorder;
      this.chunks = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size) this.chunks.push(event.data);
      };
      recorder.onstop = () => {
        if (run === this.run) void this.transcribe(run, recorder.mimeType || type || 'audio/webm');
      };
      recorder.start();
      this.timer = setTimeout(() => recorder.stop(), MAX_RECORDING);
      this.set('recording');
    } catch (error) {
      if (run !== this.run) return;
      this.release();
      this.set('idle', this.options.strings()[micError(error)]);
    }
  }

  private async transcribe(run: number, mimeType: string) {
    this.release();
    const s = this.options.strings();
    const transport = this.options.transport();
    const blob = new Blob(this.chunks, { type: mimeType });
    this.chunks = [];
    if (!transport || blob.size === 0) {
      this.set('idle', s.errorNoSpeech);
      return;
    }
    this.set('transcribing');
    const abort = new AbortController();
    this.abort = abort;
    try {
      const { text } = await transport.request(
        {
          type: 'input.transcribe',
          params: { audio_base64: await base64(blob), mime_type: mimeType },
        },
        { signal: abort.signal },
      );
      if (run !== this.run) return;
      const heard = typeof text === 'string' ? text.trim() : '';
      this.set('idle', heard ? null : s.errorNoSpeech);
      if (heard) this.options.onText(heard);
    } catch (error) {
      if (run !== this.run) return;
      const failure = { ...classify(error), context: 'reply' as const, retry: null };
      this.set('idle', `${s.errorTranscribe} ${errorText(failure, s)}`);
    }
  }

  /** The microphone button (beside send) and the status or error line (under the composer). */
  render(disabled: boolean) {
    const s = this.options.strings();
    const state = this.state;
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
        @click=${this.toggle}
      >
        ${micIcon}
      </button>`,
      status: note
        ? html`<p class="dictation-note" part="dictation-status" role="status">${note}</p>`
        : this.error
          ? html`<p class="dictation-note error" part="dictation-error" role="alert">
              ${this.error}
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
