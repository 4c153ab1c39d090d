// Test seams shared by the unit tests: a cookie-carrying fetch (Node has no
// cookie jar), a FIFO Web Locks stand-in, and a countable event target.
import type { LockManagerLike } from '../../src/index.ts';

/** fetch that adds the test user's session cookie (and Origin on writes), as a browser would with credentials: 'include'. */
export function cookieFetch(cookie: string, seen?: RequestInit[], origin?: string): typeof fetch {
  return (input, init) => {
    seen?.push(init ?? {});
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    // Browsers send Origin on POSTs; Better Auth's CSRF check needs it with a cookie.
    if (origin && init?.method && init.method !== 'GET') headers.set('origin', origin);
    return fetch(input, { ...init, headers });
  };
}

/**
 * In-process stand-in for `navigator.locks` (Node 20 has none): exclusive,
 * FIFO, no timeout, honours an abort signal while waiting. Shared by several
 * managers it plays the browser's lock manager for several tabs.
 */
export function fifoLocks(): LockManagerLike & { grants: number } {
  const tails = new Map<string, Promise<void>>();
  const manager = {
    grants: 0,
    request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown>) {
      const previous = tails.get(name) ?? Promise.resolve();
      let release!: () => void;
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      tails.set(
        name,
        previous.then(() => done),
      );
      return previous.then(async () => {
        try {
          options.signal?.throwIfAborted();
          manager.grants++;
          return await callback();
        } finally {
          release();
        }
      });
    },
  };
  return manager;
}

/** An EventTarget that counts its listeners, standing in for window/document. */
export class CountingTarget extends EventTarget {
  listeners = 0;
  visibilityState = 'visible';
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
    this.listeners++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>) {
    this.listeners--;
    super.removeEventListener(...args);
  }
}
