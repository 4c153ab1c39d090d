/**
 * The offline queue: a message sent while the browser is offline (or whose request
 * failed before any answer, with the browser offline by then) waits for the
 * network and goes by itself when it is back, with the same `Idempotency-Key`,
 * so a server that keeps keys never stores it twice.
 */
import { TokenError } from '@chat-widget/auth';
import {
  ChatKitConnectionError,
  type ResumeThreadRequest,
  type StreamingRequest,
  type ThreadStreamEvent,
} from '@chat-widget/protocol';
import type { ChatTransport } from './transport.js';

/** The browser says it has no network; false where it cannot tell. */
export const offline = (): boolean =>
  typeof navigator !== 'undefined' && navigator.onLine === false;

/** Resolves at the window's next `online` event; rejects with the signal's reason on abort. */
export function whenOnline(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      removeEventListener('online', done);
      signal.removeEventListener('abort', done);
      if (signal.aborted) reject(signal.reason);
      else resolve();
    };
    addEventListener('online', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

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
    if (key && offline()) {
      onQueued(true);
      await whenOnline(signal);
      onQueued(false);
    }
    try {
      yield* transport.stream(req, { signal, idempotencyKey: key });
      return;
    } catch (error) {
      if (!key || signal.aborted || !unsent(error) || !offline()) throw error;
    }
  }
}
