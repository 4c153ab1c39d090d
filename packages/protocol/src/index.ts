// @chat-widget/protocol: typed ChatKit wire format, an SSE decoder, a fetch-based
// client and a pure reducer that folds stream events into a thread's item list.

export {
  type ChatKitClient,
  type ChatKitClientOptions,
  type ChatKitTransport,
  createChatKitClient,
  createChatKitTransport,
  parseEvent,
  type RequestOptions,
  type StreamOptions,
} from './client.js';
export {
  ChatKitConnectionError,
  ChatKitContentTypeError,
  ChatKitError,
  type ChatKitErrorCode,
  ChatKitHttpError,
  ChatKitMalformedEventError,
  ChatKitMalformedResponseError,
  isErrorBody,
} from './errors.js';
export type * from './events.js';
export { createUserMessageInput, type UserMessageInputOptions } from './input.js';
export type * from './items.js';
export { HIDDEN_ITEM_TYPES } from './items.js';
export {
  addPendingUserMessage,
  applyItemUpdate,
  applyStreamEvent,
  createThreadState,
  endRun,
  removeItem,
  startRun,
  type ThreadState,
} from './reducer.js';
export type * from './requests.js';
export {
  isStreamingRequest,
  NON_STREAMING_REQUEST_TYPES,
  STREAMING_REQUEST_TYPES,
} from './requests.js';
export {
  type ActiveTurn,
  type EventId,
  isOffline,
  parseEventId,
  pause,
  type ResumeOptions,
  type ResumeThreadParams,
  type ResumeThreadRequest,
  type StopThreadRequest,
} from './resume.js';
export { parseSSE, SSEDecoder, type SSEMessage } from './sse.js';
export { parseTimestamp } from './time.js';

export { VERSION } from './version.js';
