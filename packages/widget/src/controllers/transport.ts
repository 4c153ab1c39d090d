import type {
  NonStreamingRequest,
  ResponseFor,
  StreamingRequest,
  ThreadStreamEvent,
} from '@chat-widget/protocol';

/** The part of `createChatKitClient()`'s result the widget uses. */
export interface ChatTransport {
  request<R extends NonStreamingRequest>(
    req: R,
    options?: { signal?: AbortSignal },
  ): Promise<ResponseFor<R>>;
  stream(
    req: StreamingRequest,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<ThreadStreamEvent>;
}

/** A host that re-renders when asked (Lit's ReactiveControllerHost, or a test double). */
export interface UpdateHost {
  requestUpdate(): void;
}
