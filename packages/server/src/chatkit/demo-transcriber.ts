// A transcriber for demos and tests: no model, no network. It answers with what it
// heard — the size and type of the recording — so dictation can be tried offline.
import type { ChatKitRequestContext } from './options.js';

/**
 * An `input.transcribe` handler that "hears" the recording and says how much of what
 * it got, e.g. `(heard 12 KB of audio/webm)`. An empty recording is heard as nothing
 * (`""`). Pass it as `transcribe` of `createChatKitHandler`.
 */
export async function demoTranscriber(
  audio: Uint8Array,
  mimeType: string,
  _context?: ChatKitRequestContext,
): Promise<string> {
  if (audio.byteLength === 0) return '';
  const kb = audio.byteLength / 1024;
  // The type without parameters (`audio/webm;codecs=opus` → `audio/webm`), never raw input.
  const type = /^[\w.+-]+\/[\w.+-]+/.exec(mimeType.trim())?.[0].slice(0, 60) ?? 'audio';
  return `(heard ${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB of ${type})`;
}
