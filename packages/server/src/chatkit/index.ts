// @chat-widget/server/chatkit: a ChatKit protocol endpoint with pluggable
// storage and responders.

export { ServerError, type ServerErrorCode } from '../errors.js';
export { DEMO_ITEM_TRIGGERS } from './demo-items.js';
export { DEMO_TRIGGERS, type DemoResponderOptions, demoResponder } from './demo-responder.js';
export { demoTranscriber } from './demo-transcriber.js';
export { demoSyncAction } from './demo-widgets.js';
export { ChatKitRequestError, type ChatKitRequestErrorCode } from './errors.js';
export {
  type ChatKitFetchHandler,
  type ChatKitHandler,
  type ChatKitHandlerOptions,
  type ChatKitRequestContext,
  createChatKitFetchHandler,
  createChatKitHandler,
  defaultTitle,
} from './handler.js';
export { createMemoryStore } from './memory-store.js';
export {
  type OpenAIResponderOptions,
  openAIResponder,
  toChatMessages,
} from './openai-responder.js';
export {
  createPostgresStore,
  type PgPool,
  type PgPoolClient,
  type PgQueryable,
  type PgQueryResult,
  type PostgresStoreOptions,
} from './postgres-store.js';
export {
  createPostgresTurnLog,
  type PgListenClient,
  type PgNotification,
  type PostgresTurnLogOptions,
} from './postgres-turn-log.js';
export {
  ChatKitStreamError,
  pickModel,
  type RespondContext,
  type Responder,
  type ResponderOutput,
  userText,
} from './responder.js';
export {
  createSqliteStore,
  type SqliteDatabase,
  type SqliteStatement,
  type SqliteStoreOptions,
} from './sqlite-store.js';
export {
  type ChatKitStore,
  type IdempotencyRecord,
  InvalidCursorError,
  type ListOptions,
  pageOf,
  type StoredAttachment,
} from './store.js';
export {
  createMemoryTurnLog,
  type LoggedEvent,
  type MemoryTurnLogOptions,
  type RenewResult,
  type TurnLog,
  type TurnRecord,
  type TurnStatus,
} from './turn-log.js';
export { parseChatKitRequest } from './validate.js';
