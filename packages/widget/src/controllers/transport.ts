import type {
  EmptyResponse,
  NonStreamingRequest,
  ResponseFor,
  ResumeThreadRequest,
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
    req: StreamingRequest | ResumeThreadRequest,
    options?: { signal?: AbortSignal; idempotencyKey?: string },
  ): AsyncIterable<ThreadStreamEvent>;
  /** The server resumes replies (its events carry ids): Stop cancels with `stopThread`. */
  readonly resumable?: boolean;
  /** `threads.stop`: cancels the thread's running turn on the server. */
  stopThread?(threadId: string): Promise<EmptyResponse>;
}

/** A host that re-renders when asked (Lit's ReactiveControllerHost, or a test double). */
export interface UpdateHost {
  requestUpdate(): void;
}
