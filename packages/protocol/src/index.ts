// @chat-widget/protocol: typed ChatKit wire format, an SSE decoder, a fetch-based
// client and a pure reducer that folds stream events into a thread's item list.

export type * from './events.js';
export type * from './items.js';
export { HIDDEN_ITEM_TYPES } from './items.js';
export type * from './requests.js';
export {
  isStreamingRequest,
  NON_STREAMING_REQUEST_TYPES,
  STREAMING_REQUEST_TYPES,
} from './requests.js';

export const VERSION = '0.1.0';
