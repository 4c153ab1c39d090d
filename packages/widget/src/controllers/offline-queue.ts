/**
 * The offline queue: a message sent while the browser is offline (or whose request
 * failed before any answer, with the browser offline by then) waits for the
 * network and goes by itself when it is back, with the same `Idempotency-Key`,
 * so a server that keeps keys never stores it twice.
 */
import { TokenError } from '@chat-widget/auth';
import {
  ChatKitConnectionError,
  isOffline,
  pause,
  type ResumeThreadRequest,
  type StreamingRequest,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import type { ChatTransport } from './transport.js';

/** A new idempotency key: a v4 UUID (outside secure contexts, random base-36 digits and the time). */
export const idempotencyKey = (): string =>
  crypto.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36);

/** The request never got an answer: it may not have reached the server. */
const unsent = (error: unknown): boolean =>
  (error instanceof ChatKitConnectionError && error.stage === 'request') ||
  (error instanceof TokenError && error.code === 'ERR_NETWORK');

/**
 * Streams `req`; with a `key` (a user message), waits while offline first, and
 * sends again with the same key after a failure that got no answer while the
 * browser went offline. `onQueued(true)` when it starts waiting, `(false)` when
 * it sends.
 */
export async function* sendWhenOnline(
  transport: ChatTransport,
  req: StreamingRequest | ResumeThreadRequest,
  signal: AbortSignal,
  key: string | undefined,
  onQueued: (waiting: boolean) => void,
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  while (true) {
    if (key && isOffline()) {
      onQueued(true);
      // Offline, `pause` waits for the window's `online` event (or 2^31 - 1 ms, ~24 days).
      await pause(0, Date.now() + 2 ** 31 - 1, signal);
      onQueued(false);
    }
    try {
      yield* transport.stream(req, { signal, idempotencyKey: key });
      return;
    } catch (error) {
      if (!key || signal.aborted || !unsent(error) || !isOffline()) throw error;
    }
  }
}
