// Tracks response bodies still being sent (SSE streams), so shutdown can wait
// for them to wind down (the ChatKit handler saves a stopped answer after the
// client goes away) before the databases close under them.
export function createInflightTracker() {
  const pending = new Set<Promise<void>>();

  /** Wraps a response so its body's end (or cancellation) is observed. */
  function track(response: Response): Response {
    const source = response.body;
    if (!source) return response;
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => {
      settle = resolve;
    });
    pending.add(finished);
    void finished.then(() => pending.delete(finished));
    const reader = source.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            settle();
          } else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
          settle();
        }
      },
      async cancel(reason) {
        settle();
        await reader.cancel(reason);
      },
    });
    return new Response(body, response);
  }

  /** Resolves once every tracked body ended, or after `timeoutMs`; true if something was in flight. */
  async function drain(timeoutMs: number, settleMs = 150): Promise<boolean> {
    if (pending.size === 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...pending]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    // The handler finishes its bookkeeping (saving a stopped answer) just after the body ends.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return true;
  }

  return {
    track,
    drain,
    get size() {
      return pending.size;
    },
  };
}
